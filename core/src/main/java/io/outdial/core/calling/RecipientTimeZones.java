package io.outdial.core.calling;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import io.outdial.core.contact.PhoneNumber;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The time zones a phone number may be in, from libphonenumber's geocoder data ({@code
 * PhoneNumberToTimeZonesMapper}), with a fallback zone for numbers the data cannot place.
 * Thread-safe.
 */
public final class RecipientTimeZones {
  private final ZoneId fallback;
  private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
  private final PhoneNumberToTimeZonesMapper mapper = PhoneNumberToTimeZonesMapper.getInstance();

  /**
   * @param fallback the zone assumed when the number's zone is unknown; callers pass the campaign's
   *     time zone
   */
  public RecipientTimeZones(ZoneId fallback) {
    this.fallback = Objects.requireNonNull(fallback, "fallback");
  }

  public ZoneId fallback() {
    return fallback;
  }

  /** The number's possible zones; never empty (the fallback alone when unknown). */
  public List<ZoneId> zonesOf(PhoneNumber number) {
    Phonenumber.PhoneNumber parsed;
    try {
      parsed = util.parse(number.e164(), "ZZ");
    } catch (NumberParseException e) {
      return List.of(fallback);
    }
    List<ZoneId> zones = new ArrayList<>();
    for (String name : mapper.getTimeZonesForNumber(parsed)) {
      if (name.equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())) {
        continue;
      }
      try {
        zones.add(ZoneId.of(name));
      } catch (DateTimeException e) {
        // A zone name newer than this JDK's tz data: skip it rather than fail the dial.
      }
    }
    return zones.isEmpty() ? List.of(fallback) : List.copyOf(zones);
  }

  /** The calling window for {@code number} under {@code hours}. */
  public CallingWindow windowFor(PhoneNumber number, CallingHours hours) {
    return new CallingWindow(hours, zonesOf(number));
  }
}
