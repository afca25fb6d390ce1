package io.outdial.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {
  private static final String PREFIX = "outdial.test.";

  private static Settings settings(String... keysAndValues) {
    Map<String, String> values = new java.util.HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      values.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return Settings.of(values, PREFIX);
  }

  @Test
  void stringsAreStrippedAndBlankIsAbsent() {
    Settings s = settings("a", "  x  ", "b", "   ");
    assertThat(s.string("a")).contains("x");
    assertThat(s.string("b")).isEmpty();
    assertThat(s.string("c")).isEmpty();
    assertThat(s.string("b", "d")).isEqualTo("d");
  }

  @Test
  void aRequiredSettingThatIsMissingIsNamedInFull() {
    assertThatThrownBy(() -> settings("a", " ").required("a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("outdial.test.a is required");
  }

  @Test
  void fromALookUpAsksForTheFullName() {
    Map<String, String> config = Map.of("outdial.test.port", "8080");
    Settings s = Settings.from(key -> Optional.ofNullable(config.get(key)), PREFIX);
    assertThat(s.integer("port", 1, 1, 65535)).isEqualTo(8080);
    assertThat(s.name("port")).isEqualTo("outdial.test.port");
  }

  @Test
  void integers() {
    Settings s = settings("n", "42", "low", "0", "high", "70000", "word", "x", "frac", "1.5");
    assertThat(s.integer("n", 1, 1, 100)).isEqualTo(42);
    assertThat(s.integer("absent", 7, 1, 100)).isEqualTo(7);
    assertThat(s.integer("low", 7, 0, 100)).isZero();
    assertThatThrownBy(() -> s.integer("low", 7, 1, 100))
        .hasMessage("outdial.test.low must be a whole number from 1 to 100, got '0'");
    assertThatThrownBy(() -> s.integer("high", 7, 1, 65535))
        .hasMessage("outdial.test.high must be a whole number from 1 to 65535, got '70000'");
    assertThatThrownBy(() -> s.integer("word", 7, 1, 100))
        .hasMessage("outdial.test.word must be a whole number from 1 to 100, got 'x'");
    assertThatThrownBy(() -> s.integer("frac", 7, 1, 100))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(settings("seed", "-9000000000").longInteger("seed", 0, Long.MIN_VALUE, 0))
        .isEqualTo(-9_000_000_000L);
  }

  @Test
  void numbers() {
    Settings s = settings("x", "2.5", "nan", "NaN", "inf", "Infinity", "word", "two");
    assertThat(s.number("x", 1, 0, 10)).isEqualTo(2.5);
    assertThat(s.number("absent", 1.5, 0, 10)).isEqualTo(1.5);
    assertThatThrownBy(() -> s.number("x", 1, 0, 2))
        .hasMessage("outdial.test.x must be a number from 0 to 2, got '2.5'");
    assertThatThrownBy(() -> s.number("nan", 1, 0, 10)).hasMessageContaining("got 'NaN'");
    assertThatThrownBy(() -> s.number("inf", 1, 0, Double.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.number("word", 1, 0, 10)).hasMessageContaining("got 'two'");
  }

  @Test
  void booleans() {
    Settings s = settings("t", "TRUE", "f", "false", "y", "yes");
    assertThat(s.bool("t", false)).isTrue();
    assertThat(s.bool("f", true)).isFalse();
    assertThat(s.bool("absent", true)).isTrue();
    assertThatThrownBy(() -> s.bool("y", false))
        .hasMessage("outdial.test.y must be true or false, got 'yes'");
  }

  @Test
  void durationsInEveryUnitWithinBounds() {
    Settings s =
        settings(
            "ms", "250ms", "s", "15s", "m", "2m", "h", "1h", "iso", "PT15S", "bare", "30", "dec",
            "1.5");
    Duration max = Duration.ofHours(2);
    assertThat(s.duration("ms", Duration.ZERO, ChronoUnit.SECONDS, Duration.ZERO, max))
        .isEqualTo(Duration.ofMillis(250));
    assertThat(s.duration("s", Duration.ZERO, ChronoUnit.SECONDS, Duration.ZERO, max))
        .isEqualTo(Duration.ofSeconds(15));
    assertThat(s.duration("m", Duration.ZERO, ChronoUnit.SECONDS, Duration.ZERO, max))
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(s.duration("h", Duration.ZERO, ChronoUnit.SECONDS, Duration.ZERO, max))
        .isEqualTo(Duration.ofHours(1));
    assertThat(s.duration("iso", Duration.ZERO, ChronoUnit.SECONDS, Duration.ZERO, max))
        .isEqualTo(Duration.ofSeconds(15));
    assertThat(s.duration("bare", Duration.ZERO, ChronoUnit.SECONDS, Duration.ZERO, max))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(s.duration("bare", Duration.ZERO, ChronoUnit.MILLIS, Duration.ZERO, max))
        .isEqualTo(Duration.ofMillis(30));
    assertThat(s.duration("dec", Duration.ZERO, ChronoUnit.SECONDS, Duration.ZERO, max))
        .isEqualTo(Duration.ofMillis(1500));
    assertThat(s.duration("absent", Duration.ofSeconds(9), ChronoUnit.SECONDS, Duration.ZERO, max))
        .isEqualTo(Duration.ofSeconds(9));
  }

  @Test
  void durationErrorsNameTheSettingTheBoundsTheSyntaxAndTheValue() {
    Settings s = settings("long", "3h", "short", "10ms", "bad", "ten", "neg", "-1s");
    Duration min = Duration.ofSeconds(1);
    Duration max = Duration.ofMinutes(10);
    assertThatThrownBy(() -> s.duration("long", min, ChronoUnit.SECONDS, min, max))
        .hasMessage(
            "outdial.test.long must be a duration from 1s to 10m such as 250ms, 15s, 2m, 1h or"
                + " PT15S (a bare number is seconds), got '3h'");
    assertThatThrownBy(() -> s.duration("short", min, ChronoUnit.SECONDS, min, max))
        .hasMessageStartingWith("outdial.test.short must be a duration from 1s to 10m")
        .hasMessageEndingWith("got '10ms'");
    assertThatThrownBy(() -> s.duration("bad", min, ChronoUnit.MILLIS, min, max))
        .hasMessageContaining("(a bare number is milliseconds), got 'ten'");
    assertThatThrownBy(() -> s.duration("neg", min, ChronoUnit.SECONDS, Duration.ZERO, max))
        .hasMessageEndingWith("got '-1s'");
  }

  enum Format {
    E164,
    DIGITS,
    TWO_WORDS
  }

  @Test
  void choicesByNameInAnyCaseWithDashes() {
    Settings s = settings("a", "Digits", "b", "two-words", "c", "e.164");
    assertThat(s.choice("a", Format.class, Format.E164)).isEqualTo(Format.DIGITS);
    assertThat(s.choice("b", Format.class, Format.E164)).isEqualTo(Format.TWO_WORDS);
    assertThat(s.choice("absent", Format.class, Format.E164)).isEqualTo(Format.E164);
    assertThatThrownBy(() -> s.choice("c", Format.class, Format.E164))
        .hasMessage("outdial.test.c must be one of e164, digits, two-words, got 'e.164'");
  }

  @Test
  void lists() {
    Settings s = settings("l", " pcmu , pcma,, ", "blank", " , ");
    assertThat(s.list("l", List.of())).containsExactly("pcmu", "pcma");
    assertThat(s.list("blank", List.of("x"))).containsExactly("x");
    assertThat(s.list("absent", List.of("y"))).containsExactly("y");
  }

  @Test
  void theErrorWithoutTheValueKeepsSecretsOut() {
    assertThat(settings().invalid("tts-url", "an http:// URL").getMessage())
        .isEqualTo("outdial.test.tts-url must be an http:// URL");
    assertThat(settings("password", "secret").toString()).doesNotContain("secret");
  }
}
