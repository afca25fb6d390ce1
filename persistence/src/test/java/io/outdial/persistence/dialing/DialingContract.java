package io.outdial.persistence.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outdial.core.dialing.DialRules;
import io.outdial.core.id.CallId;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.persistence.dialing.testing.DialingWorld;
import io.outdial.persistence.dialing.testing.DialingWorld.CallRow;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the contract tests of the three dialing ports share: a fresh {@link DialingWorld} for each
 * test, made by the implementation's subclass, and helpers that speak of it.
 */
abstract class DialingContract {
  static final ClientId CLIENT = ClientId.of("client-a");
  static final ClientId OTHER_CLIENT = ClientId.of("client-b");

  /** A Tuesday noon (UTC), inside any daytime calling hours. */
  static final Instant T = Instant.parse("2030-01-15T12:00:00Z");

  static final YearMonth MONTH = YearMonth.from(T.atOffset(ZoneOffset.UTC));

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The implementation under test. */
  protected DialingWorld world;

  /** A new world for one test: its own storage, nothing in it. */
  protected abstract DialingWorld world();

  @BeforeEach
  final void newWorld() {
    world = world();
  }

  /** A number the time-zone data cannot place, hence in the rules' fallback zone, UTC. */
  static String phone(int n) {
    return String.format("+1555010%04d", n);
  }

  /** Numbers {@code phone(from)} to {@code phone(from + count - 1)}. */
  static String[] phones(int from, int count) {
    return IntStream.range(from, from + count)
        .mapToObj(DialingContract::phone)
        .toArray(String[]::new);
  }

  /** A claim for one campaign with calls at any time of day. */
  Claim claim(CampaignId campaign, int wanted, Instant now, String server) {
    return claim(campaign, wanted, now, server, Rules.anyTime());
  }

  Claim claim(CampaignId campaign, int wanted, Instant now, String server, DialRules rules) {
    Map<CampaignId, Claim> claims =
        world.claims().claim(Map.of(campaign, wanted), now, server, rules);
    assertThat(claims).as("a claim answers for every campaign asked about").containsKey(campaign);
    return claims.get(campaign);
  }

  /** The calls claimed for one campaign. */
  List<ClaimedCall> calls(CampaignId campaign, int wanted, Instant now, String server) {
    return claim(campaign, wanted, now, server).calls();
  }

  /** The one call claimed. */
  ClaimedCall call(CampaignId campaign, Instant now, String server) {
    List<ClaimedCall> calls = calls(campaign, 1, now, server);
    assertThat(calls).as("one call claimed").hasSize(1);
    return calls.get(0);
  }

  /** The campaign's call record with this id. */
  CallRow row(CampaignId campaign, CallId id) {
    return world.calls(campaign).stream()
        .filter(r -> r.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no call record " + id.value()));
  }

  static List<Long> contactIds(List<ClaimedCall> calls) {
    return calls.stream().map(ClaimedCall::contactId).toList();
  }

  /** Asserts that two JSON texts hold the same value (the database may reformat them). */
  static void assertSameJson(String actual, String expected) {
    try {
      assertThat(JSON.readTree(actual)).isEqualTo(JSON.readTree(expected));
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + actual, e);
    }
  }
}
