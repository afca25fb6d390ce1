package io.outdial.core.calling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.core.ValidationException;
import io.outdial.core.contact.PhoneNumber;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallingWindowTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
  private static final ZoneId LONDON = ZoneId.of("Europe/London");

  private final CallingWindow newYork = CallingWindow.of(CallingHours.DEFAULT, NEW_YORK);

  @Test
  void eightToNineLocalIsOpenByDefault() {
    // 2025-06-10 is summer time in New York: UTC-4.
    assertThat(newYork.isAllowed(Instant.parse("2025-06-10T11:59:59Z"))).isFalse();
    assertThat(newYork.isAllowed(Instant.parse("2025-06-10T12:00:00Z"))).isTrue();
    assertThat(newYork.isAllowed(Instant.parse("2025-06-11T00:59:59Z"))).isTrue();
    assertThat(newYork.isAllowed(Instant.parse("2025-06-11T01:00:00Z"))).isFalse();
  }

  @Test
  void anOpenInstantIsItsOwnNextAllowed() {
    Instant noon = Instant.parse("2025-06-10T16:00:00Z");
    assertThat(newYork.nextAllowed(noon)).contains(noon);
  }

  @Test
  void afterNinePmTheNextOpeningIsEightTomorrow() {
    assertThat(newYork.nextAllowed(Instant.parse("2025-06-11T02:00:00Z")))
        .contains(Instant.parse("2025-06-11T12:00:00Z"));
  }

  @Test
  void theMorningAfterSpringForwardOpensAtEightNewLocalTime() {
    // Saturday 2025-03-08 21:30 EST; clocks jump from 02:00 EST to 03:00 EDT overnight, so Sunday
    // 08:00 local is 12:00Z, not the 13:00Z a fixed offset would give.
    Instant lateSaturday = Instant.parse("2025-03-09T02:30:00Z");
    assertThat(newYork.nextAllowed(lateSaturday)).contains(Instant.parse("2025-03-09T12:00:00Z"));
    assertThat(newYork.isAllowed(Instant.parse("2025-03-09T12:30:00Z"))).isTrue();
    assertThat(newYork.isAllowed(Instant.parse("2025-03-08T12:30:00Z"))).isFalse();
  }

  @Test
  void theMorningAfterFallBackOpensAtEightNewLocalTime() {
    // Saturday 2025-11-01 21:30 EDT; clocks fall back at 02:00 EDT to 01:00 EST.
    Instant lateSaturday = Instant.parse("2025-11-02T01:30:00Z");
    assertThat(newYork.nextAllowed(lateSaturday)).contains(Instant.parse("2025-11-02T13:00:00Z"));
    assertThat(newYork.isAllowed(Instant.parse("2025-11-02T12:30:00Z"))).isFalse();
  }

  @Test
  void anOpeningInsideTheSpringForwardGapMovesToTheEndOfTheGap() {
    CallingWindow night =
        CallingWindow.of(CallingHours.daily(LocalTime.of(2, 30), LocalTime.of(5, 0)), NEW_YORK);
    // 02:30 does not exist on 2025-03-09; 03:30 EDT (07:30Z) is the first local time at or after.
    assertThat(night.nextAllowed(Instant.parse("2025-03-09T06:00:00Z")))
        .contains(Instant.parse("2025-03-09T07:30:00Z"));
  }

  @Test
  void anOpeningInsideTheFallBackOverlapIsNotMissedOnItsSecondOccurrence() {
    CallingWindow night =
        CallingWindow.of(CallingHours.daily(LocalTime.of(1, 45), LocalTime.of(5, 0)), NEW_YORK);
    // 06:30Z is 01:30 EST, the second 01:30 of 2025-11-02; 01:45 EDT (05:45Z) is already past,
    // 01:45 EST (06:45Z) is next.
    assertThat(night.isAllowed(Instant.parse("2025-11-02T06:30:00Z"))).isFalse();
    assertThat(night.nextAllowed(Instant.parse("2025-11-02T06:30:00Z")))
        .contains(Instant.parse("2025-11-02T06:45:00Z"));
  }

  @Test
  void severalZonesAreOpenOnlyWhereAllAllow() {
    CallingWindow coastToCoast = CallingWindow.of(CallingHours.DEFAULT, NEW_YORK, LOS_ANGELES);
    // 09:00 in New York is 06:00 in Los Angeles: wait for 08:00 Pacific = 15:00Z.
    Instant nineInNewYork = Instant.parse("2025-06-10T13:00:00Z");
    assertThat(coastToCoast.isAllowed(nineInNewYork)).isFalse();
    assertThat(coastToCoast.nextAllowed(nineInNewYork))
        .contains(Instant.parse("2025-06-10T15:00:00Z"));
    // 20:30 in Los Angeles is 23:30 in New York: closed until tomorrow 08:00 Pacific.
    assertThat(coastToCoast.nextAllowed(Instant.parse("2025-06-11T03:30:00Z")))
        .contains(Instant.parse("2025-06-11T15:00:00Z"));
  }

  @Test
  void zonesThatNeverOverlapHaveNoNextAllowed() {
    CallingWindow apart =
        CallingWindow.of(
            CallingHours.daily(LocalTime.of(9, 0), LocalTime.of(12, 0)),
            ZoneId.of("Pacific/Honolulu"),
            ZoneId.of("Asia/Tokyo"));
    assertThat(apart.nextAllowed(Instant.parse("2025-06-10T00:00:00Z"))).isEmpty();
  }

  @Test
  void weekdaysOnlySkipTheWeekend() {
    CallingHours weekdays =
        new CallingHours(
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            LocalTime.of(9, 0),
            LocalTime.of(17, 0));
    CallingWindow london = CallingWindow.of(weekdays, LONDON);
    // Friday 2025-06-13 18:00 BST -> Monday 2025-06-16 09:00 BST.
    assertThat(london.nextAllowed(Instant.parse("2025-06-13T17:00:00Z")))
        .contains(Instant.parse("2025-06-16T08:00:00Z"));
  }

  @Test
  void hoursMustBeAForwardSpanOnSomeDay() {
    assertThatThrownBy(() -> CallingHours.daily(LocalTime.of(21, 0), LocalTime.of(8, 0)))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("calling_hours must start before they end");
    assertThatThrownBy(
            () -> new CallingHours(EnumSet.noneOf(DayOfWeek.class), LocalTime.NOON, LocalTime.MAX))
        .hasMessage("calling_days must name at least one day");
  }

  @Test
  void theZoneComesFromTheNumber() {
    RecipientTimeZones zones = new RecipientTimeZones(LONDON);
    assertThat(zones.zonesOf(PhoneNumber.ofE164("+12125550123"))).containsExactly(NEW_YORK);
    assertThat(zones.zonesOf(PhoneNumber.ofE164("+12137365000"))).containsExactly(LOS_ANGELES);
  }

  @Test
  void anUnplaceableNumberUsesTheFallbackZone() {
    RecipientTimeZones zones = new RecipientTimeZones(LONDON);
    assertThat(zones.zonesOf(PhoneNumber.ofE164("+15559876543"))).containsExactly(LONDON);
  }

  @Test
  void aMobileNumberSpanningZonesIsCalledOnlyWhenAllOfThemAllow() {
    RecipientTimeZones zones = new RecipientTimeZones(LONDON);
    PhoneNumber australianMobile = PhoneNumber.ofE164("+61491570156");
    List<ZoneId> possible = zones.zonesOf(australianMobile);
    assertThat(possible).contains(ZoneId.of("Australia/Perth"), ZoneId.of("Australia/Sydney"));
    CallingWindow w = zones.windowFor(australianMobile, CallingHours.DEFAULT);
    // 09:00 in Sydney (AEST, UTC+10) is 07:00 in Perth: not yet.
    assertThat(w.isAllowed(Instant.parse("2025-06-10T23:00:00Z"))).isFalse();
    Instant next = w.nextAllowed(Instant.parse("2025-06-10T23:00:00Z")).orElseThrow();
    for (ZoneId z : possible) {
      assertThat(CallingHours.DEFAULT.allows(next, z)).as(z.getId()).isTrue();
    }
  }
}
