package io.outdial.core.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.core.ValidationException;
import org.junit.jupiter.api.Test;

class CampaignSettingsTest {
  @Test
  void priorityOutsideOneToTenIsRefusedNamingTheField() {
    assertThatThrownBy(() -> Priority.of(11))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("priority must be between 1 and 10")
        .extracting(e -> ((ValidationException) e).field())
        .isEqualTo("priority");
    assertThatThrownBy(() -> Priority.of(0)).isInstanceOf(ValidationException.class);
  }

  @Test
  void missingPriorityDefaultsToFiveAndTenIsMostUrgent() {
    assertThat(Priority.orDefault(null)).isEqualTo(Priority.of(5));
    assertThat(Priority.of(10)).isGreaterThan(Priority.of(9));
    assertThat(Priority.orDefault(7).value()).isEqualTo(7);
  }

  @Test
  void maxConcurrentMustBeAtLeastOneAndDefaultsToAHundred() {
    assertThat(MaxConcurrent.orDefault(null).value()).isEqualTo(100);
    assertThat(MaxConcurrent.of(1).value()).isEqualTo(1);
    assertThatThrownBy(() -> MaxConcurrent.of(0))
        .hasMessageStartingWith("max_concurrent must be at least 1");
  }

  @Test
  void voicesParseFromTheirWireNamesAndDefaultToTara() {
    assertThat(Voice.orDefault(null)).isEqualTo(Voice.TARA);
    assertThat(Voice.fromWire("zac")).isEqualTo(Voice.ZAC);
    assertThat(Voice.values())
        .extracting(Voice::wireName)
        .containsExactly("tara", "leah", "jess", "mia", "zoe", "leo", "dan", "zac");
    assertThatThrownBy(() -> Voice.fromWire("bob"))
        .hasMessage("voice must be one of: tara, leah, jess, mia, zoe, leo, dan, zac");
  }
}
