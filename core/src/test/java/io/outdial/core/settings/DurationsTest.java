package io.outdial.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
  private static final Optional<ChronoUnit> SECONDS = Optional.of(ChronoUnit.SECONDS);

  @Test
  void readsEveryUnit() {
    assertThat(Durations.parse("250ms", SECONDS)).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("15s", SECONDS)).isEqualTo(Duration.ofSeconds(15));
    assertThat(Durations.parse("2m", SECONDS)).isEqualTo(Duration.ofMinutes(2));
    assertThat(Durations.parse("1h", SECONDS)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void unitsInAnyCaseWithOrWithoutASpace() {
    assertThat(Durations.parse("250MS", SECONDS)).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse(" 15 s ", SECONDS)).isEqualTo(Duration.ofSeconds(15));
    assertThat(Durations.parse("2M", SECONDS)).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void decimalsRoundToTheNanosecond() {
    assertThat(Durations.parse("1.5s", SECONDS)).isEqualTo(Duration.ofMillis(1500));
    assertThat(Durations.parse("0.25h", SECONDS)).isEqualTo(Duration.ofMinutes(15));
    assertThat(Durations.parse(".5m", SECONDS)).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("0.0000000004s", SECONDS)).isEqualTo(Duration.ZERO);
    assertThat(Durations.parse("0.0000000006s", SECONDS)).isEqualTo(Duration.ofNanos(1));
  }

  @Test
  void aBareNumberIsInTheSettingsUnit() {
    assertThat(Durations.parse("30", SECONDS)).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("0.5", SECONDS)).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("60", Optional.of(ChronoUnit.MILLIS)))
        .isEqualTo(Duration.ofMillis(60));
    assertThat(Durations.parse("120", Optional.of(ChronoUnit.HOURS)))
        .isEqualTo(Duration.ofHours(120));
  }

  @Test
  void aBareNumberWithoutADocumentedUnitIsRefused() {
    assertThatThrownBy(() -> Durations.parse("5", Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a unit");
  }

  @Test
  void readsIso8601() {
    assertThat(Durations.parse("PT15S", SECONDS)).isEqualTo(Duration.ofSeconds(15));
    assertThat(Durations.parse("pt0.25s", SECONDS)).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("P1DT2H", SECONDS)).isEqualTo(Duration.ofHours(26));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "s",
        "ms",
        "-5s",
        "5x",
        "5 sec",
        "1e3ms",
        "1,5s",
        "PT",
        "PT-5S",
        "-PT5S",
        "P",
        "5d",
        "NaN",
        "Infinity",
        "1.s",
        "99999999999999999999999h"
      })
  void refusesWhatIsNotADuration(String text) {
    assertThatThrownBy(() -> Durations.parse(text, SECONDS))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void formatsAsShortAsItCanExactly() {
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
    assertThat(Durations.format(Duration.ofSeconds(15))).isEqualTo("15s");
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(Durations.format(Duration.ofMinutes(2))).isEqualTo("2m");
    assertThat(Durations.format(Duration.ofHours(720))).isEqualTo("720h");
    assertThat(Durations.format(Duration.ofNanos(1))).isEqualTo("PT0.000000001S");
  }

  @Test
  void whatItFormatsItReadsBack() {
    for (Duration d :
        new Duration[] {
          Duration.ofMillis(1), Duration.ofMillis(1500), Duration.ofMinutes(61), Duration.ofNanos(7)
        }) {
      assertThat(Durations.parse(Durations.format(d), Optional.empty())).isEqualTo(d);
    }
  }
}
