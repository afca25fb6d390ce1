package io.outdial.rest.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.outdial.core.ValidationException;
import io.outdial.core.calling.CallingRules;
import io.outdial.core.calling.FrequencyCap;
import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The {@code calling_rules} object of {@code POST /api/v1/campaigns}; every field is optional. */
@Schema(
    name = "CallingRulesRequest",
    description =
        "This campaign's calling rules. hours and days override the server's calling hours"
            + " (outdial.dialer.calling-hours, -days) in the recipient's local time; a part left"
            + " out is the server's. max_attempts_per_number_per_day caps the calls to one number"
            + " within any 24 hours, counted over all of the client's campaigns.")
public record CallingRulesRequest(
    @Schema(description = "Daily calling hours in the recipient's local time") HoursRequest hours,
    @Schema(
            description = "Days calls are allowed, any of mon, tue, wed, thu, fri, sat, sun",
            examples = "[\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]")
        List<String> days,
    @JsonProperty("max_attempts_per_number_per_day")
        @Schema(
            minimum = "1",
            maximum = "100",
            description =
                "At most this many calls to one number within any 24 hours, by any of the"
                    + " client's campaigns (each campaign with a cap holds to its own); a contact"
                    + " over it waits until the oldest counted call is 24 hours old")
        Integer maxAttemptsPerNumberPerDay) {

  /** {@code calling_rules.hours}: both times are required. */
  @Schema(name = "CallingHoursRequest")
  public record HoursRequest(
      @Schema(description = "First allowed local time, HH:MM (00:00-23:59)", examples = "09:00")
          String start,
      @Schema(
              description =
                  "First local time no longer allowed, HH:MM, after start (24:00: midnight)",
              examples = "20:00")
          String end) {}

  /** The campaign's own rules; {@code null} (no {@code calling_rules}) is the server's. */
  static CallingRules toDomain(CallingRulesRequest request) {
    if (request == null) {
      return CallingRules.SERVER;
    }
    Optional<CallingRules.Hours> hours = Optional.empty();
    if (request.hours() != null) {
      hours =
          Optional.of(
              new CallingRules.Hours(
                  CallingRules.Hours.parse("start", request.hours().start()),
                  CallingRules.Hours.parse("end", request.hours().end())));
    }
    Optional<Set<DayOfWeek>> days = Optional.empty();
    if (request.days() != null) {
      Set<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
      for (int i = 0; i < request.days().size(); i++) {
        String value = request.days().get(i);
        if (value == null) {
          throw new ValidationException(
              "calling_rules.days", "calling_rules.days[" + i + "] must be a day, not null");
        }
        set.add(CallingRules.day(value));
      }
      days = Optional.of(set);
    }
    return new CallingRules(
        hours,
        days,
        Optional.ofNullable(request.maxAttemptsPerNumberPerDay()).map(FrequencyCap::new));
  }
}
