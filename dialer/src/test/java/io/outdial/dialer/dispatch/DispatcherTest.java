package io.outdial.dialer.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.outdial.core.call.AnsweredBy;
import io.outdial.core.call.EndReason;
import io.outdial.core.call.ErrorReason;
import io.outdial.core.campaign.CampaignStatus;
import io.outdial.core.contact.Disposition;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.dialing.ContactState;
import io.outdial.core.dialing.DialRules;
import io.outdial.core.id.CallId;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.dialer.agent.ScriptedAgent;
import io.outdial.dialer.call.CallOutcome;
import io.outdial.dialer.dispatch.ScriptedTelephony.Placed;
import io.outdial.dialer.spi.CallListener;
import io.outdial.dialer.spi.CallRequest;
import io.outdial.dialer.testing.FakeProvider;
import io.outdial.dialer.testing.ManualExecutor;
import io.outdial.dialer.testing.ManualScheduler;
import io.outdial.persistence.campaign.CampaignChanged;
import io.outdial.persistence.dialing.DialerLeases;
import io.outdial.persistence.dialing.testing.DialingWorld.CallRow;
import io.outdial.persistence.dialing.testing.InMemoryDialing;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dispatcher without a server: the three dialing ports in memory ({@link InMemoryDialing}),
 * real call sessions on the fake provider and the scripted agent, and one manual time line for the
 * executor, the calls' timers and every clock. Nothing runs unless the test runs it.
 */
class DispatcherTest {
  private static final Instant START = Instant.parse("2026-03-02T15:00:00Z");
  private static final ClientId ACME = ClientId.of("acme");
  private static final ClientId GLOBEX = ClientId.of("globex");
  private static final ClientId INITECH = ClientId.of("initech");

  private final ManualScheduler time = new ManualScheduler(START);
  private final ManualExecutor executor = new ManualExecutor(time);
  private final InMemoryDialing world = new InMemoryDialing(time.clock());
  private final FlakyLeases leases = new FlakyLeases(world.leases());
  private final FakeProvider provider = new FakeProvider();
  private final RecordingTransfers transfers = new RecordingTransfers();

  private final Map<CampaignId, Made> campaigns = new LinkedHashMap<>();
  private final Map<PhoneNumber, CampaignId> owners = new HashMap<>();
  private final Map<CampaignId, Integer> peaks = new HashMap<>();
  private int peakLines;
  private int nextPhone = 2_000_000;
  private boolean checkPriorities;

  private int lines;
  private ScriptedTelephony telephony;
  private Dispatcher dispatcher;

  /** A campaign made for the test, with its limits and contacts. */
  private record Made(
      String name, CampaignId id, int priority, int maxConcurrent, List<Long> contacts) {}

  @AfterEach
  void stop() {
    if (dispatcher != null) {
      dispatcher.stop(new Object());
    }
    assertThat(executor.failures()).as("tasks that threw on the executor").isEmpty();
  }

  // ------------------------------------------------------------------ agents

  @Test
  void callsPlacedAfterTheAgentChangesUseItsNewConfigurationAndEarlierOnesKeepTheirs() {
    start(10);
    Made a = campaign("A", ACME, 5, 1, 3);
    world.agentGreeting(a.id(), "First greeting.");
    refresh();
    Placed first = up(a).get(0);
    assertThat(first.script().greeting()).contains("First greeting.");

    world.agentGreeting(a.id(), "Second greeting.");
    time.advance(Duration.ofSeconds(1)); // a refresh sees the agent's new revision
    executor.runDue();
    answer(first.callId());
    refresh();

    Placed second = up(a).get(0);
    assertThat(second.callId()).isNotEqualTo(first.callId());
    assertThat(second.script().greeting()).contains("Second greeting.");
    assertThat(first.script().greeting()).contains("First greeting.");
  }

