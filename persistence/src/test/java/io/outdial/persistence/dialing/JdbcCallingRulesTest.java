package io.outdial.persistence.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.core.calling.CallingRules;
import io.outdial.core.calling.FrequencyCap;
import io.outdial.core.contact.Disposition;
import io.outdial.core.dialing.ContactState;
import io.outdial.core.dialing.DialRules;
import io.outdial.core.id.CampaignId;
import io.outdial.persistence.dialing.testing.DialingWorld;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Campaigns' own calling rules in {@link JdbcContactClaims} on PostgreSQL: their hours, and the
 * frequency cap per number across a client's campaigns, held by concurrent claims too.
 */
class JdbcCallingRulesTest extends DialingContract {
  private static final Duration DAY = Duration.ofDays(1);

  @Override
  protected DialingWorld world() {
    return JdbcDialing.fresh();
  }

  private JdbcDialing jdbc() {
    return (JdbcDialing) world;
  }

  private CampaignId capped(int max, String... phones) {
    CampaignId campaign = world.campaign(CLIENT, 5, 50);
    jdbc()
        .callingRules(
            campaign,
            new CallingRules(
                Optional.empty(), Optional.empty(), Optional.of(new FrequencyCap(max))));
    world.contacts(campaign, T.minusSeconds(60), phones);
    return campaign;
  }

  @Test
  void aNumberAtItsCapWaitsForTheOldestAttemptToLeaveTheDayAcrossTheClientsCampaigns() {
    CampaignId first = capped(1, phone(1));
    CampaignId second = world.campaign(CLIENT, 5, 10);
    jdbc()
        .callingRules(
            second,
            new CallingRules(Optional.empty(), Optional.empty(), Optional.of(new FrequencyCap(1))));
    long waiting = world.contacts(second, T.minusSeconds(60), phone(1)).get(0);

    ClaimedCall called = call(first, T, "server-a");
    world.outcomes().complete(List.of(Outcome.of(called, Disposition.NO_ANSWER).result()), T);
    Claim later = claim(second, 1, T.plus(Duration.ofHours(2)), "server-a");

    assertThat(later.calls()).isEmpty();
    assertThat(later.deferred()).isOne();
    assertThat(world.contactState(waiting)).as("waits, not failed").isEqualTo(ContactState.PENDING);
    assertThat(world.attempts(waiting)).isZero();
    assertThat(world.nextAttempt(waiting)).isEqualTo(T.plus(DAY));

    assertThat(claim(second, 1, T.plus(DAY).minusMillis(1), "server-a").calls()).isEmpty();
    assertThat(calls(second, 1, T.plus(DAY), "server-a"))
        .singleElement()
        .satisfies(c -> assertThat(c.contactId()).isEqualTo(waiting));
  }

  @Test
  void callsOfCampaignsWithoutACapCountButOtherClientsCallsDoNot() {
    CampaignId uncapped = world.campaign(CLIENT, 5, 10);
    world.contacts(uncapped, T.minusSeconds(60), phone(1), phone(2));
    CampaignId otherClients = world.campaign(OTHER_CLIENT, 5, 10);
    world.contacts(otherClients, T.minusSeconds(60), phone(3));
    assertThat(calls(uncapped, 2, T, "server-a")).hasSize(2);
    assertThat(calls(otherClients, 1, T, "server-a")).hasSize(1);

    CampaignId capped = capped(1, phone(1), phone(3));

    Claim claim = claim(capped, 2, T.plusSeconds(60), "server-a");

    assertThat(claim.calls())
        .as("phone(1) was called by the client's other campaign; phone(3) only by another client")
        .singleElement()
        .satisfies(c -> assertThat(c.phone().e164()).isEqualTo(phone(3)));
    assertThat(claim.deferred()).isOne();
  }

  @Test
  void twoCampaignsInOneClaimCountEachOthersCalls() {
    CampaignId first = capped(1, phone(1));
    CampaignId second = capped(1, phone(1));

    Map<CampaignId, Claim> claims =
        world.claims().claim(Map.of(first, 1, second, 1), T, "server-a", Rules.anyTime());

    assertThat(claims.values().stream().mapToInt(c -> c.calls().size()).sum()).isOne();
    assertThat(claims.values().stream().mapToInt(Claim::deferred).sum()).isOne();
  }

