package io.outdial.dialer.sim;

import io.outdial.core.settings.Settings;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The simulated carrier's knobs. Durations are the simulated world's; {@link #timeScale()} turns
 * them into scheduler delays.
 *
 * @param outcomes the share of each call outcome
 * @param personas the share of each persona among people who answer
 * @param ringTime how long an answered call rings; each call draws between half and one and a half
 *     times this
 * @param noAnswerAfter how long an unanswered call rings before the carrier gives up; keep it below
 *     the dialer's ring timeout so that the carrier's verdict, not the timer, ends such calls
 * @param signallingDelay how long busy and failed calls take to come back
 * @param voicemailGreeting how long the answering machine's greeting lasts before the beep
 * @param maxRecording how long the machine records after the beep before it hangs up
 * @param responseDelay how long a person pauses before answering (each reply draws between half and
 *     one and a half times this)
 * @param replyDelay how long the agent's words take to reach the callee once the dialer asks to
 *     speak them (speech to text, the model's first sentence, its synthesis and the media path;
 *     each line draws between half and one and a half times this). Lines a carrier may keep ({@link
 *     io.outdial.dialer.spi.CallHandle#speakReusable}: the greeting, the voicemail message) are
 *     cached audio and start at once
 * @param endpointing the silence after the callee's last word before the carrier decides that their
 *     turn is over and reports what they said
 * @param wordsPerSecond speaking rate used to turn text into talk time, for both sides
 * @param timeScale multiplier from simulated time to real delay: 1 is real time, 0.01 turns a 30 s
 *     call into 0.3 s, 0 removes every delay (benchmarks)
 * @param seed seeds the random source: the same seed and the same sequence of calls give the same
 *     outcomes, personas and timings
 */
public record SimulatorConfig(
    Mix<SimulatedOutcome> outcomes,
    Mix<Persona> personas,
    Duration ringTime,
    Duration noAnswerAfter,
    Duration signallingDelay,
    Duration voicemailGreeting,
    Duration maxRecording,
    Duration responseDelay,
    Duration replyDelay,
    Duration endpointing,
    Duration slowAgent,
    double wordsPerSecond,
    double timeScale,
    long seed) {

  /** About 35 % human, 45 % voicemail, 15 % no answer, 3 % busy, 2 % failed. */
  public static final Mix<SimulatedOutcome> DEFAULT_OUTCOMES =
      Mix.ordered(SimulatedOutcome.class, 35, 45, 15, 3, 2);

  /** Interested, not interested, call me later, wrong number, stop calling. */
  public static final Mix<Persona> DEFAULT_PERSONAS = Mix.ordered(Persona.class, 30, 35, 20, 8, 7);

  public SimulatorConfig {
    Objects.requireNonNull(outcomes, "outcomes");
    Objects.requireNonNull(personas, "personas");
    requirePositive("ringTime", ringTime);
    requirePositive("noAnswerAfter", noAnswerAfter);
    requirePositive("signallingDelay", signallingDelay);
    requirePositive("voicemailGreeting", voicemailGreeting);
    requirePositive("maxRecording", maxRecording);
    requirePositive("responseDelay", responseDelay);
    requireNotNegative("replyDelay", replyDelay);
    requireNotNegative("endpointing", endpointing);
    requireNotNegative("slowAgent", slowAgent);
    if (!(wordsPerSecond > 0) || Double.isInfinite(wordsPerSecond)) {
      throw new IllegalArgumentException("wordsPerSecond must be positive: " + wordsPerSecond);
    }
    if (!(timeScale >= 0) || Double.isInfinite(timeScale)) {
      throw new IllegalArgumentException("timeScale must be >= 0: " + timeScale);
    }
  }

  /** The defaults: realistic timings at real time ({@code timeScale} 1), seed 0. */
  public static SimulatorConfig defaults() {
    return new SimulatorConfig(
        DEFAULT_OUTCOMES,
        DEFAULT_PERSONAS,
        Duration.ofSeconds(6),
        Duration.ofSeconds(25),
        Duration.ofSeconds(2),
        Duration.ofSeconds(8),
        Duration.ofSeconds(60),
        Duration.ofSeconds(1),
        Duration.ofMillis(700),
        Duration.ofMillis(500),
        Duration.ofSeconds(4),
        2.5,
        1.0,
        0L);
  }

  public SimulatorConfig withTimeScale(double scale) {
    return new SimulatorConfig(
        outcomes,
        personas,
        ringTime,
        noAnswerAfter,
        signallingDelay,
        voicemailGreeting,
        maxRecording,
        responseDelay,
        replyDelay,
        endpointing,
        slowAgent,
        wordsPerSecond,
        scale,
        seed);
  }

  public SimulatorConfig withSeed(long newSeed) {
    return new SimulatorConfig(
        outcomes,
        personas,
        ringTime,
        noAnswerAfter,
        signallingDelay,
        voicemailGreeting,
        maxRecording,
        responseDelay,
        replyDelay,
        endpointing,
        slowAgent,
        wordsPerSecond,
        timeScale,
        newSeed);
  }

  public SimulatorConfig withOutcomes(Mix<SimulatedOutcome> mix) {
    return new SimulatorConfig(
        mix,
        personas,
        ringTime,
        noAnswerAfter,
        signallingDelay,
        voicemailGreeting,
        maxRecording,
        responseDelay,
        replyDelay,
        endpointing,
        slowAgent,
        wordsPerSecond,
        timeScale,
        seed);
  }

  public SimulatorConfig withPersonas(Mix<Persona> mix) {
    return new SimulatorConfig(
        outcomes,
        mix,
        ringTime,
        noAnswerAfter,
        signallingDelay,
        voicemailGreeting,
        maxRecording,
        responseDelay,
        replyDelay,
        endpointing,
        slowAgent,
        wordsPerSecond,
        timeScale,
        seed);
  }

  /** Only {@code outcome} happens: for tests of one path. */
  public SimulatorConfig always(SimulatedOutcome outcome) {
    return withOutcomes(new Mix<>(Map.of(outcome, 1.0)));
  }

  /** Every person who answers is {@code persona}: for tests of one conversation. */
  public SimulatorConfig always(Persona persona) {
    return withPersonas(new Mix<>(Map.of(persona, 1.0)));
  }

  /** The scheduler delay for a simulated duration. */
  public Duration scaled(Duration simulated) {
    if (timeScale == 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos(Math.round(simulated.toNanos() * timeScale));
  }

  /** Every key {@link #fromSettings} reads. */
  public static final Set<String> KEYS =
      Set.of(
          "mix.human",
          "mix.voicemail",
          "mix.no-answer",
          "mix.busy",
          "mix.failed",
          "persona.interested",
          "persona.not-interested",
          "persona.call-me-later",
          "persona.wrong-number",
          "persona.stop-calling",
          "ring-seconds",
          "no-answer-seconds",
          "signalling-seconds",
          "voicemail-greeting-seconds",
          "max-recording-seconds",
          "response-delay-seconds",
          "reply-delay-seconds",
          "endpointing-seconds",
          "slow-agent-seconds",
          "words-per-second",
          "time-scale",
          "seed");

  /**
   * A configuration from flat settings (keys as documented in the module README, e.g. {@code
   * time-scale}, {@code seed}, {@code mix.human}, {@code ring-seconds}); absent keys keep their
   * defaults. The {@code -seconds} settings are durations in the one syntax of {@link Settings}
   * ({@code 6s}, {@code 1.5s}, {@code 2m}, {@code PT6S}), a bare number being seconds.
   *
   * @throws IllegalArgumentException naming the key whose value is malformed
   */
  public static SimulatorConfig fromSettings(Settings in) {
    SimulatorConfig d = defaults();
    double[] outcomeWeights = new double[SimulatedOutcome.values().length];
    String[] outcomeKeys = {"human", "voicemail", "no-answer", "busy", "failed"};
    for (int i = 0; i < outcomeKeys.length; i++) {
      outcomeWeights[i] =
          weight(in, "mix." + outcomeKeys[i], d.outcomes().share(SimulatedOutcome.values()[i]));
    }
    double[] personaWeights = new double[Persona.values().length];
    String[] personaKeys = {
      "interested", "not-interested", "call-me-later", "wrong-number", "stop-calling"
    };
    for (int i = 0; i < personaKeys.length; i++) {
      personaWeights[i] =
          weight(in, "persona." + personaKeys[i], d.personas().share(Persona.values()[i]));
    }
    return new SimulatorConfig(
        Mix.ordered(SimulatedOutcome.class, outcomeWeights),
        Mix.ordered(Persona.class, personaWeights),
        seconds(in, "ring-seconds", d.ringTime()),
        seconds(in, "no-answer-seconds", d.noAnswerAfter()),
        seconds(in, "signalling-seconds", d.signallingDelay()),
        seconds(in, "voicemail-greeting-seconds", d.voicemailGreeting()),
        seconds(in, "max-recording-seconds", d.maxRecording()),
        seconds(in, "response-delay-seconds", d.responseDelay()),
        seconds(in, "reply-delay-seconds", d.replyDelay()),
        seconds(in, "endpointing-seconds", d.endpointing()),
        seconds(in, "slow-agent-seconds", d.slowAgent()),
        in.number("words-per-second", d.wordsPerSecond(), 0, Double.MAX_VALUE),
        in.number("time-scale", d.timeScale(), 0, Double.MAX_VALUE),
        in.longInteger("seed", d.seed(), Long.MIN_VALUE, Long.MAX_VALUE));
  }

  private static double weight(Settings in, String key, double fallback) {
    return in.number(key, fallback, 0, Double.MAX_VALUE);
  }

  private static Duration seconds(Settings in, String key, Duration fallback) {
    return in.duration(key, fallback, ChronoUnit.SECONDS, Duration.ZERO, Duration.ofDays(1));
  }

  private static void requireNotNegative(String name, Duration d) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be a negative duration: " + d);
    }
  }

  private static void requirePositive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration: " + d);
    }
  }
}
