package io.outdial.core.calling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.core.ValidationException;
import io.outdial.core.contact.Disposition;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.dialing.DialRules;
import io.outdial.core.retry.CampaignRetry;
import io.outdial.core.retry.RetryPolicy;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CallingRulesTest {
  private static final CallingHours SERVER = CallingHours.DEFAULT; // 08:00-21:00 every day
  private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

  private static CallingRules rules(CallingRules.Hours hours, Set<DayOfWeek> days, Integer cap) {
    return new CallingRules(
        Optional.ofNullable(hours),
        Optional.ofNullable(days),
        Optional.ofNullable(cap).map(FrequencyCap::new));
  }

  private static CallingRules.Hours hours(String start, String end) {
    return new CallingRules.Hours(
        CallingRules.Hours.parse("start", start), CallingRules.Hours.parse("end", end));
  }

  @Test
  void withoutRulesOfItsOwnACampaignKeepsTheServersHours() {
    assertThat(CallingRules.SERVER.over(Optional.of(SERVER))).contains(SERVER);
    assertThat(CallingRules.SERVER.over(Optional.empty())).isEmpty();
    assertThat(rules(null, null, 3).over(Optional.of(SERVER))).contains(SERVER);
  }

  @Test
  void ownHoursAndDaysOverrideTheServers() {
    assertThat(rules(hours("09:00", "20:00"), WEEKDAYS, null).over(Optional.of(SERVER)))
        .contains(new CallingHours(WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(20, 0)));
  }

  @Test
  void aPartLeftOutIsTheServersOrTheWholeDayWhenTheServerCallsAnyTime() {
    assertThat(rules(hours("09:00", "20:00"), null, null).over(Optional.of(SERVER)))
        .contains(CallingHours.daily(LocalTime.of(9, 0), LocalTime.of(20, 0)));
    assertThat(rules(null, WEEKDAYS, null).over(Optional.of(SERVER)))
        .contains(new CallingHours(WEEKDAYS, LocalTime.of(8, 0), LocalTime.of(21, 0)));
    assertThat(rules(null, WEEKDAYS, null).over(Optional.empty()))
        .contains(new CallingHours(WEEKDAYS, LocalTime.MIDNIGHT, CallingRules.END_OF_DAY));
    assertThat(rules(hours("10:00", "11:00"), null, null).over(Optional.empty()))
        .contains(CallingHours.daily(LocalTime.of(10, 0), LocalTime.of(11, 0)));
  }

  @Test
  void hoursAreHhMmFromMidnightTo2400AndStartBeforeTheyEnd() {
    assertThat(hours("00:00", "24:00")).isEqualTo(CallingRules.Hours.ALL_DAY);
    assertThat(CallingRules.Hours.format(CallingRules.END_OF_DAY)).isEqualTo("24:00");
    assertThat(CallingRules.Hours.format(LocalTime.of(9, 5))).isEqualTo("09:05");
    assertThatThrownBy(() -> CallingRules.Hours.parse("start", "9am"))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("calling_rules.hours.start must be a local time HH:MM")
        .extracting(e -> ((ValidationException) e).field())
        .isEqualTo("calling_rules.hours.start");
    assertThatThrownBy(() -> CallingRules.Hours.parse("end", "24:30"))
        .hasMessageStartingWith("calling_rules.hours.end must be");
    assertThatThrownBy(() -> CallingRules.Hours.parse("start", null))
        .hasMessage("calling_rules.hours.start is required, as HH:MM");
    assertThatThrownBy(() -> hours("20:00", "09:00"))
        .isInstanceOf(ValidationException.class)
        .extracting(e -> ((ValidationException) e).field())
        .isEqualTo("calling_rules.hours.end");
  }

  @Test
  void daysAreThreeLetterNamesAndAtLeastOne() {
    assertThat(CallingRules.day("Mon")).isEqualTo(DayOfWeek.MONDAY);
    assertThat(CallingRules.day(" sun ")).isEqualTo(DayOfWeek.SUNDAY);
    assertThat(CallingRules.wireNames(EnumSet.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY)))
        .containsExactly("mon", "sun");
    assertThat(CallingRules.days(CallingRules.column(WEEKDAYS))).isEqualTo(WEEKDAYS);
    assertThatThrownBy(() -> CallingRules.day("monday"))
        .isInstanceOf(ValidationException.class)
        .hasMessage("calling_rules.days may hold only mon, tue, wed, thu, fri, sat, sun");
    assertThatThrownBy(() -> rules(null, Set.of(), null))
        .isInstanceOf(ValidationException.class)
        .hasMessage("calling_rules.days must name at least one day");
  }

  @Test
  void aCampaignsRulesDecideWhenItsNumbersMayBeCalled() {
    DialRules server =
        new DialRules(
            Optional.of(SERVER),
            new RecipientTimeZones(ZoneOffset.UTC),
            RetryPolicy.DEFAULT,
            () -> new SplittableRandom(1));
    // a London number: UTC+1 in June; 2025-06-10 is a Tuesday
    PhoneNumber phone = PhoneNumber.ofE164("+442071234567");
    Instant tuesdayEleven = Instant.parse("2025-06-10T10:00:00Z");
    DialRules own =
        server.forCampaign(
            CampaignRetry.SERVER, rules(hours("13:00", "14:00"), Set.of(DayOfWeek.TUESDAY), 1));

    assertThat(server.nextAllowed(phone, tuesdayEleven)).contains(tuesdayEleven);
    assertThat(own.nextAllowed(phone, tuesdayEleven))
        .as("its own hours open at 13:00 London time")
        .contains(Instant.parse("2025-06-10T12:00:00Z"));
    assertThat(own.cap()).contains(new FrequencyCap(1));
    // called at 13:30 local: the cap allows the next one at 13:30 tomorrow, a Wednesday, so it
    // waits for next Tuesday's opening
    Instant called = Instant.parse("2025-06-10T12:30:00Z");
    assertThat(own.nextAllowed(phone, called.plusSeconds(60), List.of(called)))
        .contains(Instant.parse("2025-06-17T12:00:00Z"));
    assertThat(server.nextAllowed(phone, called.plusSeconds(60), List.of(called)))
        .as("no cap of its own")
        .contains(called.plusSeconds(60));
    assertThat(server.forCampaign(CampaignRetry.SERVER, CallingRules.SERVER)).isSameAs(server);
  }

  @Test
  void retriesLandInTheCampaignsOwnHours() {
    DialRules own =
        new DialRules(
                Optional.of(SERVER),
                new RecipientTimeZones(ZoneOffset.UTC),
                RetryPolicy.DEFAULT,
                () -> new SplittableRandom(1))
            .forCampaign(CampaignRetry.SERVER, rules(hours("13:00", "14:00"), null, null));
    PhoneNumber phone = PhoneNumber.ofE164("+442071234567");
    // no answer at 13:58 local: the retry (minutes later) moves to 13:00 local the next day
    Instant ended = Instant.parse("2025-06-10T12:58:00Z");

    Optional<Instant> retry = own.retryAt(phone, 1, Disposition.NO_ANSWER, ended);

    assertThat(retry).contains(Instant.parse("2025-06-11T12:00:00Z"));
  }
}
