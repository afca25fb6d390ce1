package io.outdial.core.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.core.campaign.MaxConcurrent;
import io.outdial.core.campaign.Priority;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class DialingSchedulerTest {
  private static final ClientId ACME = ClientId.of("acme");
  private static final ClientId GLOBEX = ClientId.of("globex");

  private final DialingScheduler scheduler = new DialingScheduler(100);

  private static CampaignId id(String suffix) {
    return CampaignId.parse("camp_" + suffix);
  }

  private void add(String id, ClientId client, int priority, int max, long pending) {
    scheduler.upsert(
        new CampaignLoad(id(id), client, Priority.of(priority), MaxConcurrent.of(max), 0, pending));
  }

  @Test
  void higherPriorityIsServedStrictlyFirst() {
    add("low", ACME, 3, 100, 10);
    add("high", ACME, 9, 100, 2);
    assertThat(scheduler.nextSlots(4))
        .containsExactly(id("high"), id("high"), id("low"), id("low"));
  }

  @Test
  void campaignsOfEqualPriorityTakeTurns() {
    add("a", ACME, 5, 100, 10);
    add("b", GLOBEX, 5, 100, 10);
    add("c", ACME, 5, 100, 10);
    assertThat(scheduler.nextSlots(6))
        .containsExactly(id("a"), id("b"), id("c"), id("a"), id("b"), id("c"));
  }

  @Test
  void aCampaignAtItsMaxConcurrentGetsNoSlotUntilACallEnds() {
    add("a", ACME, 5, 2, 10);
    assertThat(scheduler.nextSlots(5)).hasSize(2);
    assertThat(scheduler.nextSlot()).isEmpty();
    scheduler.callFinished(id("a"));
    assertThat(scheduler.nextSlot()).contains(id("a"));
  }

  @Test
  void theGlobalCapacityIsNeverExceeded() {
    DialingScheduler small = new DialingScheduler(3);
    small.upsert(new CampaignLoad(id("a"), ACME, Priority.DEFAULT, MaxConcurrent.DEFAULT, 0, 50));
    assertThat(small.nextSlots(10)).hasSize(3);
    assertThat(small.freeSlots()).isZero();
    small.callFinished(id("a"));
    assertThat(small.nextSlots(10)).hasSize(1);
    small.setGlobalCapacity(5);
    assertThat(small.nextSlots(10)).hasSize(2);
  }

  @Test
  void aFullClientYieldsItsSlotsToOtherClientsEvenOfLowerPriority() {
    scheduler.setClientCapacity(ACME, 2);
    add("urgent", ACME, 10, 100, 10);
    add("otherurgent", ACME, 10, 100, 10);
    add("routine", GLOBEX, 1, 100, 10);
    List<CampaignId> slots = scheduler.nextSlots(4);
    assertThat(slots.subList(0, 2)).containsExactly(id("urgent"), id("otherurgent"));
    assertThat(slots.subList(2, 4)).containsOnly(id("routine"));
    assertThat(scheduler.clientInFlight(ACME)).isEqualTo(2);
    scheduler.callFinished(id("otherurgent"));
    assertThat(scheduler.nextSlot()).contains(id("urgent"));
  }

  @Test
  void aCampaignWithNoDueContactsGetsNothingAndComesBackWhenContactsArrive() {
    add("empty", ACME, 9, 100, 0);
    add("busy", ACME, 1, 100, 10);
    assertThat(scheduler.nextSlot()).contains(id("busy"));
    scheduler.addPendingDue(id("empty"), 1);
    assertThat(scheduler.nextSlot()).contains(id("empty"));
    assertThat(scheduler.nextSlot()).contains(id("busy"));
  }

  @Test
  void aCampaignReturningFromAPauseDoesNotBurstAheadOfItsPeers() {
    scheduler.setGlobalCapacity(100_000);
    add("a", ACME, 5, 1_000, 1_000);
    add("b", ACME, 5, 1_000, 1_000);
    add("c", ACME, 5, 1_000, 1_000);
    scheduler.setPendingDue(id("c"), 0);
    scheduler.nextSlots(100); // a and b take 50 each while c waits
    scheduler.setPendingDue(id("c"), 1_000);
    List<CampaignId> next = scheduler.nextSlots(30);
    assertThat(Collections.frequency(next, id("c"))).isBetween(9, 11);
  }

  @Test
  void aClientReturningFromItsCapDoesNotBurstAhead() {
    add("a1", ACME, 5, 1_000, 10_000);
    add("a2", ACME, 5, 1_000, 10_000);
    add("g", GLOBEX, 5, 1_000, 10_000);
    scheduler.setGlobalCapacity(100_000);
    scheduler.setClientCapacity(ACME, 0);
    scheduler.nextSlots(500); // only globex is served
    scheduler.clearClientCapacity(ACME);
    List<CampaignId> next = scheduler.nextSlots(30);
    assertThat(Collections.frequency(next, id("g"))).isBetween(9, 11);
  }

  @Test
  void raisingPriorityMovesACampaignAhead() {
    add("a", ACME, 5, 100, 10);
    add("b", ACME, 5, 100, 10);
    scheduler.setPriority(id("b"), Priority.of(6));
    assertThat(scheduler.nextSlots(2)).containsExactly(id("b"), id("b"));
  }

  @Test
  void removingACampaignFreesItsCapacityAndStopsItsSlots() {
    DialingScheduler s = new DialingScheduler(2);
    s.upsert(new CampaignLoad(id("a"), ACME, Priority.DEFAULT, MaxConcurrent.DEFAULT, 0, 10));
    s.upsert(new CampaignLoad(id("b"), ACME, Priority.of(1), MaxConcurrent.DEFAULT, 0, 10));
    assertThat(s.nextSlots(2)).containsOnly(id("a"));
    assertThat(s.remove(id("a"))).isTrue();
    assertThat(s.remove(id("a"))).isFalse();
    assertThat(s.nextSlots(2)).containsOnly(id("b"));
    assertThat(s.load(id("a"))).isEmpty();
  }

  @Test
  void upsertReplacesWhatIsKnownIncludingCallsInFlight() {
    add("a", ACME, 5, 3, 10);
    scheduler.nextSlots(3);
    scheduler.upsert(new CampaignLoad(id("a"), ACME, Priority.of(5), MaxConcurrent.of(3), 1, 10));
    assertThat(scheduler.globalInFlight()).isEqualTo(1);
    assertThat(scheduler.nextSlots(5)).hasSize(2);
    assertThat(scheduler.load(id("a")).orElseThrow().inFlight()).isEqualTo(3);
  }

  @Test
  void loweringMaxConcurrentBelowInFlightStopsNewSlots() {
    add("a", ACME, 5, 5, 10);
    scheduler.nextSlots(4);
    scheduler.setMaxConcurrent(id("a"), MaxConcurrent.of(2));
    assertThat(scheduler.nextSlot()).isEmpty();
    scheduler.callFinished(id("a"));
    scheduler.callFinished(id("a"));
    assertThat(scheduler.nextSlot()).isEmpty();
    scheduler.callFinished(id("a"));
    assertThat(scheduler.nextSlot()).contains(id("a"));
  }

  @Test
  void unknownCampaignsAndSpuriousFinishesAreRejected() {
    assertThatThrownBy(() -> scheduler.callFinished(id("ghost")))
        .isInstanceOf(IllegalArgumentException.class);
    add("a", ACME, 5, 5, 10);
    assertThatThrownBy(() -> scheduler.callFinished(id("a")))
        .isInstanceOf(IllegalStateException.class);
  }
}
