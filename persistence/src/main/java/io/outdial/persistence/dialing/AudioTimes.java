package io.outdial.persistence.dialing;

import java.util.Objects;
import java.util.Optional;

/**
 * What a carrier with audio measured about one call, in milliseconds; each empty when not measured
 * (the simulator measures nothing).
 *
 * @param firstAudioMs from the answer to the agent's first audio
 * @param machineDetectionMs from the answer to the answering-machine verdict
 * @param deadAirMs the silence the callee met before the agent's first audio
 */
public record AudioTimes(
    Optional<Integer> firstAudioMs,
    Optional<Integer> machineDetectionMs,
    Optional<Integer> deadAirMs) {
  /** Dead air above this is counted against the telemarketing safe-harbor line. */
  public static final int DEAD_AIR_LIMIT_MS = 2000;

  public static final AudioTimes NONE =
      new AudioTimes(Optional.empty(), Optional.empty(), Optional.empty());

  public AudioTimes {
    Objects.requireNonNull(firstAudioMs, "firstAudioMs");
    Objects.requireNonNull(machineDetectionMs, "machineDetectionMs");
    Objects.requireNonNull(deadAirMs, "deadAirMs");
  }
}
