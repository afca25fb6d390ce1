package io.outdial.core.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.core.ValidationException;
import io.outdial.core.contact.Disposition;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SmsTemplateTest {
  @Test
  void variablesAreReplacedAndMissingOnesBecomeEmpty() {
    SmsTemplate t = new SmsTemplate("Hi {{first_name}}{{ last_name }}, about {{metadata.job}} $1");

    assertThat(t.render(Map.of("first_name", "Ada", "metadata.job", "the role")))
        .isEqualTo("Hi Ada, about the role $1");
  }

  @Test
  void aRenderedTextIsCutToTheLongestMessage() {
    SmsTemplate t = new SmsTemplate("{{first_name}}");

    assertThat(t.render(Map.of("first_name", "x".repeat(2000)))).hasSize(SmsText.MAX_LENGTH);
  }

  @Test
  void aTextMustBeOneTo1600Characters() {
    assertThatThrownBy(() -> SmsText.check("text", " "))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("text is required");
    assertThatThrownBy(() -> SmsText.check("text", "a".repeat(1601)))
        .hasMessage("text must be at most 1600 characters, got 1601");
    assertThat(SmsText.check("text", "a".repeat(1600))).hasSize(1600);
  }

  @Test
  void aFollowUpNamesDispositionsButNeverDoNotCall() {
    SmsFollowUp f =
        new SmsFollowUp(
            Set.of(Disposition.NO_ANSWER, Disposition.VOICEMAIL), new SmsTemplate("Hi"));

    assertThat(f.column()).isEqualTo("voicemail,no_answer");
    assertThat(SmsFollowUp.read(f.column(), "Hi")).isEqualTo(f);
    assertThat(f.after(Disposition.VOICEMAIL)).isTrue();
    assertThat(f.after(Disposition.BUSY)).isFalse();
    assertThatThrownBy(
            () -> new SmsFollowUp(Set.of(Disposition.DO_NOT_CALL), new SmsTemplate("Hi")))
        .isInstanceOf(ValidationException.class)
        .extracting(e -> ((ValidationException) e).field())
        .isEqualTo("sms_follow_up.dispositions");
  }
}
