package io.outdial.dialer.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class SerialDrainTest {
  private final List<Runnable> submitted = new ArrayList<>();

  @Test
  void aRunningDrainIsNotSubmittedTwiceAndCanBeStartedAgainOnceFinished() {
    SerialDrain drain = new SerialDrain(submitted::add, () -> {}, "test");

    assertThat(drain.start()).isTrue();
    assertThat(drain.start()).isFalse();
    assertThat(drain.claim()).isFalse();
    assertThat(submitted).hasSize(1);

    drain.finished();
    assertThat(drain.start()).isTrue();
    assertThat(submitted).hasSize(2);
  }

  @Test
  void anExecutorThatRefusesWorkWhileStoppingLeavesTheDrainStartable() {
    Executor stopping =
        task -> {
          throw new RejectedExecutionException("shutting down");
        };
    SerialDrain drain = new SerialDrain(stopping, () -> {}, "test");

    assertThat(drain.start()).isFalse();
    assertThat(drain.claim()).as("not left marked as running").isTrue();
  }
}