  @Test
  void aCampaignsOpeningIsPreparedOnceWhenItsFirstCallsArePlacedAndAgainForANewAgent() {
    start(10);
    Made a = campaign("A", ACME, 5, 2, 5);
    Made plain = campaign("no greeting", ACME, 5, 2, 2);
    world.agentGreeting(a.id(), "Hi, this is Alex from Acme.");
    refresh();

    Placed first = up(a).get(0);
    String opening = new ScriptedAgent().opening(first.script()).orElseThrow();
    assertThat(opening).startsWith("Hi, this is Alex from Acme. ");
    assertThat(provider.prepared())
        .as("prepared when the first calls were placed, before any answer")
        .containsExactly(opening);

    answer(first.callId());
    refresh();
    assertThat(up(a)).hasSize(2);
    assertThat(provider.prepared()).as("later calls of the campaign prepare nothing").hasSize(1);

    world.agentGreeting(a.id(), "Hi again from Acme.");
    time.advance(Duration.ofSeconds(1)); // a refresh sees the agent's new revision
    executor.runDue();
    answer(up(a).get(0).callId());
    refresh();
    assertThat(provider.prepared())
        .as("the new agent's opening, once; the campaign without a greeting has none")
        .hasSize(2)
        .last()
        .asString()
        .startsWith("Hi again from Acme. ");
    assertThat(up(plain)).isNotEmpty();
  }

  // ------------------------------------------------------------------ pause and delete

  @Test
  void pausingACampaignLeavesTheCallsOfEveryOtherCampaignUp() {
    start(10);
    Made a = campaign("A", ACME, 5, 3, 6);
    Made sibling = campaign("A's sibling", ACME, 5, 2, 4); // same client as A
    Made b = campaign("B", GLOBEX, 5, 3, 6);
    Made paused = campaign("paused", GLOBEX, 5, 3, 2);
    world.status(paused.id(), CampaignStatus.PAUSED);
    Made deleted = campaign("deleted", INITECH, 5, 3, 2);
    world.delete(deleted.id(), START);
    Made completed = campaign("completed", INITECH, 5, 3, 2);
    world.status(completed.id(), CampaignStatus.COMPLETED);
    refresh();
    assertThat(up(a)).hasSize(3);
    assertThat(up(sibling)).hasSize(2);
    assertThat(up(b)).hasSize(3);
    List<Placed> aCalls = up(a);
    List<Placed> othersUp = concat(up(sibling), up(b));

    world.status(a.id(), CampaignStatus.PAUSED);
    dispatcher.changed(new CampaignChanged(a.id()));
    executor.runDue();
    time.advance(Duration.ofSeconds(2)); // several refreshes see A paused

    assertStillUp(othersUp);
    assertStillUp(aCalls); // a paused campaign's calls finish as they would
    assertThat(world.calls(a.id())).hasSize(3);

    answerEveryCall();

    for (Made reached : List.of(b, sibling)) {
      assertThat(world.campaignStatus(reached.id())).isEqualTo(CampaignStatus.COMPLETED);
      for (long contact : reached.contacts()) {
        assertThat(world.contactState(contact)).isEqualTo(ContactState.DONE);
        assertThat(world.lastDisposition(contact)).contains(Disposition.HUMAN_NOT_INTERESTED);
        assertThat(world.attempts(contact)).isEqualTo(1);
      }
      assertThat(dispositions(reached)).doesNotContain(Disposition.CANCELLED);
    }
    assertThat(world.campaignStatus(a.id())).isEqualTo(CampaignStatus.PAUSED);
    assertThat(world.calls(a.id())).as("no call placed for A once paused").hasSize(3);
    assertThat(dispositions(a)).containsOnly(Disposition.HUMAN_NOT_INTERESTED);
    assertThat(a.contacts()).extracting(world::contactState).doesNotContain(ContactState.CANCELLED);
    for (Made idle : List.of(paused, deleted, completed)) {
      assertThat(world.calls(idle.id())).isEmpty();
    }
    assertThat(dispatcher.callsInFlight()).isZero();
  }

