package io.outdial.core.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.core.contact.PhoneNumberParser.Strictness;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * The shortcut that skips libphonenumber's parser for common North American shapes gives exactly
 * the answer of the parser itself: the same number, or the same refusal, for every input, default
 * region and strictness.
 */
class PhoneNumberShortcutPropertyTest {
  /** US first and GB fourth: {@link #PARSERS} holds two parsers per region, in this order. */
  private static final List<String> REGIONS = List.of("US", "CA", "BS", "GB", "DE", "FR", "IN");

  private static final List<PhoneNumberParser> PARSERS = parsers();

  /** Where the shortcut applies without '+' (US), and where only with it. */
  private static final List<PhoneNumberParser> BOUNDARY_PARSERS =
      List.of(
          PhoneNumberParser.of("US", Strictness.POSSIBLE),
          PhoneNumberParser.of("US", Strictness.VALID),
          PhoneNumberParser.of("CA", Strictness.POSSIBLE),
          PhoneNumberParser.of("GB", Strictness.VALID));

  private static List<PhoneNumberParser> parsers() {
    List<PhoneNumberParser> parsers = new ArrayList<>();
    for (String region : REGIONS) {
      for (Strictness strictness : Strictness.values()) {
        parsers.add(PhoneNumberParser.of(region, strictness));
      }
    }
    return parsers;
  }

  @Property(tries = 5_000)
  void theShortcutAnswersLikeTheParser(@ForAll("phoneLike") String raw) {
    Statistics.label("shortcut in US").collect(PARSERS.get(0).takesShortcut(raw));
    Statistics.label("shortcut in GB").collect(PARSERS.get(6).takesShortcut(raw));
    Statistics.label("shortcut in US")
        .coverage(coverage -> coverage.check(true).percentage(p -> p > 5));
    Statistics.label("shortcut in GB")
        .coverage(coverage -> coverage.check(true).percentage(p -> p > 0.5));
    for (PhoneNumberParser parser : PARSERS) {
      assertThat(parser.parse(raw))
          .as("%s in %s, %s", raw, parser.defaultRegion(), parser.strictness())
          .isEqualTo(parser.parseWithoutShortcut(raw));
    }
  }

  /**
   * Every pair of leading digits, every length around ten and eleven digits, with and without a '+'
   * or formatting: the cases where the shortcut must decide exactly when it applies.
   */
  @Test
  void everyLeadingDigitPairAndLengthNearTheShortcutAnswersLikeTheParser() {
    String[] prefixes = {"", "+", " +", "+ ", "(", "+(", "1", "+1", "1 ", "0", "00", "011"};
    for (String prefix : prefixes) {
      for (int a = 0; a <= 9; a++) {
        for (int b = 0; b <= 9; b++) {
          for (int length = 8; length <= 13; length++) {
            StringBuilder digits = new StringBuilder().append(a).append(b);
            for (int i = 2; i < length; i++) {
              digits.append((char) ('0' + (i * 7 + a + b) % 10));
            }
            for (String raw :
                List.of(
                    prefix + digits,
                    prefix + formatted(digits.toString()),
                    prefix + digits.toString().replaceAll("(\\d{3})(?=\\d)", "$1.") + " ")) {
              for (PhoneNumberParser parser : BOUNDARY_PARSERS) {
                assertThat(parser.parse(raw))
                    .as("%s in %s, %s", raw, parser.defaultRegion(), parser.strictness())
                    .isEqualTo(parser.parseWithoutShortcut(raw));
              }
            }
          }
        }
      }
    }
  }

  /** The shortcut is really taken for the shapes uploads are made of (else the above is moot). */
  @Test
  void theCommonShapesTakeTheShortcut() {
    PhoneNumberParser us = PhoneNumberParser.of("US", Strictness.POSSIBLE);
    for (String raw :
        List.of(
            "(202) 200-0001",
            "202-200-0001",
            "202.200.0001",
            "2022000001",
            "1 (202) 200-0001",
            "1-202-200-0001",
            "+12022000001",
            "+1 202 200 0001",
            " +1 (202) 200-0001 ")) {
      assertThat(us.takesShortcut(raw)).as(raw).isTrue();
      assertThat(us.parse(raw).number()).contains(PhoneNumber.ofE164("+12022000001"));
    }
    PhoneNumberParser gb = PhoneNumberParser.forRegion("GB");
    assertThat(gb.takesShortcut("+1 212 555 0123")).isTrue();
    assertThat(gb.takesShortcut("2125550123")).isFalse();
    assertThat(us.takesShortcut("+44 20 7946 0018")).isFalse();
    assertThat(us.takesShortcut("212 555 0123 ext 7")).isFalse();
    assertThat(us.takesShortcut("(212) 555-0123 x7")).isFalse();
    assertThat(us.takesShortcut("0212 555 0123")).isFalse();
  }

  private static String formatted(String digits) {
    if (digits.length() < 10) {
      return digits;
    }
    int split = digits.length() - 10;
    String national = digits.substring(split);
    return digits.substring(0, split)
        + " ("
        + national.substring(0, 3)
        + ") "
        + national.substring(3, 6)
        + "-"
        + national.substring(6);
  }

  /**
   * Digit strings, most of ten or eleven digits whose first two digits sit on the shortcut's
   * boundary (1, 0, 2-9), with formatting, and now and then a character that no shortcut accepts.
   */
  @Provide
  Arbitrary<String> phoneLike() {
    Arbitrary<String> lead =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.just("")),
            Tuple.of(3, Arbitraries.of("+", " +", "+ ", "+(", "(", " ")),
            Tuple.of(1, Arbitraries.of("++", "1+", ")", "\u00a0+", "\uff0b")));
    Arbitrary<String> firstDigits =
        Arbitraries.of("1", "2", "5", "9", "0", "12", "19", "10", "11", "15", "20", "44", "49");
    Arbitrary<Integer> length =
        Arbitraries.frequencyOf(
            Tuple.of(7, Arbitraries.of(10, 11)),
            Tuple.of(3, Arbitraries.integers().between(4, 15)));
    Arbitrary<String> separator =
        Arbitraries.frequencyOf(
            Tuple.of(20, Arbitraries.of("", "", "", "", " ", "-", ".", "(", ")", ") ", " (", "  ")),
            Tuple.of(
                1,
                Arbitraries.of(
                    "/", "x", "#", ",", ";", "\t", "ext", "~", "*", "\u0663", "\u00a0", "a", "+")));
    Arbitrary<String> tail =
        Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.of("", " ", ")", ".", "-")),
            Tuple.of(1, Arbitraries.of(" x12", "#", ";ext=1", "\u0663")));
    Arbitrary<String> digits =
        Combinators.combine(firstDigits, length, Arbitraries.longs())
            .as(
                (first, total, seed) -> {
                  StringBuilder out = new StringBuilder(first);
                  java.util.Random random = new java.util.Random(seed);
                  while (out.length() < total) {
                    out.append((char) ('0' + random.nextInt(10)));
                  }
                  return out.substring(0, Math.max(total, 1));
                });
    return Combinators.combine(lead, digits, separator.list().ofMaxSize(15), tail)
        .as(
            (l, d, seps, t) -> {
              StringBuilder out = new StringBuilder(l);
              for (int i = 0; i < d.length(); i++) {
                out.append(d.charAt(i));
                if (i < seps.size()) {
                  out.append(seps.get(i));
                }
              }
              return out.append(t).toString();
            });
  }
}
