package io.outdial.core.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransferAcceptanceTest {
  private static final Duration TEN = Duration.ofSeconds(10);

  @Test
  void answeringAcceptsUnlessAKeyIsAskedFor() {
    assertThat(TransferAcceptance.ANSWER.byKey()).isFalse();
    assertThat(TransferAcceptance.ANSWER.prompt()).isEmpty();

    TransferAcceptance one = new TransferAcceptance(Optional.of('1'), TEN);
    assertThat(one.byKey()).isTrue();
    assertThat(one.prompt()).contains("Press 1 to take the call.");
    assertThat(new TransferAcceptance(Optional.of('#'), TEN).prompt())
        .contains("Press pound to take the call.");
  }

  @Test
  void theKeyAcceptsAndAnyOtherRefuses() {
    TransferAcceptance one = new TransferAcceptance(Optional.of('1'), TEN);
    assertThat(one.answer('1')).isEqualTo(TransferAcceptance.Answer.ACCEPTED);
    assertThat(one.answer('2')).isEqualTo(TransferAcceptance.Answer.REFUSED);
    assertThat(one.answer('*')).isEqualTo(TransferAcceptance.Answer.REFUSED);
  }

  @Test
  void onlyPhoneKeysAndSensibleWaitsAreAccepted() {
    assertThatThrownBy(() -> new TransferAcceptance(Optional.of('A'), TEN))
        .hasMessageContaining("not a phone key");
    assertThatThrownBy(() -> new TransferAcceptance(Optional.of('1'), Duration.ofMillis(500)))
        .hasMessageContaining("1 s to 2 min");
    assertThatThrownBy(() -> new TransferAcceptance(Optional.of('1'), Duration.ofMinutes(3)))
        .hasMessageContaining("1 s to 2 min");
    assertThat(TransferAcceptance.isKey('*')).isTrue();
    assertThat(TransferAcceptance.isKey('x')).isFalse();
  }
}