  @Test
  void deletingACampaignHangsUpItsCallsAndNoOtherCampaigns() {
    start(10);
    Made a = campaign("A", ACME, 5, 3, 6);
    Made sibling = campaign("A's sibling", ACME, 5, 2, 4);
    Made b = campaign("B", GLOBEX, 5, 3, 6);
    Made paused = campaign("paused", GLOBEX, 5, 3, 2);
    world.status(paused.id(), CampaignStatus.PAUSED);
    refresh();
    List<Placed> aCalls = up(a);
    List<Placed> othersUp = concat(up(sibling), up(b));
    assertThat(aCalls).hasSize(3);
    assertThat(othersUp).hasSize(5);

    world.delete(a.id(), time.now());
    dispatcher.changed(new CampaignChanged(a.id()));
    executor.runDue();
    time.advance(Duration.ofSeconds(2));

    for (Placed call : aCalls) {
      CallOutcome outcome = call.session().outcome().orElseThrow();
      assertThat(outcome.disposition()).isEqualTo(Disposition.CANCELLED);
      assertThat(outcome.endReason()).isEqualTo(EndReason.CANCELLED);
      assertThat(provider.handle(call.callId()).hangUps()).isEqualTo(1);
    }
    assertThat(dispositions(a)).hasSize(3).containsOnly(Disposition.CANCELLED);
    assertThat(a.contacts()).extracting(world::contactState).containsOnly(ContactState.CANCELLED);
    assertThat(world.counters(a.id()).inFlight()).isZero();
    assertStillUp(othersUp);
    assertThat(dispatcher.callsInFlight()).isEqualTo(othersUp.size());

    answerEveryCall();

    for (Made reached : List.of(b, sibling)) {
      assertThat(world.campaignStatus(reached.id())).isEqualTo(CampaignStatus.COMPLETED);
      assertThat(reached.contacts())
          .extracting(world::contactState)
          .containsOnly(ContactState.DONE);
      assertThat(dispositions(reached)).containsOnly(Disposition.HUMAN_NOT_INTERESTED);
    }
    assertThat(world.calls(a.id())).hasSize(3);
    assertThat(world.calls(paused.id())).isEmpty();
    assertThat(paused.contacts())
        .extracting(world::contactState)
        .containsOnly(ContactState.PENDING);
  }

  // ------------------------------------------------------------------ ending on request

  @Test
  void aCallEndedOnRequestIsHungUpAtTheNextRefreshAndTheOthersStayUp() {
    start(10);
    Made a = campaign("A", ACME, 5, 3, 3);
    refresh();
    List<Placed> calls = up(a);
    assertThat(calls).hasSize(3);
    Placed ended = calls.get(0);
    provider.listener(ended.callId()).onAnswered(AnsweredBy.HUMAN);
    executor.runDue();

    assertThat(world.requestEnd(ACME, ended.callId(), time.now()))
        .isInstanceOf(io.outdial.persistence.call.EndRequest.Requested.class);
    executor.runDue();
    assertThat(provider.handle(ended.callId()).hangUps())
        .as("nothing happens before the refresh")
        .isZero();
    dispatcher.endRequested(new io.outdial.persistence.call.CallEndRequested(ended.callId()));
    executor.runDue();

    CallOutcome outcome = ended.session().outcome().orElseThrow();
    assertThat(outcome.endReason()).isEqualTo(EndReason.ENDED_BY_REQUEST);
    assertThat(outcome.disposition()).isEqualTo(Disposition.HUMAN_NOT_INTERESTED);
    assertThat(provider.handle(ended.callId()).hangUps()).isEqualTo(1);
    assertStillUp(calls.subList(1, 3));
    assertThat(world.requestEnd(ACME, ended.callId(), time.now()))
        .isEqualTo(new io.outdial.persistence.call.EndRequest.NotActive());
    assertThat(dispatcher.callsInFlight()).isEqualTo(2);
  }

  // ------------------------------------------------------------------ transfers

  @Test
  void aCallbackRecordedForACallIsAnnouncedByTheServerHoldingItOnce() {
    start(10);
    Made a = campaign("A", ACME, 5, 2, 2);
    refresh();
    List<Placed> calls = up(a);
    Placed told = calls.get(0);
    provider.listener(told.callId()).onAnswered(AnsweredBy.HUMAN);
    executor.runDue();

    transfers.work.add(
        new io.outdial.persistence.transfer.TransferWork.AnnounceCallback("cb_1", told.callId()));
    dispatcher.transferRequested(
        new io.outdial.persistence.transfer.TransferRequested(told.callId()));
    executor.runDue();
    refresh();

    assertThat(transfers.announced).containsExactly("cb_1");
    assertStillUp(calls.subList(1, 2));
  }

