package io.outdial.core.stats;

import io.outdial.core.contact.Disposition;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The counts behind a campaign's stats and the one place for the formulas derived from them (HAR,
 * average duration, elapsed time). Immutable; {@link #record} returns an updated copy.
 *
 * @param callsPlaced calls placed (each attempt counts)
 * @param humanAnswers calls a person answered
 * @param voicemails calls a machine answered
 * @param errors calls that failed or timed out
 * @param noAnswer calls nobody answered (no answer or busy)
 * @param callsWithDuration calls whose duration is included in {@code totalDurationMillis}
 * @param totalDurationMillis summed durations of those calls
 */
public record CampaignStats(
    long callsPlaced,
    long humanAnswers,
    long voicemails,
    long errors,
    long noAnswer,
    long callsWithDuration,
    long totalDurationMillis) {
  public static final CampaignStats EMPTY = new CampaignStats(0, 0, 0, 0, 0, 0, 0);

  public CampaignStats {
    if (callsPlaced < 0
        || humanAnswers < 0
        || voicemails < 0
        || errors < 0
        || noAnswer < 0
        || callsWithDuration < 0
        || totalDurationMillis < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }

  /**
   * A copy counting one more placed call that ended with {@code outcome} after {@code duration}.
   */
  public CampaignStats record(Disposition outcome, Duration duration) {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(duration, "duration");
    Disposition.Category c = outcome.category();
    return new CampaignStats(
        callsPlaced + 1,
        humanAnswers + (c == Disposition.Category.HUMAN ? 1 : 0),
        voicemails + (c == Disposition.Category.MACHINE ? 1 : 0),
        errors + (c == Disposition.Category.ERROR ? 1 : 0),
        noAnswer + (c == Disposition.Category.UNREACHED ? 1 : 0),
        callsWithDuration + 1,
        totalDurationMillis + Math.max(0, duration.toMillis()));
  }

  /**
   * Human answer rate in percent, {@code 100 × human_answers / calls_placed}, rounded half up to
   * one decimal; 0 when nothing was placed.
   */
  public double harPercent() {
    return harPercent(humanAnswers, callsPlaced);
  }

  /** Average call duration in seconds, rounded half up to one decimal; 0 without calls. */
  public double avgCallDurationSeconds() {
    return tenthsHalfUp(totalDurationMillis, callsWithDuration * 100L);
  }

  /** {@code 100 × humanAnswers / callsPlaced} to one decimal, half up; 0 when nothing placed. */
  public static double harPercent(long humanAnswers, long callsPlaced) {
    return tenthsHalfUp(humanAnswers * 1000L, callsPlaced);
  }

  /**
   * Whole seconds from {@code startedAt} to {@code endedAtOrNow}, truncated; 0 if the end is before
   * the start.
   */
  public static long elapsedSeconds(Instant startedAt, Instant endedAtOrNow) {
    long s = Duration.between(startedAt, endedAtOrNow).getSeconds();
    return Math.max(0, s);
  }

  /**
   * {@code numerator / denominator} rounded half up to an integer, as tenths. Integer arithmetic
   * keeps values such as 31.25 from rounding the wrong way through binary floating point.
   */
  private static double tenthsHalfUp(long numerator, long denominator) {
    if (denominator == 0) {
      return 0.0;
    }
    long tenths = (2 * numerator + denominator) / (2 * denominator);
    return tenths / 10.0;
  }
}
