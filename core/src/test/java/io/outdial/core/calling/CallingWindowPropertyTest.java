package io.outdial.core.calling;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.core.contact.Disposition;
import io.outdial.core.retry.RetryDecision;
import io.outdial.core.retry.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class CallingWindowPropertyTest {
  /** Zones with DST in both hemispheres and offsets of :30 and :45, so edges fall off the hour. */
  private static final List<ZoneId> ZONES =
      List.of(
          ZoneId.of("America/New_York"),
          ZoneId.of("America/Los_Angeles"),
          ZoneId.of("Europe/London"),
          ZoneId.of("Australia/Sydney"),
          ZoneId.of("Asia/Kolkata"),
          ZoneId.of("Pacific/Chatham"));

  /** 2025-01-01T00:00Z plus up to a year in seconds, so every DST change of 2025 is reachable. */
  private static final long YEAR_START = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond();

  private static CallingWindow window(int zoneMask, int startHour, int length) {
    List<ZoneId> zones = new ArrayList<>();
    for (int i = 0; i < ZONES.size(); i++) {
      if ((zoneMask & (1 << i)) != 0) {
        zones.add(ZONES.get(i));
      }
    }
    if (zones.isEmpty()) {
      zones.add(ZONES.get(0));
    }
    int end = Math.min(23, startHour + length);
    return new CallingWindow(
        CallingHours.daily(LocalTime.of(startHour, 0), LocalTime.of(end, 59)), zones);
  }

  /**
   * nextAllowed answers an allowed instant, not before the question, with no allowed minute between
   * (opening edges fall on whole minutes in every zone used here).
   */
  @Property(tries = 300)
  void nextAllowedIsTheEarliestInstantAllowedInEveryZone(
      @ForAll @LongRange(min = 0, max = 365L * 86_400) long offsetSeconds,
      @ForAll @IntRange(min = 1, max = 63) int zoneMask,
      @ForAll @IntRange(min = 0, max = 20) int startHour,
      @ForAll @IntRange(min = 1, max = 14) int length) {
    CallingWindow w = window(zoneMask, startHour, length);
    Instant from = Instant.ofEpochSecond(YEAR_START + offsetSeconds);
    Optional<Instant> next = w.nextAllowed(from);
    if (next.isEmpty()) {
      // Then no minute in the next two days is allowed either.
      for (Instant m = from.truncatedTo(ChronoUnit.MINUTES);
          m.isBefore(from.plus(Duration.ofDays(2)));
          m = m.plus(Duration.ofMinutes(1))) {
        assertThat(w.isAllowed(m)).as("%s is allowed", m).isFalse();
      }
      return;
    }
    Instant r = next.get();
    assertThat(r).isAfterOrEqualTo(from);
    assertThat(w.isAllowed(r)).isTrue();
    for (Instant m = from.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        m.isBefore(r);
        m = m.plus(Duration.ofMinutes(1))) {
      assertThat(w.isAllowed(m)).as("%s is allowed but %s was answered", m, r).isFalse();
    }
    if (r.isAfter(from)) {
      assertThat(w.isAllowed(from)).isFalse();
    }
  }

  /** Every retry lands inside the calling window, at least the minimum delay after the call. */
  @Property(tries = 300)
  void retriesAlwaysLandInsideTheCallingWindow(
      @ForAll @LongRange(min = 0, max = 365L * 86_400) long offsetSeconds,
      @ForAll @IntRange(min = 1, max = 63) int zoneMask,
      @ForAll @IntRange(min = 0, max = 20) int startHour,
      @ForAll @IntRange(min = 1, max = 14) int length,
      @ForAll @IntRange(min = 1, max = 2) int attemptsMade,
      @ForAll long seed) {
    CallingWindow w = window(zoneMask, startHour, length);
    Instant ended = Instant.ofEpochSecond(YEAR_START + offsetSeconds);
    RetryDecision d =
        RetryPolicy.DEFAULT.next(
            attemptsMade, Disposition.NO_ANSWER, ended, w, new SplittableRandom(seed));
    if (d instanceof RetryDecision.RetryAt at) {
      assertThat(w.isAllowed(at.at())).isTrue();
      assertThat(at.at()).isAfterOrEqualTo(ended.plus(RetryPolicy.DEFAULT.minDelay()));
      assertThat(at.attempt()).isEqualTo(attemptsMade + 1);
    } else {
      assertThat(d).isEqualTo(new RetryDecision.GiveUp(RetryDecision.Reason.NO_CALLING_WINDOW));
    }
  }
}
