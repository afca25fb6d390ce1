package io.outdial.persistence.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.core.call.ErrorReason;
import io.outdial.core.calling.CallingHours;
import io.outdial.core.campaign.CampaignStatus;
import io.outdial.core.campaign.MaxConcurrent;
import io.outdial.core.campaign.Priority;
import io.outdial.core.campaign.Voice;
import io.outdial.core.contact.Disposition;
import io.outdial.core.dialing.ContactState;
import io.outdial.core.dialing.DialRules;
import io.outdial.core.id.CampaignId;
import io.outdial.core.retry.CampaignRetry;
import io.outdial.persistence.dialing.testing.DialingWorld.CallRow;
import io.outdial.persistence.dialing.testing.DialingWorld.Counters;
import io.outdial.persistence.dialing.testing.InMemoryDialing;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What every {@link ContactClaims} must do: the JDBC one and the in-memory one alike. */
abstract class ContactClaimsContract extends DialingContract {

  // --- how many ---

  @Test
  void claimsNoMoreContactsThanWanted() {
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    List<Long> contacts = world.contacts(campaign, T.minusSeconds(60), phones(1, 5));

    Claim claim = claim(campaign, 2, T, "server-a");

    assertThat(claim.calls()).hasSize(2);
    assertThat(claim.busy()).isFalse();
    assertThat(claim.exhausted()).isFalse();
    assertThat(contacts).containsAll(contactIds(claim.calls()));
    for (long contact : contacts) {
      boolean claimed = contactIds(claim.calls()).contains(contact);
      assertThat(world.contactState(contact))
          .isEqualTo(claimed ? ContactState.DIALING : ContactState.PENDING);
      assertThat(world.attempts(contact)).isEqualTo(claimed ? 1 : 0);
    }
    assertThat(world.calls(campaign))
        .hasSize(2)
        .allSatisfy(
            row -> {
              assertThat(row.serverId()).isEqualTo("server-a");
              assertThat(row.attempt()).isEqualTo(1);
              assertThat(row.startedAt()).isEqualTo(T);
              assertThat(row.endedAt()).isEmpty();
              assertThat(row.disposition()).isEmpty();
            });
    assertThat(world.calls(campaign).stream().map(CallRow::id))
        .containsExactlyInAnyOrderElementsOf(
            claim.calls().stream().map(ClaimedCall::callId).toList());
    assertThat(world.counters(campaign)).isEqualTo(new Counters(2, 2, 0, 0, 0, 0, 0, 0));
  }

