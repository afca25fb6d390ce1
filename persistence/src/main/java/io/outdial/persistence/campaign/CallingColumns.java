package io.outdial.persistence.campaign;

import io.outdial.core.calling.CallingRules;
import io.outdial.core.calling.FrequencyCap;
import java.util.Optional;

/**
 * A campaign's own calling rules in their four nullable columns ({@code calling_start_minute},
 * {@code calling_end_minute}, {@code calling_days}, {@code max_attempts_per_number_per_day}); null
 * hours or days are the server's, a null cap is none.
 */
public final class CallingColumns {
  private CallingColumns() {}

  /** The rules read from the columns' values, each possibly null. */
  public static CallingRules read(
      Integer startMinute, Integer endMinute, String days, Integer maxAttemptsPerDay) {
    return new CallingRules(
        startMinute == null || endMinute == null
            ? Optional.empty()
            : Optional.of(
                new CallingRules.Hours(
                    CallingRules.Hours.ofMinute(startMinute),
                    CallingRules.Hours.ofMinute(endMinute))),
        Optional.ofNullable(days).map(CallingRules::days),
        Optional.ofNullable(maxAttemptsPerDay).map(FrequencyCap::new));
  }

  public static Integer startMinute(CallingRules r) {
    return r.hours().map(h -> CallingRules.Hours.minuteOfDay(h.start())).orElse(null);
  }

  public static Integer endMinute(CallingRules r) {
    return r.hours().map(h -> CallingRules.Hours.minuteOfDay(h.end())).orElse(null);
  }

  public static String days(CallingRules r) {
    return r.days().map(CallingRules::column).orElse(null);
  }

  public static Integer maxAttemptsPerDay(CallingRules r) {
    return r.cap().map(FrequencyCap::maxAttempts).orElse(null);
  }
}
