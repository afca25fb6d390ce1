package io.outdial.rest.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeyHeaderTest {
  @Test
  void noHeaderIsAbsent() {
    assertThat(KeyHeader.of(null)).isEqualTo(new KeyHeader.Absent());
    assertThat(KeyHeader.of(List.of())).isEqualTo(new KeyHeader.Absent());
  }

  @Test
  void printableAsciiOfOneTo255CharactersIsAKey() {
    assertThat(KeyHeader.of(List.of("a"))).isEqualTo(new KeyHeader.Valid("a"));
    String longest = "k".repeat(255);
    assertThat(KeyHeader.of(List.of(longest))).isEqualTo(new KeyHeader.Valid(longest));
    assertThat(KeyHeader.of(List.of("order 42: ~!@#$%^&*()")))
        .isEqualTo(new KeyHeader.Valid("order 42: ~!@#$%^&*()"));
  }

  @Test
  void anythingElseIsRefusedNamingTheHeader() {
    for (List<String> values :
        List.of(
            List.of(""),
            List.of("k".repeat(256)),
            List.of("tab\there"),
            List.of("caf\u00e9"),
            List.of("del\u007f"),
            List.of("a", "b"))) {
      assertThat(KeyHeader.of(values))
          .as("%s", values)
          .isInstanceOfSatisfying(
              KeyHeader.Invalid.class,
              invalid -> assertThat(invalid.detail()).contains("Idempotency-Key"));
    }
  }
}
