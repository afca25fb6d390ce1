package io.outdial.carrier.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.carrier.sip.SipCallEnd.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FinalStatusTest {
  @ParameterizedTest
  @CsvSource({
    "486, BUSY",
    "600, BUSY",
    "408, NO_ANSWER",
    "480, NO_ANSWER",
    "404, INVALID_NUMBER",
    "484, INVALID_NUMBER",
    "604, INVALID_NUMBER",
    "488, CODEC_REJECTED",
    "606, CODEC_REJECTED",
    "403, FAILED",
    "487, FAILED",
    "503, FAILED",
    "302, FAILED",
    "603, FAILED"
  })
  void finalStatusesMapToTheirReasonKeepingStatusAndPhrase(int status, Reason reason) {
    SipCallEnd end = FinalStatus.of(status, " Some Phrase ");

    assertThat(end).isEqualTo(new SipCallEnd(reason, status, "Some Phrase"));
  }

  @ParameterizedTest
  @CsvSource(value = {"503,", "503,' '"})
  void aMissingPhraseBecomesTheStatus(int status, String phrase) {
    assertThat(FinalStatus.of(status, phrase).detail()).isEqualTo("SIP 503");
  }
}
