package io.outdial.dialer.spi;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a carrier that carries audio measured about one answered call, for the call record and the
 * campaign's quality figures. Each measure is empty when it does not apply (no machine detection
 * ran, the agent never spoke).
 *
 * @param firstAudio from the answer to the first audio of the agent sent to the callee
 * @param machineDetection from the answer to the answering-machine detection's verdict
 * @param deadAir the silence the callee met before the agent's first audio: from the end of what
 *     the callee said after answering (their "Hello?"), or from the answer when they said nothing,
 *     to the agent's first audio, or to the end of the call when the agent never spoke. Above two
 *     seconds a person hears an abandoned call (the telemarketing safe-harbor line); one who hangs
 *     up within two seconds, before the agent spoke, did not.
 * @param voiceToVoice for each turn of the callee the agent answered, oldest first: from the end of
 *     the callee's speech to the first audio of the agent's answer (the silence the callee waits
 *     through: endpointing, speech to text, the model's first sentence, its synthesis)
 * @param endpointing for each turn of the callee, oldest first: from the end of their speech to the
 *     moment the carrier decided the turn was over (the end-of-turn silence)
 */
public record MediaQuality(
    Optional<Duration> firstAudio,
    Optional<Duration> machineDetection,
    Optional<Duration> deadAir,
    List<Duration> voiceToVoice,
    List<Duration> endpointing) {
  public MediaQuality {
    Objects.requireNonNull(firstAudio, "firstAudio");
    Objects.requireNonNull(machineDetection, "machineDetection");
    Objects.requireNonNull(deadAir, "deadAir");
    requireNotNegative("firstAudio", firstAudio);
    requireNotNegative("machineDetection", machineDetection);
    requireNotNegative("deadAir", deadAir);
    voiceToVoice = List.copyOf(voiceToVoice);
    endpointing = List.copyOf(endpointing);
    voiceToVoice.forEach(d -> requireNotNegative("voiceToVoice", Optional.of(d)));
    endpointing.forEach(d -> requireNotNegative("endpointing", Optional.of(d)));
  }

  /** The call-level measures, without per-turn ones. */
  public MediaQuality(
      Optional<Duration> firstAudio,
      Optional<Duration> machineDetection,
      Optional<Duration> deadAir) {
    this(firstAudio, machineDetection, deadAir, List.of(), List.of());
  }

  /** Nothing measured. */
  public static final MediaQuality NONE =
      new MediaQuality(Optional.empty(), Optional.empty(), Optional.empty());

  private static void requireNotNegative(String name, Optional<Duration> value) {
    value.ifPresent(
        d -> {
          if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
          }
        });
  }
}
