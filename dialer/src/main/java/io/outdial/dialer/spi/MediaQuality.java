package io.outdial.dialer.spi;

import java.time.Duration;
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
 *     to the agent's first audio. Above two seconds a person hears an abandoned call (the
 *     telemarketing safe-harbor line).
 */
public record MediaQuality(
    Optional<Duration> firstAudio,
    Optional<Duration> machineDetection,
    Optional<Duration> deadAir) {
  public MediaQuality {
    Objects.requireNonNull(firstAudio, "firstAudio");
    Objects.requireNonNull(machineDetection, "machineDetection");
    Objects.requireNonNull(deadAir, "deadAir");
    requireNotNegative("firstAudio", firstAudio);
    requireNotNegative("machineDetection", machineDetection);
    requireNotNegative("deadAir", deadAir);
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
