package io.outdial.core.settings;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * Reads typed settings by name: the one settings reader of the dialer, the telephony providers, the
 * voice agents and the webhook sender. Values are stripped, and a blank value is an absent one,
 * which keeps its default. A malformed value fails with an {@link IllegalArgumentException} whose
 * message starts with the setting's full name and shows what it must be and what it was: {@code
 * outdial.telephony.sip.trunk-port must be a whole number from 1 to 65535, got 'x'}.
 *
 * <p>Durations have one syntax everywhere, {@link Durations}: {@code 250ms}, {@code 15s}, {@code
 * 2m}, {@code 1h}, ISO-8601 {@code PT15S}, or a bare number in the unit the setting documents.
 *
 * <p>Only the typed readers echo a bad value. Strings come back as they are, and a caller that
 * checks one that may hold a secret (a URL, a key) reports it with {@link #invalid(String,
 * String)}, which does not show the value.
 */
public final class Settings {
  private final Function<String, Optional<String>> lookup;
  private final String prefix;

  private Settings(Function<String, Optional<String>> lookup, String prefix) {
    this.lookup = Objects.requireNonNull(lookup, "lookup");
    this.prefix = Objects.requireNonNull(prefix, "prefix");
  }

  /**
   * Settings from a map whose keys come without prefix (a provider's or an agent's settings); the
   * prefix ({@code outdial.telephony.sip.}) is only put before the key in messages.
   */
  public static Settings of(Map<String, String> values, String prefix) {
    Map<String, String> copy = Map.copyOf(values);
    return new Settings(key -> Optional.ofNullable(copy.get(key)), prefix);
  }

  /**
   * Settings from a look-up by full name (MicroProfile Config's {@code getOptionalValue}): each key
   * asked for is looked up as {@code prefix + key}.
   */
  public static Settings from(Function<String, Optional<String>> lookup, String prefix) {
    Objects.requireNonNull(lookup, "lookup");
    return new Settings(key -> lookup.apply(prefix + key), prefix);
  }

  /** The full name of {@code key}, as operators write it. */
  public String name(String key) {
    return prefix + key;
  }

  /** The value of {@code key}, stripped; empty when unset or blank. */
  public Optional<String> string(String key) {
    return lookup.apply(key).map(String::strip).filter(v -> !v.isEmpty());
  }

  /** The value of {@code key}, or {@code fallback} when unset or blank. */
  public String string(String key, String fallback) {
    return string(key).orElse(fallback);
  }

  /**
   * The value of {@code key}.
   *
   * @throws IllegalArgumentException when it is unset or blank
   */
  public String required(String key) {
    return string(key).orElseThrow(() -> new IllegalArgumentException(name(key) + " is required"));
  }

  /** A whole number from {@code min} to {@code max}; {@code fallback} when unset. */
  public int integer(String key, int fallback, int min, int max) {
    return (int) longInteger(key, fallback, min, max);
  }

  /** A whole number from {@code min} to {@code max}; {@code fallback} when unset. */
  public long longInteger(String key, long fallback, long min, long max) {
    Optional<String> value = string(key);
    if (value.isEmpty()) {
      return fallback;
    }
    String expected = "a whole number from " + min + " to " + max;
    long parsed;
    try {
      parsed = Long.parseLong(value.get());
    } catch (NumberFormatException e) {
      throw invalid(key, value.get(), expected);
    }
    if (parsed < min || parsed > max) {
      throw invalid(key, value.get(), expected);
    }
    return parsed;
  }

  /**
   * A decimal number ({@code 2.5}) from {@code min} to {@code max}; {@code fallback} when unset.
   */
  public double number(String key, double fallback, double min, double max) {
    Optional<String> value = string(key);
    if (value.isEmpty()) {
      return fallback;
    }
    String expected = "a number from " + plain(min) + " to " + plain(max);
    double parsed;
    try {
      parsed = Double.parseDouble(value.get());
    } catch (NumberFormatException e) {
      throw invalid(key, value.get(), expected);
    }
    if (!(parsed >= min && parsed <= max)) { // NaN too
      throw invalid(key, value.get(), expected);
    }
    return parsed;
  }

  /** {@code true} or {@code false}, in any case; {@code fallback} when unset. */
  public boolean bool(String key, boolean fallback) {
    Optional<String> value = string(key);
    if (value.isEmpty()) {
      return fallback;
    }
    return switch (value.get().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(key, value.get(), "true or false");
    };
  }

  /**
   * A duration in the one syntax ({@link Durations}) from {@code min} to {@code max}; {@code
   * fallback} when unset.
   *
   * @param bareUnit the unit of a bare number: the one the setting's name or documentation gives
   */
  public Duration duration(
      String key, Duration fallback, ChronoUnit bareUnit, Duration min, Duration max) {
    Objects.requireNonNull(bareUnit, "bareUnit");
    Optional<String> value = string(key);
    if (value.isEmpty()) {
      return fallback;
    }
    String expected =
        "a duration from "
            + Durations.format(min)
            + " to "
            + Durations.format(max)
            + " such as 250ms, 15s, 2m, 1h or PT15S (a bare number is "
            + unitName(bareUnit)
            + ")";
    Duration parsed;
    try {
      parsed = Durations.parse(value.get(), Optional.of(bareUnit));
    } catch (IllegalArgumentException e) {
      throw invalid(key, value.get(), expected);
    }
    if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
      throw invalid(key, value.get(), expected);
    }
    return parsed;
  }

  /**
   * One of {@code type}'s constants, named in any case with {@code -} for {@code _} ({@code
   * number-format=e164}); {@code fallback} when unset.
   */
  public <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
    Optional<String> value = string(key);
    if (value.isEmpty()) {
      return fallback;
    }
    String wanted = value.get().replace('-', '_');
    StringJoiner names = new StringJoiner(", ");
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(wanted)) {
        return constant;
      }
      names.add(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    throw invalid(key, value.get(), "one of " + names);
  }

  /**
   * A comma-separated list, each item stripped and blank items dropped; {@code fallback} when unset
   * or blank.
   */
  public List<String> list(String key, List<String> fallback) {
    Optional<String> value = string(key);
    if (value.isEmpty()) {
      return fallback;
    }
    List<String> items = new ArrayList<>();
    for (String item : value.get().split(",")) {
      if (!item.isBlank()) {
        items.add(item.strip());
      }
    }
    return items.isEmpty() ? fallback : List.copyOf(items);
  }

  /** The error for {@code key} whose {@code value} is not what it must be. */
  public IllegalArgumentException invalid(String key, String value, String expected) {
    return new IllegalArgumentException(
        name(key) + " must be " + expected + ", got '" + value + "'");
  }

  /** The error for {@code key} whose value is not what it must be, without showing the value. */
  public IllegalArgumentException invalid(String key, String expected) {
    return new IllegalArgumentException(name(key) + " must be " + expected);
  }

  @Override
  public String toString() {
    return "Settings[" + prefix + "*]"; // never the values: some are secrets
  }

  private static String plain(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  private static String unitName(ChronoUnit unit) {
    return switch (unit) {
      case NANOS -> "nanoseconds";
      case MICROS -> "microseconds";
      case MILLIS -> "milliseconds";
      case SECONDS -> "seconds";
      case MINUTES -> "minutes";
      case HOURS -> "hours";
      case DAYS -> "days";
      default -> unit.toString().toLowerCase(Locale.ROOT);
    };
  }
}
