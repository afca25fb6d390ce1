package io.outdial.carrier.sip.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.carrier.sip.SipCallEnd;
import io.outdial.carrier.sip.SipCallEnd.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndMappingTest {
  @ParameterizedTest
  @CsvSource({
    "REMOTE_HANGUP, 0, remote_hang_up",
    "BUSY, 486, busy",
    "BUSY, 600, busy",
    "NO_ANSWER, 480, no_answer",
    "NO_ANSWER, 0, no_answer",
    "INVALID_NUMBER, 404, failed:invalid_number:404",
    "CODEC_REJECTED, 488, failed:rejected:488",
    "CODEC_REJECTED, 606, failed:rejected:606",
    "FAILED, 0, failed:network",
    "FAILED, 503, failed:provider_error:503",
    "FAILED, 500, failed:provider_error:500",
    "FAILED, 403, failed:rejected:403",
    "FAILED, 407, failed:rejected:407",
    "FAILED, 603, failed:rejected:603",
  })
  void eachSipEndBecomesTheMatchingListenerEvent(Reason reason, int status, String event) {
    var log = new EventLog();

    EndMapping.event(new SipCallEnd(reason, status, "phrase")).orElseThrow().accept(log);

    assertThat(log.events()).containsExactly(event);
  }

  @ParameterizedTest
  @CsvSource({"0", "200"})
  void ourOwnHangUpReportsNothing(int status) {
    assertThat(EndMapping.event(new SipCallEnd(Reason.LOCAL_HANGUP, status, "bye"))).isEmpty();
  }
}
