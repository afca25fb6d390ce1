package io.outdial.core.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.core.ValidationException;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {
  @Test
  void randomCampaignIdsCarryThePrefixAndLowerCaseAlphanumerics() {
    CampaignId id = CampaignId.random(new Random(1));
    assertThat(id.value()).matches("camp_[0-9a-z]{16}");
    assertThat(CampaignId.parse(id.value())).isEqualTo(id);
  }

  @Test
  void eachKindOfIdUsesItsOwnPrefix() {
    assertThat(CallId.random().value()).startsWith("call_");
    assertThat(JobId.random().value()).startsWith("job_");
  }

  @Test
  void theShortIdsOfThePublishedExamplesAreAccepted() {
    assertThat(CampaignId.parse("camp_a1b2c3d4").value()).isEqualTo("camp_a1b2c3d4");
    assertThat(CallId.parse("call_abc123").toString()).isEqualTo("call_abc123");
    assertThat(JobId.parse("job_x1y2z3").value()).isEqualTo("job_x1y2z3");
  }

  @Test
  void anIdWithTheWrongPrefixIsRefusedNamingTheField() {
    assertThatThrownBy(() -> CampaignId.parse("call_abc"))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("campaign_id must look like camp_")
        .extracting(e -> ((ValidationException) e).field())
        .isEqualTo("campaign_id");
  }

  @Test
  void malformedSuffixesAreRefused() {
    assertThatThrownBy(() -> CampaignId.parse("camp_")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> CampaignId.parse("camp_a/b")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> JobId.parse("job_" + "x".repeat(65)))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> CallId.parse(null)).hasMessage("call_id is required");
  }

  @Test
  void aHugeBadIdIsClippedInTheMessage() {
    String huge = "camp_" + "-".repeat(10_000);
    assertThatThrownBy(() -> CampaignId.parse(huge))
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(200));
  }

  @Test
  void tenThousandRandomIdsDoNotCollide() {
    Set<CampaignId> seen = new HashSet<>();
    Random random = new Random(42);
    for (int i = 0; i < 10_000; i++) {
      seen.add(CampaignId.random(random));
    }
    assertThat(seen).hasSize(10_000);
  }

  @Test
  void clientIdsAreShortPathSafeNames() {
    assertThat(ClientId.of("acme-staffing").value()).isEqualTo("acme-staffing");
    assertThatThrownBy(() -> ClientId.of(" ")).hasMessage("client_id is required");
    assertThatThrownBy(() -> ClientId.of("acme staffing")).hasMessageContaining("no spaces");
    assertThatThrownBy(() -> ClientId.of("acme/staffing")).hasMessageContaining("slashes");
    assertThatThrownBy(() -> ClientId.of("x".repeat(65))).hasMessageContaining("at most 64");
  }
}