  // ------------------------------------------------------------------ limits

  @Test
  void higherPrioritiesTakeTheLinesFirstAndNoCampaignExceedsItsMaximum() {
    checkPriorities = true;
    start(4);
    Made high = campaign("high", ACME, 8, 2, 6);
    Made middle = campaign("middle", GLOBEX, 5, 3, 12);
    Made low = campaign("low", INITECH, 1, 5, 6);
    refresh();

    assertThat(up(high)).hasSize(2);
    assertThat(up(middle)).hasSize(2);
    assertThat(up(low)).isEmpty();

    SplittableRandom random = new SplittableRandom(11);
    while (!telephony.up().isEmpty()) {
      List<Placed> up = telephony.up();
      answer(up.get(random.nextInt(up.size())).callId());
    }

    for (Made made : List.of(high, middle, low)) {
      assertThat(made.contacts()).extracting(world::contactState).containsOnly(ContactState.DONE);
      assertThat(world.campaignStatus(made.id())).isEqualTo(CampaignStatus.COMPLETED);
    }
    assertThat(peaks.get(high.id())).isEqualTo(2);
    assertThat(peaks.get(middle.id())).isEqualTo(3);
    assertThat(peakLines).isEqualTo(4);
  }

  @Test
  void neverHoldsMoreCallsThanItHasLines() {
    start(5);
    List<Made> all = new ArrayList<>();
    ClientId[] clients = {ACME, GLOBEX, INITECH};
    for (int i = 0; i < 6; i++) {
      all.add(campaign("C" + i, clients[i % 3], 1 + i % 3, 3, 5));
    }
    refresh();

    SplittableRandom random = new SplittableRandom(5);
    for (int step = 0; !allFinal(all); step++) {
      if (step > 10_000) {
        fail("the campaigns never finished");
      }
      List<Placed> up = telephony.up();
      if (up.isEmpty()) {
        time.advance(Duration.ofSeconds(1)); // retries come due
        continue;
      }
      CallListener call = provider.listener(up.get(random.nextInt(up.size())).callId());
      switch (random.nextInt(4)) {
        case 0 -> call.onNoAnswer();
        case 1 -> call.onBusy();
        default -> {
          call.onAnswered(AnsweredBy.HUMAN);
          call.onRemoteHangUp();
        }
      }
      executor.runDue();
    }

    assertThat(peakLines).isEqualTo(5);
    for (Made made : all) {
      assertThat(peaks.get(made.id())).isLessThanOrEqualTo(3);
      assertThat(world.campaignStatus(made.id())).isEqualTo(CampaignStatus.COMPLETED);
    }
    assertThat(dispatcher.callsInFlight()).isZero();
  }

  // ------------------------------------------------------------------ the provider

  @ParameterizedTest
  @ValueSource(strings = {"provider refuses", "breaker open"})
  void aProviderThatRefusesGetsTheClaimedContactsBackAndDialingHolds(String how) {
    start(4);
    Made a = campaign("A", ACME, 5, 4, 4);
    if (how.equals("provider refuses")) {
      provider.makeUnavailable();
    } else {
      telephony.failWith(() -> new CircuitBreakerOpenException("place"));
    }

    refresh();

    assertThat(telephony.attempts()).as("the rest is not offered").isEqualTo(1);
    assertThat(telephony.placed()).isEmpty();
    assertThat(a.contacts()).extracting(world::contactState).containsOnly(ContactState.PENDING);
    assertThat(a.contacts()).extracting(world::attempts).containsOnly(0);
    assertThat(world.calls(a.id())).isEmpty();
    assertThat(world.counters(a.id()).inFlight()).isZero();
    assertThat(world.counters(a.id()).callsPlaced()).isZero();
    assertThat(dispatcher.callsInFlight()).isZero();
    assertThat(telephony.unavailableSince()).isPresent();

    provider.makeAvailable();
    telephony.heal();
    dispatcher.changed(new CampaignChanged(a.id()));
    executor.runDue();
    assertThat(telephony.attempts()).as("holds for a moment").isEqualTo(1);

    time.advance(Duration.ofSeconds(1));
    assertThat(up(a)).hasSize(4);
    assertThat(telephony.unavailableSince()).isEmpty();

    answerEveryCall();
    assertThat(a.contacts()).extracting(world::attempts).containsOnly(1);
    assertThat(world.campaignStatus(a.id())).isEqualTo(CampaignStatus.COMPLETED);
  }

