package io.outdial.core.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.core.ValidationException;
import io.outdial.core.id.TransferId;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransferRulesTest {
  @Test
  void aWarmTransferWalksFromRequestToBridgeAndEnd() {
    List<TransferStatus> path =
        List.of(
            TransferStatus.REQUESTED,
            TransferStatus.HOLDING,
            TransferStatus.RINGING_AGENT,
            TransferStatus.WHISPER,
            TransferStatus.BRIDGED,
            TransferStatus.ENDED);
    for (int i = 1; i < path.size(); i++) {
      assertThat(path.get(i - 1).canMoveTo(path.get(i))).as(path.get(i).wireName()).isTrue();
    }
    assertThat(TransferStatus.ENDED.terminal()).isTrue();
    assertThat(TransferStatus.BRIDGED.completed()).isTrue();
  }

  @Test
  void terminalStatusesLeadNowhereAndABridgeCannotFail() {
    for (TransferStatus s : TransferStatus.values()) {
      assertThat(s.next().isEmpty()).as(s.wireName()).isEqualTo(s.terminal());
    }
    assertThat(TransferStatus.BRIDGED.canMoveTo(TransferStatus.FAILED)).isFalse();
    assertThat(TransferStatus.HOLDING.canMoveTo(TransferStatus.BRIDGED)).isFalse();
    assertThat(TransferStatus.REQUESTED.canMoveTo(TransferStatus.RINGING_AGENT))
        .as("a cold transfer skips the hold")
        .isTrue();
  }

  @Test
  void aHumanWhoDoesNotPickUpIsNoAnswerEverythingElseFailed() {
    assertThat(TransferFailure.AGENT_NO_ANSWER.status()).isEqualTo(TransferStatus.NO_ANSWER);
    assertThat(TransferFailure.NO_AGENTS_AVAILABLE.status()).isEqualTo(TransferStatus.FAILED);
    assertThat(TransferFailure.NO_AGENTS_AVAILABLE.wireName()).isEqualTo("no_agents_available");
  }

  @Test
  void modesParseByWireNameAndNameTheFieldOtherwise() {
    assertThat(TransferMode.fromWire("cold")).isEqualTo(TransferMode.COLD);
    assertThat(TransferMode.DEFAULT).isEqualTo(TransferMode.WARM);
    assertThatThrownBy(() -> TransferMode.fromWire("lukewarm"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("mode");
  }

  @Test
  void transferIdsCarryTheirPrefix() {
    assertThat(TransferId.random().value()).startsWith("xfer_");
    assertThatThrownBy(() -> TransferId.parse("call_abc")).isInstanceOf(ValidationException.class);
  }
}
