package io.outdial.admin.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.core.apikey.ApiKey;
import io.outdial.core.apikey.ApiScope;
import io.outdial.core.apikey.KeyHash;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyRowTest {
  private static final KeyHash HASH = KeyHash.of("jt_ak_example");

  @Test
  void showsScopesInCanonicalOrderAndTimesInUtc() {
    KeyRow row =
        KeyRow.from(
            new ApiKey(
                HASH,
                "acme",
                "Production",
                Set.of(ApiScope.AUDIT, ApiScope.CAMPAIGNS),
                Instant.parse("2026-11-22T10:15:30Z"),
                Optional.of(Instant.parse("2026-11-23T08:00:00Z"))));

    assertThat(row.scopes()).isEqualTo("campaigns, audit");
    assertThat(row.created()).isEqualTo("2026-11-22 10:15 UTC");
    assertThat(row.lastUsed()).isEqualTo("2026-11-23 08:00 UTC");
    assertThat(row.shortPrefix()).isEqualTo(HASH.shortPrefix());
    assertThat(row.hash()).isEqualTo(HASH.value());
  }

  @Test
  void aKeyNeverUsedSaysSo() {
    KeyRow row =
        KeyRow.from(
            new ApiKey(HASH, "acme", "n", Set.of(ApiScope.AUDIT), Instant.EPOCH, Optional.empty()));
    assertThat(row.lastUsed()).isEqualTo("never");
  }
}
