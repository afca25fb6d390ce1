package io.outdial.persistence.dialing;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a carrier with audio measured about one call, in milliseconds; each empty when not measured.
 *
 * @param firstAudioMs from the answer to the agent's first audio
 * @param machineDetectionMs from the answer to the answering-machine verdict
 * @param deadAirMs the silence the callee met before the agent's first audio
 * @param voiceToVoiceMs per turn of the callee the agent answered, oldest first: from the end of
 *     the callee's speech to the agent's first audio
 * @param endpointingMs per turn of the callee, oldest first: from the end of their speech to the
 *     carrier deciding the turn was over
 */
public record AudioTimes(
    Optional<Integer> firstAudioMs,
    Optional<Integer> machineDetectionMs,
    Optional<Integer> deadAirMs,
    List<Integer> voiceToVoiceMs,
    List<Integer> endpointingMs) {
  /** Dead air above this is counted against the telemarketing safe-harbor line. */
  public static final int DEAD_AIR_LIMIT_MS = 2000;

  /**
   * At most this many turns are kept per measure: a five-minute call has a few dozen, and a bound
   * keeps one pathological call from bloating its row.
   */
  public static final int MAX_TURNS = 200;

  public static final AudioTimes NONE =
      new AudioTimes(Optional.empty(), Optional.empty(), Optional.empty());

  public AudioTimes {
    Objects.requireNonNull(firstAudioMs, "firstAudioMs");
    Objects.requireNonNull(machineDetectionMs, "machineDetectionMs");
    Objects.requireNonNull(deadAirMs, "deadAirMs");
    voiceToVoiceMs = bounded(voiceToVoiceMs);
    endpointingMs = bounded(endpointingMs);
  }

  /** The call-level measures, without per-turn ones. */
  public AudioTimes(
      Optional<Integer> firstAudioMs,
      Optional<Integer> machineDetectionMs,
      Optional<Integer> deadAirMs) {
    this(firstAudioMs, machineDetectionMs, deadAirMs, List.of(), List.of());
  }

  /** Per-turn milliseconds as a PostgreSQL array literal ({@code {640,720}}), null when none. */
  static String arrayLiteral(List<Integer> values) {
    if (values.isEmpty()) {
      return null;
    }
    StringBuilder s = new StringBuilder("{");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        s.append(',');
      }
      s.append(values.get(i).intValue());
    }
    return s.append('}').toString();
  }

  private static List<Integer> bounded(List<Integer> values) {
    List<Integer> copy = List.copyOf(values);
    return copy.size() > MAX_TURNS ? copy.subList(0, MAX_TURNS) : copy;
  }
}