  @Test
  void maxConcurrentHoldsAcrossTheClaimsOfTwoServers() {
    CampaignId campaign = world.campaign(CLIENT, 5, 3);
    world.contacts(campaign, T.minusSeconds(60), phones(1, 6));

    List<ClaimedCall> first = calls(campaign, 2, T, "server-a");
    List<ClaimedCall> second = calls(campaign, 5, T, "server-b");
    Claim third = claim(campaign, 1, T, "server-a");

    assertThat(first).hasSize(2);
    assertThat(second).as("max_concurrent 3 minus the 2 calls in flight").hasSize(1);
    assertThat(third.calls()).isEmpty();
    assertThat(third.busy()).isFalse();
    assertThat(world.counters(campaign).inFlight()).isEqualTo(3);
    assertThat(world.calls(campaign).stream().map(CallRow::serverId))
        .containsExactlyInAnyOrder("server-a", "server-a", "server-b");
    assertThat(world.claims().dialable(T, 100))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.inFlight()).isEqualTo(3);
              assertThat(d.pendingDue()).isEqualTo(3);
            });

    world.outcomes().complete(List.of(Outcome.of(first.get(0), Disposition.NO_ANSWER).result()), T);

    assertThat(calls(campaign, 5, T, "server-b")).as("one line freed").hasSize(1);
    assertThat(world.counters(campaign).inFlight()).isEqualTo(3);
  }

  @Test
  void claimsTheContactsDueFirstFirstAndNoneNotYetDue() {
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    long dueLast = world.contacts(campaign, T.minus(Duration.ofMinutes(1)), phone(1)).get(0);
    long dueFirst = world.contacts(campaign, T.minus(Duration.ofMinutes(3)), phone(2)).get(0);
    long dueSecond = world.contacts(campaign, T.minus(Duration.ofMinutes(2)), phone(3)).get(0);
    long notDue = world.contacts(campaign, T.plus(Duration.ofMinutes(1)), phone(4)).get(0);

    List<ClaimedCall> first = calls(campaign, 2, T, "server-a");
    Claim rest = claim(campaign, 5, T, "server-a");

    assertThat(contactIds(first)).containsExactlyInAnyOrder(dueFirst, dueSecond);
    assertThat(contactIds(rest.calls())).containsExactly(dueLast);
    assertThat(rest.exhausted()).isTrue();
    assertThat(world.contactState(notDue)).isEqualTo(ContactState.PENDING);
    assertThat(world.attempts(notDue)).isZero();
  }

  @Test
  void aClaimedCallSaysWhomToCallForWhichCampaign() {
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    long contact = world.contacts(campaign, T.minusSeconds(60), phone(7)).get(0);

    ClaimedCall call = call(campaign, T, "server-a");

    assertThat(call.campaignId()).isEqualTo(campaign);
    assertThat(call.clientId()).isEqualTo(CLIENT);
    assertThat(call.contactId()).isEqualTo(contact);
    assertThat(call.phone().e164()).isEqualTo(phone(7));
    assertThat(call.contact()).containsEntry("phone", phone(7));
    assertThat(call.attempt()).isEqualTo(1);
    assertThat(call.startedAt()).isEqualTo(T);
    assertThat(row(campaign, call.callId()).contact()).isEqualTo(contact);
  }

  @Test
  void aClaimedCallCarriesTheContactsVariablesAndMetadataForThePrompt() {
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    world.contact(
        campaign,
        T.minusSeconds(60),
        phone(7),
        Map.of("shift", "nights", "metadata.crm_id", "from a column"),
        """
        {"crm_id": "A-17", "score": 12, "ratio": 0.5, "vip": true, "gone": null,
         "tags": ["rn", "icu"], "address": {"zip": "78701", "city": "Austin"}}
        """);

    ClaimedCall call = call(campaign, T, "server-a");

    assertThat(call.contact())
        .containsEntry("phone", phone(7))
        .containsEntry("shift", "nights")
        .containsEntry("metadata.crm_id", "from a column")
        .containsEntry("metadata.score", "12")
        .containsEntry("metadata.ratio", "0.5")
        .containsEntry("metadata.vip", "true")
        .containsEntry("metadata.tags", "[\"rn\",\"icu\"]")
        // PostgreSQL's jsonb keeps an object's keys shorter first, then in byte order
        .containsEntry("metadata.address", "{\"zip\":\"78701\",\"city\":\"Austin\"}")
        .doesNotContainKey("metadata.gone")
        .hasSize(8);
  }

  @Test
  void aContactWithoutMetadataHasNoMetadataVariables() {
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    world.contact(campaign, T.minusSeconds(60), phone(8), Map.of(), "{}");

    ClaimedCall call = call(campaign, T, "server-a");

    assertThat(call.contact()).containsOnlyKeys("phone");
  }

  @Test
  void aContactDueAgainIsClaimedAtItsRetryTimeAsItsNextAttempt() {
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    long contact = world.contacts(campaign, T.minusSeconds(60), phone(1)).get(0);
    ClaimedCall first = call(campaign, T, "server-a");
    Instant retry = T.plus(Duration.ofMinutes(30));
    world
        .outcomes()
        .complete(List.of(Outcome.of(first, Disposition.NO_ANSWER).retryAt(retry).result()), T);

    assertThat(calls(campaign, 1, retry.minusSeconds(1), "server-a")).isEmpty();
    ClaimedCall second = call(campaign, retry, "server-b");

    assertThat(second.contactId()).isEqualTo(contact);
    assertThat(second.attempt()).isEqualTo(2);
    assertThat(world.attempts(contact)).isEqualTo(2);
    assertThat(row(campaign, second.callId()).attempt()).isEqualTo(2);
  }

  @Test
  void twoServersClaimingAtOnceNeverTakeTheSameContact() throws Exception {
    CampaignId first = world.campaign(CLIENT, 5, 1000);
    CampaignId second = world.campaign(OTHER_CLIENT, 5, 1000);
    List<Long> contacts =
        new ArrayList<>(world.contacts(first, T.minusSeconds(60), phones(1, 150)));
    contacts.addAll(world.contacts(second, T.minusSeconds(60), phones(1, 150)));
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<ClaimedCall>>> servers = new ArrayList<>();
      for (String server : List.of("server-a", "server-b")) {
        servers.add(pool.submit(claimUntilNothingIsDue(List.of(first, second), server, start)));
      }
      List<ClaimedCall> all = new ArrayList<>();
      for (Future<List<ClaimedCall>> server : servers) {
        all.addAll(server.get(60, TimeUnit.SECONDS));
      }

      Map<Long, Long> claimsPerContact =
          all.stream()
              .collect(Collectors.groupingBy(ClaimedCall::contactId, Collectors.counting()));
      assertThat(claimsPerContact)
          .as("contacts claimed more than once")
          .allSatisfy((contact, times) -> assertThat(times).isOne());
      assertThat(claimsPerContact.keySet()).containsExactlyInAnyOrderElementsOf(contacts);
      assertThat(world.calls(first)).hasSize(150);
      assertThat(world.calls(second)).hasSize(150);
      assertThat(world.counters(first).inFlight()).isEqualTo(150);
      assertThat(world.counters(second).inFlight()).isEqualTo(150);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Claims 7 of each campaign at a time until a claim finds nothing due in any of them. */
  private Callable<List<ClaimedCall>> claimUntilNothingIsDue(
      List<CampaignId> campaigns, String server, CyclicBarrier start) {
    Map<CampaignId, Integer> wanted =
        campaigns.stream().collect(Collectors.toMap(Function.identity(), id -> 7));
    DialRules rules = Rules.anyTime();
    return () -> {
      List<ClaimedCall> claimed = new ArrayList<>();
      start.await();
      for (int round = 0; round < 1000; round++) {
        Collection<Claim> claims = world.claims().claim(wanted, T, server, rules).values();
        claims.forEach(c -> claimed.addAll(c.calls()));
        if (claims.stream().allMatch(c -> !c.busy() && c.calls().isEmpty())) {
          return claimed;
        }
      }
      throw new AssertionError(server + " still found contacts after 1000 claims");
    };
  }

  // --- which campaigns ---

  @Test
  void pausedEndedDeletedAndUnknownCampaignsGiveNothing() {
    CampaignId paused = world.campaign(CLIENT, 5, 10);
    long pausedContact = world.contacts(paused, T.minusSeconds(60), phone(1)).get(0);
    world.status(paused, CampaignStatus.PAUSED);
    CampaignId completed = world.campaign(CLIENT, 5, 10);
    world.contacts(completed, T.minusSeconds(60), phone(1));
    world.status(completed, CampaignStatus.COMPLETED);
    CampaignId cancelled = world.campaign(CLIENT, 5, 10);
    world.contacts(cancelled, T.minusSeconds(60), phone(1));
    world.status(cancelled, CampaignStatus.CANCELLED);
    CampaignId deleted = world.campaign(CLIENT, 5, 10);
    world.contacts(deleted, T.minusSeconds(60), phone(1));
    world.delete(deleted, T.minusSeconds(30));
    CampaignId unknown = CampaignId.random();

    Map<CampaignId, Claim> claims =
        world
            .claims()
            .claim(
                Map.of(paused, 1, completed, 1, cancelled, 1, deleted, 1, unknown, 1),
                T,
                "server-a",
                Rules.anyTime());

    assertThat(claims)
        .containsOnlyKeys(paused, completed, cancelled, deleted, unknown)
        .allSatisfy((id, claim) -> assertThat(claim).isEqualTo(Claim.NOTHING));
    for (CampaignId id : List.of(paused, completed, cancelled, deleted)) {
      assertThat(world.calls(id)).isEmpty();
      assertThat(world.counters(id).inFlight()).isZero();
    }
    assertThat(world.contactState(pausedContact)).isEqualTo(ContactState.PENDING);
    assertThat(world.attempts(pausedContact)).isZero();
  }

  @Test
  void aQueuedCampaignBecomesActiveWithItsFirstCall() {
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    world.contacts(campaign, T.plus(Duration.ofHours(1)), phone(1));

    assertThat(calls(campaign, 1, T, "server-a")).isEmpty();
    assertThat(world.campaignStatus(campaign))
        .as("nothing called yet")
        .isEqualTo(CampaignStatus.QUEUED);

    assertThat(calls(campaign, 1, T.plus(Duration.ofHours(1)), "server-a")).hasSize(1);
    assertThat(world.campaignStatus(campaign)).isEqualTo(CampaignStatus.ACTIVE);
  }

  @Test
  void aCampaignWhoseRowAnotherTransactionHoldsIsBusyWhileOthersAreClaimed() throws Exception {
    CampaignId held = world.campaign(CLIENT, 5, 10);
    List<Long> heldContacts = world.contacts(held, T.minusSeconds(60), phones(1, 2));
    CampaignId free = world.campaign(CLIENT, 5, 10);
    world.contacts(free, T.minusSeconds(60), phones(1, 2));

    Map<CampaignId, Claim> claims;
    long millis;
    try (AutoCloseable hold = world.holdRow(held)) {
      long start = System.nanoTime();
      claims = world.claims().claim(Map.of(held, 2, free, 2), T, "server-a", Rules.anyTime());
      millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    assertThat(millis).as("a held campaign is skipped, not waited for (ms)").isLessThan(1500);
    assertThat(claims.get(held)).isEqualTo(Claim.BUSY);
    assertThat(claims.get(free).calls()).hasSize(2);
    assertThat(world.calls(held)).isEmpty();
    for (long contact : heldContacts) {
      assertThat(world.contactState(contact)).isEqualTo(ContactState.PENDING);
    }
    assertThat(calls(held, 2, T, "server-a")).as("once the row is free again").hasSize(2);
  }

  // --- do-not-call list and calling hours ---

  @Test
  void numbersOnTheClientsDoNotCallListBecomeFinalWithoutACall() {
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    List<Long> contacts = world.contacts(campaign, T.minusSeconds(60), phones(1, 3));
    world.doNotCall(CLIENT, phone(2));
    world.doNotCall(OTHER_CLIENT, phone(3));

    Claim claim = claim(campaign, 3, T, "server-a");

    assertThat(contactIds(claim.calls()))
        .as("another client's list does not count")
        .containsExactlyInAnyOrder(contacts.get(0), contacts.get(2));
    assertThat(claim.doNotCall()).isEqualTo(1);
    assertThat(world.contactState(contacts.get(1))).isEqualTo(ContactState.DO_NOT_CALL);
    assertThat(world.attempts(contacts.get(1))).isZero();
    assertThat(world.calls(campaign).stream().map(CallRow::contact))
        .doesNotContain(contacts.get(1));
    assertThat(world.counters(campaign)).isEqualTo(new Counters(2, 2, 1, 0, 0, 0, 0, 0));
  }

  @Test
  void aContactOutsideItsCallingHoursWaitsForTheirNextOpening() {
    DialRules rules = Rules.within(CallingHours.daily(LocalTime.of(9, 0), LocalTime.of(17, 0)));
    Instant evening = Instant.parse("2030-01-15T20:00:00Z");
    Instant opening = Instant.parse("2030-01-16T09:00:00Z");
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    long contact = world.contacts(campaign, evening.minusSeconds(60), phone(1)).get(0);

    Claim claim = claim(campaign, 1, evening, "server-a", rules);

    assertThat(claim.calls()).isEmpty();
    assertThat(claim.deferred()).isEqualTo(1);
    assertThat(world.contactState(contact)).isEqualTo(ContactState.PENDING);
    assertThat(world.nextAttempt(contact)).isEqualTo(opening);
    assertThat(world.attempts(contact)).isZero();
    assertThat(world.calls(campaign)).isEmpty();
    assertThat(claim(campaign, 1, opening.minusSeconds(1), "server-a", rules).calls()).isEmpty();
    assertThat(claim(campaign, 1, opening, "server-a", rules).calls())
        .singleElement()
        .satisfies(call -> assertThat(call.contactId()).isEqualTo(contact));
  }

  @Test
  void aContactWhoseCallingHoursNeverOpenIsFinalWithoutACall() {
    // a toll-free number may be in any North American zone, Guam to Newfoundland: 09:00-10:00
    // never falls at once in all of them
    DialRules rules = Rules.within(CallingHours.daily(LocalTime.of(9, 0), LocalTime.of(10, 0)));
    Instant morning = Instant.parse("2030-01-15T09:30:00Z");
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    long contact = world.contacts(campaign, morning.minusSeconds(60), "+18005550123").get(0);
    CampaignId other = world.campaign(CLIENT, 5, 10);
    world.contacts(other, morning.minusSeconds(60), phone(1));

    Map<CampaignId, Claim> claims;
    try {
      claims = world.claims().claim(Map.of(campaign, 1, other, 1), morning, "server-a", rules);
    } catch (OutcomeRejectedException e) {
      throw new AssertionError(
          "a contact whose calling hours never open must become no_calling_window; the claim"
              + " (of every campaign in it) failed instead: "
              + e.getCause(),
          e);
    }

    assertThat(claims.get(campaign).calls()).isEmpty();
    assertThat(claims.get(campaign).deferred()).isZero();
    assertThat(world.contactState(contact)).isEqualTo(ContactState.NO_CALLING_WINDOW);
    assertThat(world.attempts(contact)).isZero();
    assertThat(world.calls(campaign)).isEmpty();
    assertThat(claims.get(other).calls()).as("the other campaign of the claim").hasSize(1);
  }

  // --- giving claims back ---

  @Test
  void releasedCallsLeaveNoRecordAndTheirContactsAreDueAgainAsTheyWere() {
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    Instant due = T.minusSeconds(60);
    List<Long> contacts = world.contacts(campaign, due, phones(1, 3));
    List<ClaimedCall> claimed = calls(campaign, 2, T, "server-a");

    world.claims().release(claimed);

    assertThat(world.calls(campaign)).isEmpty();
    for (long contact : contacts) {
      assertThat(world.contactState(contact)).isEqualTo(ContactState.PENDING);
      assertThat(world.attempts(contact)).isZero();
      assertThat(world.nextAttempt(contact)).isEqualTo(due);
    }
    assertThat(world.counters(campaign)).isEqualTo(new Counters(0, 0, 0, 0, 0, 0, 0, 0));
    assertThat(calls(campaign, 3, T, "server-b"))
        .hasSize(3)
        .allSatisfy(call -> assertThat(call.attempt()).isEqualTo(1));
  }

  @Test
  void releasedCallsOfACampaignDeletedMeanwhileCancelTheirContacts() {
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    List<Long> contacts = world.contacts(campaign, T.minusSeconds(60), phones(1, 2));
    List<ClaimedCall> claimed = calls(campaign, 2, T, "server-a");
    world.delete(campaign, T.plusSeconds(1));

    world.claims().release(claimed);

    assertThat(world.calls(campaign)).isEmpty();
    for (long contact : contacts) {
      assertThat(world.contactState(contact)).isEqualTo(ContactState.CANCELLED);
    }
    assertThat(world.counters(campaign).inFlight()).isZero();
  }

  @Test
  void aCallReleasedTwiceIsGivenBackOnce() {
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    world.contacts(campaign, T.minusSeconds(60), phones(1, 2));
    List<ClaimedCall> claimed = calls(campaign, 2, T, "server-a");
    ClaimedCall released = claimed.get(0);
    ClaimedCall up = claimed.get(1);

    world.claims().release(List.of(released));
    world.claims().release(List.of(released));

    assertThat(world.counters(campaign).inFlight())
        .as(
            "in_flight after releasing one of two calls twice: a second release of a call whose"
                + " record is gone must not count again (the other call is still up)")
        .isEqualTo(1);
    assertThat(world.counters(campaign).callsPlaced())
        .as("calls_placed after releasing one of two calls twice")
        .isEqualTo(1);
    assertThat(world.contactState(up.contactId())).isEqualTo(ContactState.DIALING);
    assertThat(world.contactState(released.contactId())).isEqualTo(ContactState.PENDING);
    assertThat(world.attempts(released.contactId())).isZero();
  }

  @Test
  void releasingACallReclaimedMeanwhileLeavesItAsTheReclaimClosedIt() {
    // real time: leases are judged by the storage's own clock
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    DialRules rules = Rules.anyTime();
    world.leases().heartbeat("server-a", "host-a");
    world.leases().heartbeat("server-b", "host-b");
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    world.contacts(campaign, now.minusSeconds(60), phones(1, 2));
    ClaimedCall lost = call(campaign, now, "server-b");
    ClaimedCall up = call(campaign, now, "server-a");
    world.leases().expire("server-b");
    assertThat(world.leases().reclaim(Duration.ofMinutes(1), Duration.ofHours(1), 100, now, rules))
        .isEqualTo(1);
    Counters reclaimed = world.counters(campaign);

    world.claims().release(List.of(lost));

    assertThat(row(campaign, lost.callId()).errorReason()).contains(ErrorReason.SERVER_LOST);
    assertThat(world.contactState(lost.contactId())).isEqualTo(ContactState.PENDING);
    assertThat(world.attempts(lost.contactId())).isEqualTo(1);
    assertThat(world.nextAttempt(lost.contactId())).isEqualTo(now.plus(Rules.RETRY_DELAY));
    assertThat(world.contactState(up.contactId())).isEqualTo(ContactState.DIALING);
    assertThat(world.counters(campaign))
        .as(
            "counters after releasing a call already closed by reclaim: the release must count"
                + " nothing (in_flight 1 for the call still up, calls_placed 2)")
        .isEqualTo(reclaimed);
    assertThat(reclaimed.inFlight()).isEqualTo(1);
    assertThat(reclaimed.callsPlaced()).isEqualTo(2);
  }

  // --- what the dispatcher reads ---

  @Test
  void onlyQueuedAndActiveCampaignsAreDialableWithTheirLoad() {
    CampaignId queued = world.campaign(CLIENT, 7, 4);
    world.contacts(queued, T.minusSeconds(60), phones(1, 5));
    world.contacts(queued, T.plus(Duration.ofHours(1)), phone(6));
    CampaignId active = world.campaign(OTHER_CLIENT, 3, 2);
    world.contacts(active, T.minusSeconds(60), phone(1));
    world.status(active, CampaignStatus.ACTIVE);
    CampaignId paused = world.campaign(CLIENT, 5, 10);
    world.contacts(paused, T.minusSeconds(60), phone(1));
    world.status(paused, CampaignStatus.PAUSED);
    CampaignId deleted = world.campaign(CLIENT, 5, 10);
    world.contacts(deleted, T.minusSeconds(60), phone(1));
    world.delete(deleted, T.minusSeconds(30));
    CampaignId completed = world.campaign(CLIENT, 5, 10);
    world.status(completed, CampaignStatus.COMPLETED);

    Map<CampaignId, DialableCampaign> probed = byId(world.claims().dialable(T, 3));

    assertThat(probed).containsOnlyKeys(queued, active);
    assertThat(probed.get(queued))
        .isEqualTo(new DialableCampaign(queued, CLIENT, Priority.of(7), MaxConcurrent.of(4), 0, 3));
    assertThat(probed.get(active))
        .isEqualTo(
            new DialableCampaign(active, OTHER_CLIENT, Priority.of(3), MaxConcurrent.of(2), 0, 1));

    calls(queued, 2, T, "server-a");
    assertThat(byId(world.claims().dialable(T, 100)).get(queued))
        .satisfies(
            d -> {
              assertThat(d.inFlight()).isEqualTo(2);
              assertThat(d.pendingDue()).as("5 due, 2 claimed").isEqualTo(3);
            });
  }

  @Test
  void statusesSayCancelledForADeletedCampaignAndLeaveOutUnknownOnes() {
    CampaignId queued = world.campaign(CLIENT, 5, 10);
    CampaignId paused = world.campaign(CLIENT, 5, 10);
    world.status(paused, CampaignStatus.PAUSED);
    CampaignId deleted = world.campaign(CLIENT, 5, 10);
    world.delete(deleted, T);
    CampaignId completedThenDeleted = world.campaign(CLIENT, 5, 10);
    world.status(completedThenDeleted, CampaignStatus.COMPLETED);
    world.delete(completedThenDeleted, T);
    CampaignId unknown = CampaignId.random();

    assertThat(
            world.claims().statuses(Set.of(queued, paused, deleted, completedThenDeleted, unknown)))
        .isEqualTo(
            Map.of(
                queued,
                CampaignStatus.QUEUED,
                paused,
                CampaignStatus.PAUSED,
                deleted,
                CampaignStatus.CANCELLED,
                completedThenDeleted,
                CampaignStatus.CANCELLED));
    assertThat(world.claims().statuses(List.of())).isEmpty();
  }

  @Test
  void setupIsThereUntilTheCampaignIsDeleted() {
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    CampaignId paused = world.campaign(CLIENT, 5, 10);
    world.status(paused, CampaignStatus.PAUSED);
    CampaignId deleted = world.campaign(CLIENT, 5, 10);
    world.delete(deleted, T);

    assertThat(world.claims().setup(campaign))
        .contains(
            CampaignSetup.ofTexts(
                campaign,
                CLIENT,
                InMemoryDialing.CALLER_ID,
                InMemoryDialing.SYSTEM_PROMPT,
                Optional.empty(),
                Optional.empty(),
                Voice.DEFAULT));
    assertThat(world.claims().setup(paused)).isPresent();
    assertThat(world.claims().setup(deleted)).isEmpty();
    assertThat(world.claims().setup(CampaignId.random())).isEmpty();
  }

  @Test
  void setupCarriesTheCampaignsOwnRetryPolicy() {
    CampaignRetry retry =
        new CampaignRetry(
            Optional.of(2),
            Optional.of(Set.of(Disposition.BUSY, Disposition.VOICEMAIL)),
            Optional.of(Duration.ofSeconds(5)),
            Optional.of(CampaignRetry.Kind.FIXED));
    CampaignId campaign = world.scheduledCampaign(CLIENT, T.plusSeconds(60), retry);
    CampaignId partial =
        world.scheduledCampaign(
            CLIENT,
            T.plusSeconds(60),
            new CampaignRetry(
                Optional.empty(), Optional.of(Set.of()), Optional.empty(), Optional.empty()));

    assertThat(world.claims().setup(campaign).orElseThrow().retry()).isEqualTo(retry);
    assertThat(world.claims().setup(partial).orElseThrow().retry().retryable()).contains(Set.of());
    assertThat(world.claims().setup(partial).orElseThrow().retry().maxAttempts()).isEmpty();
  }

  // --- scheduled start ---

  @Test
  void scheduledCampaignsStartOnceTheirTimeComesAndNotBefore() {
    CampaignId due = world.scheduledCampaign(CLIENT, T.minusSeconds(1), CampaignRetry.SERVER);
    CampaignId exactly = world.scheduledCampaign(CLIENT, T, CampaignRetry.SERVER);
    CampaignId later = world.scheduledCampaign(CLIENT, T.plusSeconds(60), CampaignRetry.SERVER);
    world.contacts(later, T.minusSeconds(60), phone(1));

    assertThat(byId(world.claims().dialable(T, 10))).doesNotContainKey(later);
    assertThat(claim(later, 1, T, "server-a").calls()).isEmpty();
    assertThat(world.contactState(world.contacts(due, T.minusSeconds(60), phone(2)).get(0)))
        .isEqualTo(ContactState.PENDING);

    assertThat(world.claims().startScheduled(T)).containsExactlyInAnyOrder(due, exactly);

    assertThat(world.campaignStatus(due)).isEqualTo(CampaignStatus.ACTIVE);
    assertThat(world.campaignStatus(exactly)).isEqualTo(CampaignStatus.ACTIVE);
    assertThat(world.startedAt(due)).contains(T);
    assertThat(world.campaignStatus(later)).isEqualTo(CampaignStatus.SCHEDULED);
    assertThat(world.startedAt(later)).isEmpty();
    assertThat(world.claims().startScheduled(T)).isEmpty();
    assertThat(byId(world.claims().dialable(T, 10))).containsKey(due);
    assertThat(claim(due, 1, T, "server-a").calls()).hasSize(1);

    assertThat(world.claims().startScheduled(T.plusSeconds(60))).containsExactly(later);
    assertThat(claim(later, 1, T.plusSeconds(60), "server-a").calls()).hasSize(1);
  }

  @Test
  void pausedOrDeletedScheduledCampaignsDoNotStart() {
    CampaignId paused = world.scheduledCampaign(CLIENT, T.minusSeconds(1), CampaignRetry.SERVER);
    world.status(paused, CampaignStatus.PAUSED);
    CampaignId deleted = world.scheduledCampaign(CLIENT, T.minusSeconds(1), CampaignRetry.SERVER);
    world.delete(deleted, T.minusSeconds(1));

    assertThat(world.claims().startScheduled(T)).isEmpty();
    assertThat(world.campaignStatus(paused)).isEqualTo(CampaignStatus.PAUSED);
    assertThat(world.campaignStatus(deleted)).isEqualTo(CampaignStatus.CANCELLED);
  }

  @Test
  void serversStartingScheduledCampaignsAtOnceStartEachOnce() throws Exception {
    Set<CampaignId> due = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      due.add(world.scheduledCampaign(CLIENT, T.minusSeconds(i), CampaignRetry.SERVER));
    }
    CyclicBarrier barrier = new CyclicBarrier(3);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<List<CampaignId>>> servers = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        servers.add(
            pool.submit(
                () -> {
                  barrier.await(10, TimeUnit.SECONDS);
                  return world.claims().startScheduled(T);
                }));
      }
      List<CampaignId> started = new ArrayList<>();
      for (Future<List<CampaignId>> server : servers) {
        started.addAll(server.get(30, TimeUnit.SECONDS));
      }
      // a campaign whose row another server held is skipped, and started by a later call
      started.addAll(world.claims().startScheduled(T));
      assertThat(started).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(due);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Map<CampaignId, DialableCampaign> byId(List<DialableCampaign> campaigns) {
    Set<CampaignId> seen = new HashSet<>();
    campaigns.forEach(d -> assertThat(seen.add(d.id())).as("listed once: " + d.id()).isTrue());
    return campaigns.stream().collect(Collectors.toMap(DialableCampaign::id, d -> d));
  }
}