  @Test
  void aCappedCampaignWhoseClientIsBeingClaimedElsewhereIsBusyNotWaitedFor() throws Exception {
    CampaignId campaign = capped(1, phone(1));
    CampaignId uncapped = world.campaign(CLIENT, 5, 10);
    world.contacts(uncapped, T.minusSeconds(60), phone(2));
    try (Connection other = jdbc().dataSource().getConnection()) {
      other.setAutoCommit(false);
      try (PreparedStatement s =
          other.prepareStatement(
              "select pg_advisory_xact_lock(hashtextextended('frequency_cap:' || ?, 0))")) {
        s.setString(1, CLIENT.value());
        s.executeQuery().close();
      }

      Map<CampaignId, Claim> held =
          world.claims().claim(Map.of(campaign, 1, uncapped, 1), T, "server-a", Rules.anyTime());

      assertThat(held.get(campaign)).isEqualTo(Claim.BUSY);
      assertThat(held.get(uncapped).calls()).as("no cap, no lock").hasSize(1);
      other.rollback();
    }
    assertThat(calls(campaign, 1, T, "server-a")).hasSize(1);
  }

  @Test
  void twoServersClaimingAtOnceNeverPassTheCap() throws Exception {
    int numbers = 20;
    List<CampaignId> campaigns = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      campaigns.add(capped(2, phones(1, numbers)));
    }
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<ClaimedCall>>> servers = new ArrayList<>();
      for (String server : List.of("server-a", "server-b")) {
        servers.add(pool.submit(claimUntilNothingIsDue(campaigns, server, start)));
      }
      List<ClaimedCall> all = new ArrayList<>();
      for (Future<List<ClaimedCall>> server : servers) {
        all.addAll(server.get(60, TimeUnit.SECONDS));
      }

      Map<String, Long> callsPerNumber =
          all.stream().collect(Collectors.groupingBy(c -> c.phone().e164(), Collectors.counting()));
      assertThat(callsPerNumber).hasSize(numbers);
      assertThat(callsPerNumber.values()).as("calls per number within a day").containsOnly(2L);
      int recorded = campaigns.stream().mapToInt(id -> world.calls(id).size()).sum();
      assertThat(recorded).isEqualTo(2 * numbers);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Claims 3 of each campaign at a time until a claim finds nothing due and nothing busy. */
  private Callable<List<ClaimedCall>> claimUntilNothingIsDue(
      List<CampaignId> campaigns, String server, CyclicBarrier start) {
    Map<CampaignId, Integer> wanted =
        campaigns.stream().collect(Collectors.toMap(Function.identity(), id -> 3));
    DialRules rules = Rules.anyTime();
    return () -> {
      List<ClaimedCall> claimed = new ArrayList<>();
      start.await();
      for (int round = 0; round < 10_000; round++) {
        Collection<Claim> claims = world.claims().claim(wanted, T, server, rules).values();
        claims.forEach(c -> claimed.addAll(c.calls()));
        if (claims.stream().allMatch(c -> !c.busy() && c.calls().isEmpty() && c.deferred() == 0)) {
          return claimed;
        }
      }
      throw new AssertionError(server + " still found contacts after 10000 claims");
    };
  }

  @Test
  void contactsOutsideTheirCampaignsOwnHoursWaitForThem() {
    // T is 12:00 UTC, the zone of these numbers; the server's rules allow any time
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    jdbc()
        .callingRules(
            campaign,
            new CallingRules(
                Optional.of(new CallingRules.Hours(LocalTime.of(13, 0), LocalTime.of(14, 0))),
                Optional.empty(),
                Optional.empty()));
    long contact = world.contacts(campaign, T.minusSeconds(60), phone(1)).get(0);
    CampaignId serversHours = world.campaign(CLIENT, 5, 10);
    world.contacts(serversHours, T.minusSeconds(60), phone(2));

    Claim claim = claim(campaign, 1, T, "server-a");

    assertThat(claim.calls()).isEmpty();
    assertThat(claim.deferred()).isOne();
    assertThat(world.contactState(contact)).isEqualTo(ContactState.PENDING);
    assertThat(world.nextAttempt(contact)).isEqualTo(T.plus(Duration.ofHours(1)));
    assertThat(calls(serversHours, 1, T, "server-a")).hasSize(1);
    assertThat(calls(campaign, 1, T.plus(Duration.ofHours(1)), "server-a")).hasSize(1);
    assertThat(world.claims().setup(campaign).orElseThrow().calling().hours())
        .contains(new CallingRules.Hours(LocalTime.of(13, 0), LocalTime.of(14, 0)));
  }
}
