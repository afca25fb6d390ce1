package io.outdial.rest.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.outdial.core.calling.CallingHours;
import io.outdial.core.calling.CallingRules;
import io.outdial.core.calling.FrequencyCap;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A campaign's effective calling rules: its own over the server's calling hours. */
@Schema(
    name = "CallingRules",
    description =
        "The calling rules the dialer follows for this campaign: its own hours and days, the"
            + " server's for those it left out, and its frequency cap (null: none)")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CallingRulesView(
    @Schema(description = "Daily calling hours, recipient's local time; 00:00-24:00 is any time")
        Hours hours,
    @Schema(description = "Days calls are allowed, Monday first") List<String> days,
    @JsonProperty("max_attempts_per_number_per_day")
        @Schema(
            nullable = true,
            description = "Calls per number within any 24 hours over the client's campaigns")
        Integer maxAttemptsPerNumberPerDay) {

  /** {@code {"start": "09:00", "end": "20:00"}}. */
  @Schema(name = "CallingHours")
  public record Hours(
      @Schema(examples = "09:00") String start, @Schema(examples = "20:00") String end) {}

  static CallingRulesView of(CallingRules own, Optional<CallingHours> server) {
    CallingHours effective =
        own.over(server)
            .orElse(
                new CallingHours(
                    EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT, CallingRules.END_OF_DAY));
    return new CallingRulesView(
        new Hours(
            CallingRules.Hours.format(effective.start()),
            CallingRules.Hours.format(effective.end())),
        CallingRules.wireNames(effective.days()),
        own.cap().map(FrequencyCap::maxAttempts).orElse(null));
  }
}
