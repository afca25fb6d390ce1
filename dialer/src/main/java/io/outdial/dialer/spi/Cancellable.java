package io.outdial.dialer.spi;

/** A task scheduled on an {@link EventScheduler} that can still be called off. */
@FunctionalInterface
public interface Cancellable {
  /**
   * Calls the task off if it has not started; harmless when it already ran or was cancelled. A task
   * that is already running is not interrupted, which is why every task re-checks its call's state
   * before acting.
   */
  void cancel();
}