  @Test
  void aPlacementThatTimesOutIsAFailedDialAndTheRestIsGivenBack() {
    start(4);
    Made a = campaign("A", ACME, 5, 4, 4);
    telephony.failWith(() -> new TimeoutException("place timed out"));

    refresh();

    assertThat(telephony.attempts()).isEqualTo(1);
    List<CallRow> calls = world.calls(a.id());
    assertThat(calls).hasSize(1);
    assertFailedDial(calls.get(0));
    long tried = calls.get(0).contact();
    assertThat(world.attempts(tried)).isEqualTo(1);
    assertThat(world.contactState(tried)).isEqualTo(ContactState.PENDING);
    for (long contact : a.contacts()) {
      if (contact != tried) {
        assertThat(world.contactState(contact)).isEqualTo(ContactState.PENDING);
        assertThat(world.attempts(contact)).isZero();
      }
    }
    assertThat(dispatcher.callsInFlight()).as("the line is free").isZero();
    assertThat(world.counters(a.id()).inFlight()).isZero();
    assertThat(telephony.unavailableSince()).isPresent();

    telephony.heal();
    // past the 500 ms hold, before the failed dial's retry (1 s +- 20 %)
    time.advance(Duration.ofMillis(600));
    assertThat(up(a)).as("the contacts given back").hasSize(3);
    time.advance(Duration.ofSeconds(1));
    assertThat(world.attempts(tried)).as("the failed dial is retried").isEqualTo(2);
  }

  @Test
  void aPlacementThatThrowsIsAFailedDialAndFreesItsLine() {
    start(4);
    Made a = campaign("A", ACME, 5, 4, 4);
    telephony.failWith(() -> new IllegalStateException("conductor broken"));

    refresh();

    assertThat(telephony.attempts()).as("each claimed call is tried").isEqualTo(4);
    assertThat(world.calls(a.id())).hasSize(4).allSatisfy(DispatcherTest::assertFailedDial);
    assertThat(a.contacts()).extracting(world::attempts).containsOnly(1);
    assertThat(a.contacts())
        .as("the callee was never reached: retried like a call lost with its server")
        .extracting(world::contactState)
        .containsOnly(ContactState.PENDING);
    assertThat(dispatcher.callsInFlight()).as("no line leaks").isZero();
    assertThat(world.counters(a.id()).inFlight()).isZero();
    assertThat(telephony.unavailableSince()).as("not the provider's fault").isEmpty();

    Made b = campaign("B", GLOBEX, 5, 4, 4);
    telephony.heal();
    refresh();
    assertThat(up(b)).as("all lines dial again").hasSize(4);
  }

  // ------------------------------------------------------------------ do not call

  @Test
  void aStopCallingRequestIsOnTheClientsListWhileTheCallIsStillUp() {
    start(2);
    Made a = campaign("A", ACME, 5, 2, 1);
    refresh();
    Placed call = up(a).get(0);
    CallListener callee = provider.listener(call.callId());

    callee.onAnswered(AnsweredBy.HUMAN);
    callee.onSpeechFinished(false); // the greeting has played
    callee.onUtterance("Stop calling me. Please take me off your list.");
    executor.runDue();

    assertThat(call.up()).as("the agent is still saying goodbye").isTrue();
    assertThat(world.onDoNotCall(ACME, call.request().to().e164())).isTrue();
    assertThat(world.onDoNotCall(GLOBEX, call.request().to().e164())).isFalse();

    callee.onSpeechFinished(false);
    executor.runDue();

    assertThat(world.contactState(a.contacts().get(0))).isEqualTo(ContactState.DO_NOT_CALL);
    assertThat(dispositions(a)).containsExactly(Disposition.DO_NOT_CALL);
  }

