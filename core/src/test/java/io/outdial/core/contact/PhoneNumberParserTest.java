package io.outdial.core.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.core.ValidationException;
import io.outdial.core.contact.PhoneNumberParser.Strictness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberParserTest {
  private final PhoneNumberParser us = PhoneNumberParser.forRegion("US");
  private final PhoneNumberParser usLenient = PhoneNumberParser.of("US", Strictness.POSSIBLE);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "(212) 555-0123",
        "212-555-0123",
        "212.555.0123",
        "2125550123",
        "+1 212 555 0123",
        "1-212-555-0123",
        "+12125550123",
        " 212 555 0123 "
      })
  void commonUsFormatsNormaliseToE164(String raw) {
    assertThat(us.parse(raw).number()).contains(PhoneNumber.ofE164("+12125550123"));
  }

  @Test
  void nationalFormatsAreReadInTheDefaultRegion() {
    PhoneNumberParser gb = PhoneNumberParser.forRegion("gb");
    assertThat(gb.parse("020 7946 0018").number()).contains(PhoneNumber.ofE164("+442079460018"));
    PhoneNumberParser de = PhoneNumberParser.forRegion("DE");
    assertThat(de.parse("030 901820").number()).contains(PhoneNumber.ofE164("+4930901820"));
  }

  @Test
  void anInternationalNumberIgnoresTheDefaultRegion() {
    assertThat(us.parse("+44 20 7946 0018").number()).contains(PhoneNumber.ofE164("+442079460018"));
  }

  @Test
  void garbageIsRefusedWithAReasonInsteadOfAnException() {
    assertThat(us.parse("call me maybe").reason()).contains("phone is not a number");
    assertThat(us.parse("").reason()).contains("phone is required");
    assertThat(us.parse(null).reason()).contains("phone is required");
    assertThat(us.parse("123").reason()).contains("phone is too short");
    assertThat(us.parse("1234567890123456789012").reason()).contains("phone is too long");
    assertThat(us.parse("+999 123 456 789").reason()).contains("phone has an unknown country code");
    assertThat(us.parse("x".repeat(10_000)).isValid()).isFalse();
  }

  @Test
  void aNumberLongerThanE164AllowsIsRefusedInsteadOfThrown() {
    // German numbers may be long enough to be "possible" at 16 digits, one more than E.164 allows
    PhoneNumberParser de = PhoneNumberParser.of("DE", Strictness.POSSIBLE);
    assertThat(de.parse("+4910000000000000").reason()).contains("phone is too long");
  }

  @Test
  void strictParsingRefusesNumbersOutsideTheNumberingPlan() {
    // 555 is not an assigned US area code.
    PhoneParseResult r = us.parse("+15559876543");
    assertThat(r.isValid()).isFalse();
    assertThat(r.reason()).contains("phone is not a valid number for its country");
  }

  @Test
  void lenientParsingAcceptsTheFictionalNumbersOfThePublishedExamples() {
    assertThat(usLenient.parse("+15559876543").number())
        .contains(PhoneNumber.ofE164("+15559876543"));
    assertThat(usLenient.parse("555 123").isValid()).isFalse();
  }

  @Test
  void requireRephrasesTheReasonForTheNamedField() {
    assertThatThrownBy(() -> us.require("caller_id", "abc"))
        .isInstanceOf(ValidationException.class)
        .hasMessage("caller_id is not a number")
        .extracting(e -> ((ValidationException) e).field())
        .isEqualTo("caller_id");
    assertThat(us.require("caller_id", "212 555 0123").e164()).isEqualTo("+12125550123");
  }

  @Test
  void anUnknownDefaultRegionIsRefused() {
    assertThatThrownBy(() -> PhoneNumberParser.forRegion("XX"))
        .hasMessageStartingWith("default_region must be a supported ISO 3166 region code");
  }

  @Test
  void theRecordOnlyAcceptsTheE164Shape() {
    assertThat(PhoneNumber.ofE164("+442079460018").toString()).isEqualTo("+442079460018");
    assertThatThrownBy(() -> PhoneNumber.ofE164("2125550123"))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("phone must be in E.164 format");
    assertThatThrownBy(() -> PhoneNumber.ofE164("+0125550123"))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> PhoneNumber.ofE164("+1234567890123456"))
        .isInstanceOf(ValidationException.class);
  }
}
