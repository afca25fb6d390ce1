package io.outdial.core.dialing;

import io.outdial.core.settings.Settings;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The telemarketing safe-harbour rule on abandoned calls, per campaign. A live answer is abandoned
 * when the person does not hear the agent within {@link #DEAD_AIR_LIMIT_MS} of the end of their
 * greeting (or of the answer, when they say nothing), or never hears it. At most {@code
 * limitPercent} of a campaign's live answers over the last {@code window} may be abandoned: from
 * {@code slowDownShare} of the limit on, the campaign dials at half its concurrency (at least one
 * line), to leave the agent's resources to fewer callers; above the limit it is paused. Until the
 * window holds {@code minimumLiveAnswers} live answers the rate is not judged, so that one early
 * abandoned call (one in one: 100 %) does not pause a campaign.
 *
 * @param limitPercent the share of live answers that may be abandoned, in percent (default 3)
 * @param slowDownShare from which share of the limit the campaign slows down (default 0.8: at 2.4 %
 *     with the default limit)
 * @param window how far back live answers count (default 30 days)
 * @param minimumLiveAnswers how many live answers the window must hold before the rate is judged
 *     (default 30: at 3 %, one abandoned call in 30 is 3.3 %, so a campaign is paused only after at
 *     least two abandoned calls in its first 30 live answers)
 */
public record AbandonmentPolicy(
    double limitPercent, double slowDownShare, Duration window, int minimumLiveAnswers) {

  /** Dead air above this abandons a live answer. */
  public static final int DEAD_AIR_LIMIT_MS = 2000;

  public static final AbandonmentPolicy DEFAULT =
      new AbandonmentPolicy(3.0, 0.8, Duration.ofDays(30), 30);

  /** What the dispatcher does with a campaign. */
  public enum Verdict {
    /** Dial at the campaign's concurrency. */
    DIAL,
    /** Dial at half the campaign's concurrency, at least one line. */
    SLOW_DOWN,
    /** Pause the campaign: its abandonment rate is above the limit. */
    PAUSE
  }

  /** The {@code pause_reason} of a campaign this rule paused. */
  public static final String PAUSE_REASON = "abandonment_rate_exceeded";

  public AbandonmentPolicy {
    if (!(limitPercent >= 0 && limitPercent <= 100)) {
      throw new IllegalArgumentException("limitPercent must be between 0 and 100: " + limitPercent);
    }
    if (!(slowDownShare > 0 && slowDownShare <= 1)) {
      throw new IllegalArgumentException("slowDownShare must be in (0, 1]: " + slowDownShare);
    }
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive: " + window);
    }
    if (minimumLiveAnswers < 1) {
      throw new IllegalArgumentException("minimumLiveAnswers must be at least 1");
    }
  }

  /**
   * Reads {@code abandonment.limit-percent}, {@code abandonment.slow-down-percent} (of the limit),
   * {@code abandonment.window-days} and {@code abandonment.minimum-live-answers}; absent keys keep
   * the defaults.
   *
   * @throws IllegalArgumentException naming the key whose value is malformed
   */
  public static AbandonmentPolicy from(Settings in) {
    return new AbandonmentPolicy(
        in.number("abandonment.limit-percent", DEFAULT.limitPercent, 0, 100),
        in.number("abandonment.slow-down-percent", DEFAULT.slowDownShare * 100, 1, 100) / 100,
        in.duration(
            "abandonment.window-days",
            DEFAULT.window,
            ChronoUnit.DAYS,
            Duration.ofHours(1),
            Duration.ofDays(366)),
        in.integer("abandonment.minimum-live-answers", DEFAULT.minimumLiveAnswers, 1, 1_000_000));
  }

  /**
   * Whether a live answer with this dead air is abandoned (the carriers count it to the end of the
   * call when the agent never spoke; empty, not measured, counts as abandoned).
   */
  public static boolean abandoned(java.util.Optional<Integer> deadAirMs) {
    return deadAirMs.map(ms -> ms > DEAD_AIR_LIMIT_MS).orElse(true);
  }

  /** The campaign's verdict from its live answers and abandoned calls in the window. */
  public Verdict judge(long liveAnswers, long abandoned) {
    if (liveAnswers < 0 || abandoned < 0 || abandoned > liveAnswers) {
      throw new IllegalArgumentException(
          "abandoned calls are live answers: " + abandoned + " of " + liveAnswers);
    }
    if (liveAnswers < minimumLiveAnswers) {
      return Verdict.DIAL;
    }
    double percent = 100.0 * abandoned / liveAnswers;
    if (percent > limitPercent) {
      return Verdict.PAUSE;
    }
    // the threshold is a product of two decimals (3 x 0.8 is 2.4000000000000004 in binary)
    if (percent >= limitPercent * slowDownShare - 1e-9 && abandoned > 0) {
      return Verdict.SLOW_DOWN;
    }
    return Verdict.DIAL;
  }

  /** The concurrency a campaign dials at under {@code verdict}. */
  public static int effectiveConcurrency(int maxConcurrent, Verdict verdict) {
    return verdict == Verdict.SLOW_DOWN ? Math.max(1, maxConcurrent / 2) : maxConcurrent;
  }

  /** The rate shown in stats, in percent with one decimal; 0 without live answers. */
  public static double ratePercent(long liveAnswers, long abandoned) {
    return liveAnswers == 0 ? 0 : Math.round(1000.0 * abandoned / liveAnswers) / 10.0;
  }
}