  // ------------------------------------------------------------------ the lease

  @Test
  void aServerThatCannotRenewItsLeaseHangsUpEveryCallAndClaimsNothingUntilRenewed() {
    start(4);
    Made a = campaign("A", ACME, 5, 4, 8);
    Made b = campaign("B", GLOBEX, 5, 4, 8);
    refresh();
    List<Placed> before = telephony.up();
    assertThat(before).hasSize(4);

    leases.down = true;
    time.advance(Duration.ofSeconds(12)); // past three quarters of the 15 s lease

    assertThat(dispatcher.fenced()).isTrue();
    for (Placed call : before) {
      CallOutcome outcome = call.session().outcome().orElseThrow();
      assertThat(outcome.disposition()).isEqualTo(Disposition.FAILED);
      assertThat(outcome.failureReason()).contains(ErrorReason.SERVER_LOST);
      assertThat(provider.handle(call.callId()).hangUps()).isEqualTo(1);
    }
    assertThat(dispatcher.callsInFlight()).isZero();
    int attempts = telephony.attempts();

    time.advance(Duration.ofSeconds(30)); // contacts are due again, the lease still not renewed

    assertThat(dispatcher.fenced()).isTrue();
    assertThat(telephony.attempts()).as("nothing claimed while fenced").isEqualTo(attempts);
    assertThat(world.calls(a.id()).size() + world.calls(b.id()).size()).isEqualTo(4);

    leases.down = false;
    time.advance(Duration.ofSeconds(4)); // the next renewal

    assertThat(dispatcher.fenced()).isFalse();
    assertThat(telephony.up()).hasSize(4);
    answerEveryCall();
    for (Made made : List.of(a, b)) {
      assertThat(world.campaignStatus(made.id())).isEqualTo(CampaignStatus.COMPLETED);
    }
  }

  // ------------------------------------------------------------------ harness

  private void start(int lines) {
    this.lines = lines;
    Map<String, String> config =
        Map.of(
            "outdial.dialer.capacity", Integer.toString(lines),
            "outdial.dialer.calling-hours", "always",
            "outdial.dialer.retry.delay-seconds", "1",
            "outdial.telephony.provider", "fake");
    DialerSettings settings = DialerSettings.from(key -> Optional.ofNullable(config.get(key)));
    telephony = new ScriptedTelephony(settings, provider, time);
    telephony.beforePlacing(this::checkLimits);
    dispatcher = new Dispatcher();
    dispatcher.executor = executor;
    dispatcher.claims = world.claims();
    dispatcher.outcomes = world.outcomes();
    dispatcher.leases = leases;
    dispatcher.transfers = transfers;
    dispatcher.telephony = telephony;
    dispatcher.settings = settings;
    // retry jitter from a seeded source: every run of a test sees the same retry times
    java.util.Random jitter = new java.util.Random(7);
    dispatcher.random = () -> jitter;
    dispatcher.clock = time.clock();
    dispatcher.meter = new DialingMeter();
    dispatcher.start(new Object());
    executor.runDue();
  }

  /** As the API does after it changed campaigns: the dispatcher looks at once. */
  private void refresh() {
    campaigns.keySet().forEach(id -> dispatcher.changed(new CampaignChanged(id)));
    executor.runDue();
  }

  private Made campaign(
      String name, ClientId client, int priority, int maxConcurrent, int contacts) {
    CampaignId id = world.campaign(client, priority, maxConcurrent);
    String[] phones = new String[contacts];
    for (int i = 0; i < contacts; i++) {
      phones[i] = "+1555" + nextPhone++;
      owners.put(PhoneNumber.ofE164(phones[i]), id);
    }
    Made made = new Made(name, id, priority, maxConcurrent, world.contacts(id, START, phones));
    campaigns.put(id, made);
    return made;
  }

