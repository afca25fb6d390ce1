package io.outdial.core.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DispositionTest {
  @Test
  void dispositionsUseSnakeCaseWireNames() {
    assertThat(Disposition.HUMAN_INTERESTED.wireName()).isEqualTo("human_interested");
    assertThat(Disposition.fromWire("callback_requested"))
        .isEqualTo(Disposition.CALLBACK_REQUESTED);
    assertThat(Disposition.fromWire("no_answer")).isEqualTo(Disposition.NO_ANSWER);
    assertThatThrownBy(() -> Disposition.fromWire("Human_Interested"))
        .hasMessageStartingWith("disposition must be one of: human_interested");
  }

  @Test
  void onlyConversationsWithAPersonCountAsHumanAnswers() {
    assertThat(Arrays.stream(Disposition.values()).filter(Disposition::isHumanAnswer))
        .containsExactlyInAnyOrder(
            Disposition.HUMAN_INTERESTED,
            Disposition.HUMAN_NOT_INTERESTED,
            Disposition.CALLBACK_REQUESTED,
            Disposition.DO_NOT_CALL,
            Disposition.WRONG_NUMBER);
    assertThat(Disposition.VOICEMAIL.category()).isEqualTo(Disposition.Category.MACHINE);
    assertThat(Disposition.TIMEOUT.category()).isEqualTo(Disposition.Category.ERROR);
    assertThat(Disposition.BUSY.category()).isEqualTo(Disposition.Category.UNREACHED);
  }
}
