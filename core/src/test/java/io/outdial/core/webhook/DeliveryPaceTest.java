package io.outdial.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeliveryPaceTest {
  private final DeliveryPace pace = DeliveryPace.of(32, 0.9);

  @Test
  void aBusyMachineHalvesTheLimitDownToTheFloor() {
    int limit = 32;
    int[] seen = new int[6];
    for (int i = 0; i < seen.length; i++) {
      limit = pace.next(limit, 0.97);
      seen[i] = limit;
    }
    assertThat(seen).containsExactly(16, 8, 4, 4, 4, 4);
    assertThat(pace.floor()).isEqualTo(4);
  }

  @Test
  void anIdleMachineGrowsItBackByAnEighthOfTheMaximum() {
    int limit = 4;
    for (int i = 0; i < 7; i++) {
      limit = pace.next(limit, 0.3);
    }
    assertThat(limit).isEqualTo(32);
    assertThat(pace.next(limit, 0.3)).isEqualTo(32);
  }

  @Test
  void theThresholdItselfYieldsAndAnUnknownLoadChangesNothing() {
    assertThat(pace.yields(0.9)).isTrue();
    assertThat(pace.yields(0.89)).isFalse();
    assertThat(pace.next(20, -1)).isEqualTo(20);
  }

  @Test
  void aThresholdOfOneOrMoreNeverYields() {
    DeliveryPace never = DeliveryPace.of(32, 1.01);
    assertThat(never.next(32, 1.0)).isEqualTo(32);
  }

  @Test
  void aSmallSenderKeepsOneDeliveryGoing() {
    DeliveryPace small = DeliveryPace.of(3, 0.9);
    assertThat(small.floor()).isEqualTo(1);
    assertThat(small.next(small.next(3, 1.0), 1.0)).isEqualTo(1);
    assertThat(small.next(1, 0.1)).isEqualTo(2);
  }

  @Test
  void nonsenseIsRefused() {
    assertThatThrownBy(() -> new DeliveryPace(4, 5, 0.9))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DeliveryPace(4, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