  /**
   * Before every placement: the dispatcher holds no more calls than lines, no campaign more than
   * its maximum, and (when asked) no campaign dials while one of higher priority could.
   */
  private void checkLimits(CallRequest request) {
    CampaignId campaign = owners.get(request.to());
    Made made = campaigns.get(campaign);
    int upNow = telephony.up().size() + 1;
    int campaignUp = up(made).size() + 1;
    assertThat(dispatcher.callsInFlight()).as("calls in flight").isLessThanOrEqualTo(lines);
    assertThat(upNow).as("calls up").isLessThanOrEqualTo(lines);
    assertThat(campaignUp).as("calls up for a campaign").isLessThanOrEqualTo(made.maxConcurrent());
    assertThat(world.counters(campaign).inFlight()).isLessThanOrEqualTo(made.maxConcurrent());
    peakLines = Math.max(peakLines, upNow);
    peaks.merge(campaign, campaignUp, Math::max);
    if (checkPriorities) {
      for (Made higher : campaigns.values()) {
        if (higher.priority() > made.priority()) {
          boolean nothingDue =
              higher.contacts().stream()
                  .noneMatch(c -> world.contactState(c) == ContactState.PENDING);
          boolean full = world.counters(higher.id()).inFlight() >= higher.maxConcurrent();
          assertThat(nothingDue || full)
              .as("priority %d dials while priority %d could", made.priority(), higher.priority())
              .isTrue();
        }
      }
    }
  }

  private List<Placed> up(Made campaign) {
    return telephony.up().stream()
        .filter(p -> campaign.id().equals(owners.get(p.request().to())))
        .toList();
  }

  /** The callee answers and hangs up: reached, final. */
  private void answer(CallId call) {
    CallListener listener = provider.listener(call);
    listener.onAnswered(AnsweredBy.HUMAN);
    listener.onRemoteHangUp();
    executor.runDue();
  }

  /** Answers every call up, and those placed after them, until none is up. */
  private void answerEveryCall() {
    for (int i = 0; i < 10_000; i++) {
      List<Placed> up = telephony.up();
      if (up.isEmpty()) {
        return;
      }
      answer(up.get(0).callId());
    }
    fail("calls kept coming");
  }

  private void assertStillUp(List<Placed> calls) {
    for (Placed call : calls) {
      Optional<CallOutcome> ended = call.session().outcome();
      if (ended.isPresent()) {
        fail(
            "%s's call %s should be up, but the dispatcher ended it as %s (end reason %s)",
            campaigns.get(owners.get(call.request().to())).name(),
            call.callId().value(),
            ended.get().disposition().wireName(),
            ended.get().endReason().wireName());
      }
      assertThat(provider.handle(call.callId()).hangUps()).isZero();
    }
  }

  private static void assertFailedDial(CallRow call) {
    assertThat(call.endedAt()).isPresent();
    assertThat(call.disposition()).contains(Disposition.FAILED);
    assertThat(call.errorReason()).contains(ErrorReason.DIAL_ERROR);
  }

  private List<Disposition> dispositions(Made campaign) {
    return world.calls(campaign.id()).stream().flatMap(c -> c.disposition().stream()).toList();
  }

  private boolean allFinal(List<Made> made) {
    return made.stream()
        .flatMap(m -> m.contacts().stream())
        .allMatch(c -> world.contactState(c).isFinal());
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** The lease port, with a database that can stop answering heartbeats. */
  private static final class FlakyLeases implements DialerLeases {
    private final DialerLeases real;
    volatile boolean down;

    FlakyLeases(DialerLeases real) {
      this.real = real;
    }

    @Override
    public void heartbeat(String serverId, String host) {
      if (down) {
        throw new PersistenceException("the database does not answer");
      }
      real.heartbeat(serverId, host);
    }

    @Override
    public void expire(String serverId) {
      real.expire(serverId);
    }

    @Override
    public java.util.Set<CallId> endsRequested(String serverId) {
      if (down) {
        throw new PersistenceException("the database does not answer");
      }
      return real.endsRequested(serverId);
    }

    @Override
    public int reclaim(Duration lease, Duration maxAge, int limit, Instant now, DialRules rules) {
      if (down) {
        throw new PersistenceException("the database does not answer");
      }
      return real.reclaim(lease, maxAge, limit, now, rules);
    }
  }
}
