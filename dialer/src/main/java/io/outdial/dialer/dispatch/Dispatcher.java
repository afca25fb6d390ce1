package io.outdial.dialer.dispatch;

import io.outdial.core.calling.RecipientTimeZones;
import io.outdial.core.campaign.CampaignStatus;
import io.outdial.core.contact.Disposition;
import io.outdial.core.dialing.CampaignLoad;
import io.outdial.core.dialing.DialRules;
import io.outdial.core.dialing.DialingScheduler;
import io.outdial.core.id.CallId;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.TransferId;
import io.outdial.core.transfer.TransferFailure;
import io.outdial.core.transfer.TransferMode;
import io.outdial.core.transfer.TransferStatus;
import io.outdial.dialer.agent.CampaignScript;
import io.outdial.dialer.call.CallObserver;
import io.outdial.dialer.call.CallOutcome;
import io.outdial.dialer.call.CallSession;
import io.outdial.dialer.call.TransferPlan;
import io.outdial.dialer.spi.CallRequest;
import io.outdial.dialer.spi.ProviderUnavailableException;
import io.outdial.persistence.call.CallEndRequested;
import io.outdial.persistence.campaign.CampaignChanged;
import io.outdial.persistence.dialing.AudioTimes;
import io.outdial.persistence.dialing.CallOutcomes;
import io.outdial.persistence.dialing.CallResult;
import io.outdial.persistence.dialing.CampaignSetup;
import io.outdial.persistence.dialing.Claim;
import io.outdial.persistence.dialing.ClaimedCall;
import io.outdial.persistence.dialing.ContactClaims;
import io.outdial.persistence.dialing.DialableCampaign;
import io.outdial.persistence.dialing.DialerLeases;
import io.outdial.persistence.transfer.CallTransfers;
import io.outdial.persistence.transfer.TransferAsk;
import io.outdial.persistence.transfer.TransferOrder;
import io.outdial.persistence.transfer.TransferRecord;
import io.outdial.persistence.transfer.TransferRequested;
import io.outdial.persistence.transfer.TransferWork;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Dials. One per server; all servers sharing the database dial together.
 *
 * <p>A <em>tick</em> runs on the managed scheduled executor whenever something changed (a call
 * ended, a campaign was created, resumed or got contacts) and at least every {@code refresh}: it
 * asks the {@code core} scheduler for as many slots as this server has free lines, claims that many
 * due contacts from the database in one transaction for all campaigns (under the campaigns' row
 * locks, so {@code max_concurrent} holds across servers) and places their calls. Ticks never
 * overlap. Calls in flight hold no thread: their events run as short tasks on the same executor,
 * and their outcomes are written in batches by {@link OutcomeWriter}.
 */
@ApplicationScoped
public class Dispatcher {
  private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

  @Resource ManagedScheduledExecutorService executor;
  @Inject ContactClaims claims;
  @Inject CallOutcomes outcomes;
  @Inject DialerLeases leases;
  @Inject CallTransfers transfers;
  @Inject Telephony telephony;
  @Inject DialerSettings settings;
  @Inject Clock clock;
  @Inject DialingMeter meter;

  private final String serverId = "srv_" + UUID.randomUUID().toString().replace("-", "");
  private SerialDrain drains; // set in start(), before dialing begins
  private final AtomicBoolean requested = new AtomicBoolean();
  private final AtomicBoolean refreshRequested = new AtomicBoolean(true);
  private final ConcurrentLinkedQueue<CampaignId> freed = new ConcurrentLinkedQueue<>();
  private final Map<CallId, Live> live = new ConcurrentHashMap<>();
  private final List<ScheduledFuture<?>> timers = new ArrayList<>();
  private volatile boolean stopped = true;
  private volatile LeaseKeeper lease;

  /** The jitter of retry times (a test sets a seeded one). */
  Supplier<RandomGenerator> random = ThreadLocalRandom::current;

  // Owned by the tick (never touched by two threads at once).
  private final Map<Disposition, LongAdder> completed = completedCounters();
  // set once at start, read by the outcome writer's thread
  private volatile Consumer<AudioTimes> measured = audio -> {};
  private DialRules rules;
  private volatile OutcomeWriter writer;
  private DialingScheduler scheduler;
  private final Set<CampaignId> scheduled = new HashSet<>();
  private final Map<CampaignId, Integer> local = new HashMap<>();
  private final Map<CampaignId, CampaignSetup> setups = new HashMap<>();
  private Instant lastRefresh = Instant.EPOCH;
  private Instant holdUntil = Instant.EPOCH;

  /** A call this server placed and has not yet recorded. */
  private record Live(CampaignId campaign, CallSession session) {}

  /** Starts dialing after the persistence unit (priority 100) has migrated the schema. */
  void start(@Observes @Priority(500) @Initialized(ApplicationScoped.class) Object event) {
    if (!settings.enabled()) {
      LOG.log(Level.INFO, "Dialing is switched off on this server (outdial.dialer.enabled=false)");
      return;
    }
    rules =
        new DialRules(
            settings.callingHours(),
            new RecipientTimeZones(settings.fallbackZone()),
            settings.retry(),
            random);
    writer =
        new OutcomeWriter(
            outcomes, executor, clock, this::recorded, this::dropped, meter.outcomes());
    scheduler = new DialingScheduler(settings.capacity());
    drains = new SerialDrain(executor, this::drain, "Dispatch", meter.dispatch());
    LeaseKeeper keeper =
        new LeaseKeeper(
            leases,
            serverId,
            hostName(),
            settings.lease(),
            settings.maxCallAge(),
            rules,
            clock,
            this::abandonAll,
            () -> {
              refreshRequested.set(true);
              wake();
            });
    keeper.take();
    lease = keeper;
    stopped = false;
    long refresh = settings.refresh().toMillis();
    timers.add(
        executor.scheduleWithFixedDelay(
            () -> {
              if (!stopped) {
                keeper.check();
              }
              refreshRequested.set(true);
              wake();
            },
            refresh,
            refresh,
            TimeUnit.MILLISECONDS));
    timers.add(
        executor.scheduleWithFixedDelay(
            () -> {
              if (!stopped) {
                keeper.renew();
              }
            },
            0,
            keeper.renewalInterval().toMillis(),
            TimeUnit.MILLISECONDS));
    LOG.log(
        Level.INFO,
        "Dispatcher {0} started: {1} lines, calling hours {2}, lease {3} s",
        serverId,
        settings.capacity(),
        settings.callingHours().map(Object::toString).orElse("always"),
        settings.lease().toSeconds());
    wake();
  }

  /**
   * Stops dialing at shutdown. Calls still up are left to the lease: this server's heartbeat is
   * expired at once, so another server (or this one restarted) closes them as {@code server_lost}
   * and retries them by the policy.
   */
  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    if (stopped) {
      return;
    }
    stopped = true;
    timers.forEach(t -> t.cancel(false));
    try {
      writer.flush();
      lease.expire();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not hand over this server's calls at shutdown", e);
    }
  }

  /** A campaign was created, resumed, deleted or got contacts: look at it at once. */
  void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) CampaignChanged change) {
    refreshRequested.set(true);
    wake();
  }

  /**
   * A request to end a call was recorded on this server: look at once rather than at the next
   * refresh (the call may be another server's; that one finds it at its own refresh).
   */
  void endRequested(@Observes(during = TransactionPhase.AFTER_SUCCESS) CallEndRequested request) {
    refreshRequested.set(true);
    wake();
  }

  /**
   * A transfer (or a callback) was recorded on this server: look at once rather than at the next
   * refresh (the call may be another server's; that one finds it at its own refresh).
   */
  void transferRequested(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) TransferRequested request) {
    refreshRequested.set(true);
    wake();
  }

  /** This server's identity in the {@code dialer_server} table and in call records. */
  public String serverId() {
    return serverId;
  }

  /** Calls this server has in flight now. */
  public int callsInFlight() {
    return live.size();
  }

  /** The lines this server dials on ({@code outdial.dialer.capacity}); 0 when dialing is off. */
  public int lines() {
    DialerSettings current = settings;
    return current == null || !current.enabled() ? 0 : current.capacity();
  }

  /** True while this server holds dialing because it could not renew its lease (self-fencing). */
  public boolean fenced() {
    LeaseKeeper current = lease;
    return current != null && current.fenced();
  }

  /** Outcomes set aside since start because the database refused them (see OutcomeWriter). */
  public long outcomesSetAside() {
    OutcomeWriter current = writer;
    return current == null ? 0 : current.deadLetters();
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  /**
   * Hands what the carrier measured about each call this server recorded to {@code observer} (the
   * server's {@code /metrics} histograms), on the outcome writer's thread: it must be quick.
   */
  public void observeAudio(Consumer<AudioTimes> observer) {
    measured = Objects.requireNonNull(observer, "observer");
  }

  /** How many calls this server ended with {@code disposition} since it started. */
  public long callsCompleted(Disposition disposition) {
    return completed.get(disposition).sum();
  }

  private static Map<Disposition, LongAdder> completedCounters() {
    Map<Disposition, LongAdder> counters = new EnumMap<>(Disposition.class);
    for (Disposition d : Disposition.values()) {
      counters.put(d, new LongAdder());
    }
    return counters;
  }

  private void wake() {
    if (stopped) {
      return;
    }
    requested.set(true);
    // while the server stops, the executor refuses the drain; stop() hands the calls over
    drains.start();
  }

  private void drain() {
    try {
      while (requested.getAndSet(false) && !stopped) {
        try {
          tick();
        } catch (RuntimeException e) {
          // the database may be away for a moment: the next tick tries again
          LOG.log(Level.WARNING, "Dispatch failed; retrying at the next tick", e);
          refreshRequested.set(true);
          break;
        }
      }
    } finally {
      drains.finished();
    }
    if (requested.get() && !stopped) {
      drains.start();
    }
  }

  private void tick() {
    Instant now = clock.instant();
    for (CampaignId id; (id = freed.poll()) != null; ) {
      int left = local.merge(id, -1, Integer::sum);
      if (left <= 0) {
        local.remove(id);
      }
      if (scheduled.contains(id)) {
        finishSlot(id);
        scheduler.addPendingDue(id, 1);
      }
    }
    if (refreshRequested.getAndSet(false)
        || Duration.between(lastRefresh, now).compareTo(settings.refresh()) >= 0) {
      refresh(now);
    }
    if (now.isBefore(holdUntil) || fenced()) {
      return;
    }
    int free = settings.capacity() - live.size();
    if (free <= 0) {
      return;
    }
    List<CampaignId> slots = scheduler.nextSlots(free);
    Map<CampaignId, Integer> wanted = new LinkedHashMap<>();
    slots.forEach(id -> wanted.merge(id, 1, Integer::sum));
    boolean again = slots.size() == free;
    Map<CampaignId, Claim> claimed = claims.claim(wanted, clock, serverId, rules);
    // every claimed call is placed, recorded as failed or given back, whatever goes wrong here
    List<ClaimedCall> unhandled = new ArrayList<>();
    claimed.values().forEach(c -> unhandled.addAll(c.calls()));
    try {
      for (var entry : wanted.entrySet()) {
        CampaignId campaign = entry.getKey();
        int asked = entry.getValue();
        Claim claim = claimed.getOrDefault(campaign, Claim.NOTHING);
        for (int i = claim.calls().size(); i < asked; i++) {
          finishSlot(campaign);
        }
        if (claim.busy()) {
          // its row is held elsewhere (an outcome or an upload being written): its due contacts
          // are still due, and the next tick (woken by that write) asks again
          scheduler.addPendingDue(campaign, asked);
          again = false;
        } else if (claim.exhausted() || claim.calls().size() < asked) {
          scheduler.setPendingDue(campaign, 0);
        }
        if (claim.calls().isEmpty()) {
          continue;
        }
        boolean placedAll = place(campaign, claim.calls(), unhandled);
        if (!placedAll) {
          again = false;
          break;
        }
      }
    } finally {
      if (!unhandled.isEmpty()) {
        giveBack(unhandled);
      }
    }
    if (again) {
      requested.set(true);
    }
  }

  /** Gives back claimed calls that were never placed, and frees their scheduler slots. */
  private void giveBack(List<ClaimedCall> calls) {
    try {
      claims.release(calls);
    } catch (RuntimeException e) {
      // their call records stay open: the lease keeping closes them as stale, then they are due
      LOG.log(Level.WARNING, "Could not give back " + calls.size() + " unplaced calls", e);
    }
    calls.forEach(c -> finishSlot(c.campaignId()));
  }

  /**
   * Places claimed calls of one campaign, removing each from {@code unhandled} once it is placed or
   * recorded as failed. When the provider is unavailable (it refuses, its breaker is open, it does
   * not answer in time) the rest stays in {@code unhandled} for the caller to give back, and
   * dialing holds for a moment.
   *
   * @return whether the provider took every call
   */
  private boolean place(CampaignId campaign, List<ClaimedCall> calls, List<ClaimedCall> unhandled) {
    CampaignSetup setup = setups.get(campaign);
    boolean first = setup == null;
    if (first) {
      setup = claims.setup(campaign).orElse(null);
      if (setup == null) {
        return true; // deleted meanwhile: the calls are given back (and cancelled) by the caller
      }
      setups.put(campaign, setup);
    }
    CampaignScript script =
        CampaignScript.of(
                setup.systemPrompt(), setup.greetingText(), setup.voicemailText(), setup.voice())
            .withAgent(setup.firstMessage(), setup.llm());
    if (first) {
      // its first calls ring for seconds: long enough to have the greeting's audio ready at answer
      telephony.prepare(campaign, script);
    }
    // the campaign's own retry policy and calling hours over the server's: retries land in its
    // hours (the claim applies its hours and frequency cap itself)
    DialRules own = rules.forCampaign(setup.retry(), setup.calling());
    for (ClaimedCall call : calls) {
      // registered before placing: a call that fails at once may be recorded before place returns
      live.put(call.callId(), new Live(campaign, null));
      local.merge(campaign, 1, Integer::sum);
      unhandled.remove(call);
      try {
        CallSession session =
            telephony.place(
                new CallRequest(call.callId(), setup.callerId(), call.phone()),
                script.forContact(call.contact()),
                observer(call, own));
        live.computeIfPresent(call.callId(), (id, l) -> new Live(campaign, session));
        telephony.available();
      } catch (ProviderUnavailableException | CircuitBreakerOpenException e) {
        // the provider never had the call: it is given back as it was
        unplaced(call);
        unhandled.add(0, call);
        hold();
        return false;
      } catch (TimeoutException e) {
        // the provider may have had the call: it counts as a failed attempt, never dialed twice
        LOG.log(Level.WARNING, "Placing call {0} timed out", call.callId().value());
        writer.submit(Outcomes.failedToDial(call, clock.instant(), own));
        hold();
        return false;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Could not place call " + call.callId().value(), e);
        writer.submit(Outcomes.failedToDial(call, clock.instant(), own));
      }
    }
    return true;
  }

  private void unplaced(ClaimedCall call) {
    live.remove(call.callId());
    local.merge(call.campaignId(), -1, Integer::sum);
  }

  private void hold() {
    telephony.unavailable();
    holdUntil = clock.instant().plusMillis(500);
  }

  /**
   * One fewer call in flight for the scheduler. The scheduler's counts are rebuilt from this
   * server's live calls at every refresh, so a count that is already zero (or a campaign it no
   * longer knows) is logged and ignored rather than allowed to stop dialing.
   */
  private void finishSlot(CampaignId campaign) {
    try {
      scheduler.callFinished(campaign);
    } catch (IllegalStateException | IllegalArgumentException e) {
      LOG.log(Level.DEBUG, "slot of {0} already free", campaign);
    }
  }

  private CallObserver observer(ClaimedCall call, DialRules own) {
    // a call's transfer steps are written one after the other, in the order the session took them
    AtomicReference<CompletableFuture<Void>> steps =
        new AtomicReference<>(CompletableFuture.completedFuture(null));
    return new CallObserver() {
      @Override
      public void finished(CallOutcome outcome) {
        writer.submit(Outcomes.result(call, outcome, own));
      }

      @Override
      public void optedOut(Instant at) {
        optOut(call, at);
      }

      @Override
      public void transferChanged(
          TransferId transfer, TransferStatus status, Optional<TransferFailure> failure) {
        Instant at = clock.instant();
        inOrder(
            steps,
            "record transfer " + transfer.value() + " as " + status.wireName(),
            () -> transfers.advance(transfer, status, failure, at));
      }

      @Override
      public void callbackAnnounced(String callbackId) {
        Instant at = clock.instant();
        inOrder(
            steps,
            "mark callback " + callbackId + " announced",
            () -> transfers.announced(callbackId, at));
      }

      @Override
      public void transferWanted() {
        askTransfer(call);
      }
    };
  }

  /** Runs {@code work} on the executor after the call's earlier transfer steps. */
  private void inOrder(AtomicReference<CompletableFuture<Void>> steps, String what, Runnable work) {
    steps.updateAndGet(
        previous ->
            previous.thenRunAsync(
                () -> {
                  try {
                    work.run();
                  } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Could not " + what, e);
                  }
                },
                executor));
  }

  /**
   * The agent wants the callee to speak to a human: a transfer to any available human of the
   * client, asked as the API would; what it picked (or the callback recorded) comes back through
   * {@link #transfersPending} at once.
   */
  private void askTransfer(ClaimedCall call) {
    executor.execute(
        () -> {
          try {
            TransferAsk ask =
                transfers.request(
                    new TransferOrder(
                        call.clientId(),
                        call.callId(),
                        Optional.empty(),
                        false,
                        TransferMode.DEFAULT,
                        Optional.empty(),
                        TransferOrder.Requester.AGENT),
                    TransferId.random(),
                    clock.instant());
            LOG.log(Level.DEBUG, () -> "agent's transfer of " + call.callId().value() + ": " + ask);
            refreshRequested.set(true);
            wake();
          } catch (RuntimeException e) {
            LOG.log(
                Level.WARNING,
                "Could not ask for the agent's transfer of call " + call.callId().value(),
                e);
          }
        });
  }

  /**
   * Records a do-not-call request as soon as it is heard, apart from the call's outcome: should the
   * outcome never be written (the server dies, the call is reclaimed first), the request stands.
   */
  private void optOut(ClaimedCall call, Instant at) {
    try {
      executor.execute(
          () -> {
            try {
              outcomes.optOut(call.clientId(), call.phone(), call.callId(), at);
            } catch (RuntimeException e) {
              LOG.log(
                  Level.WARNING,
                  "Could not record the do-not-call request of call "
                      + call.callId().value()
                      + " at once; it goes with the call's outcome",
                  e);
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.log(Level.DEBUG, "do-not-call request of {0} goes with its outcome", call.callId());
    }
  }

  /** Called by the writer once an outcome is in the database (or found closed already). */
  private void recorded(CallResult result) {
    completed.get(result.disposition()).increment();
    if (!result.audio().equals(AudioTimes.NONE)) {
      try {
        measured.accept(result.audio());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "the audio measures' observer failed", e);
      }
    }
    free(result);
  }

  /** Called by the writer for an outcome the database refused: the line is free all the same. */
  private void dropped(CallResult result) {
    free(result);
  }

  private void free(CallResult result) {
    if (live.remove(result.callId()) != null) {
      freed.add(result.campaignId());
      wake();
    }
  }

  private void refresh(Instant now) {
    lastRefresh = now;
    // scheduled campaigns whose time came become active here, on whichever server comes first
    claims.startScheduled(now);
    List<DialableCampaign> dialable = claims.dialable(now, DialerSettings.DUE_PROBE);
    Set<CampaignId> seen = new HashSet<>();
    List<CampaignId> idle = new ArrayList<>();
    for (DialableCampaign d : dialable) {
      seen.add(d.id());
      CampaignSetup setup = setups.get(d.id());
      if (setup != null && setup.agentRevision() != d.agentRevision()) {
        setups.remove(d.id()); // its agent changed: calls placed from now on use the new one
      }
      if (d.pendingDue() == 0 && d.inFlight() == 0) {
        idle.add(d.id());
      }
      long room = Math.max(0, d.maxConcurrent().value() - d.inFlight());
      scheduler.upsert(
          new CampaignLoad(
              d.id(),
              d.clientId(),
              d.priority(),
              d.maxConcurrent(),
              local.getOrDefault(d.id(), 0),
              Math.min(d.pendingDue(), room)));
      scheduled.add(d.id());
    }
    for (CampaignId gone : new ArrayList<>(scheduled)) {
      if (!seen.contains(gone)) {
        scheduler.remove(gone);
        scheduled.remove(gone);
        setups.remove(gone);
      }
    }
    hangUpEnded(seen);
    endRequested();
    transfersPending();
    // nothing due and nothing in flight: done unless contacts wait for a retry or an upload runs
    outcomes.settle(idle, now);
  }

  /**
   * Hangs up this server's calls of campaigns that were deleted (on any server), and only those:
   * the calls of a paused campaign finish, and a campaign's status never touches the calls of
   * another.
   *
   * @param dialable the campaigns that may dial now (their calls are left alone without a look-up)
   */
  private void hangUpEnded(Set<CampaignId> dialable) {
    Set<CampaignId> others = new HashSet<>();
    live.values().forEach(l -> others.add(l.campaign()));
    others.removeAll(dialable);
    if (others.isEmpty()) {
      return;
    }
    Map<CampaignId, CampaignStatus> statuses = claims.statuses(others);
    for (Live call : live.values()) {
      if (call.session() == null || !others.contains(call.campaign())) {
        continue;
      }
      CampaignStatus status = statuses.get(call.campaign());
      if (status == null || status.hangsUpCallsInFlight()) {
        call.session().cancel();
      }
    }
  }

  /**
   * Hangs up this server's calls that an integrator asked to end ({@code POST
   * /api/v1/calls/{call_id}/end}), whichever server received the request: it is on the call's row,
   * and this server reads the requests for its own calls here, at every refresh (one indexed query,
   * none while it has no call up). A call stays asked for until its outcome is written; ending it
   * again is harmless.
   */
  private void endRequested() {
    if (live.isEmpty()) {
      return;
    }
    for (CallId id : leases.endsRequested(serverId)) {
      Live call = live.get(id);
      if (call != null && call.session() != null) {
        call.session().endByRequest();
      }
    }
  }

  /**
   * Hands this server's calls their transfers (to carry out) and callback tasks (to announce),
   * whichever server received the request: like end requests, they are read here at every refresh
   * (none while the server has no call up). A session ignores a transfer it already has, so a
   * transfer read again before its first step was written starts once.
   */
  private void transfersPending() {
    if (live.isEmpty()) {
      return;
    }
    for (TransferWork work : transfers.pending(serverId)) {
      Live call = live.get(work.callId());
      if (call == null || call.session() == null) {
        continue;
      }
      switch (work) {
        case TransferWork.Start start -> call.session().transfer(plan(start.transfer()));
        case TransferWork.AnnounceCallback callback ->
            call.session().announceCallback(callback.callbackId());
      }
    }
  }

  private TransferPlan plan(TransferRecord t) {
    return new TransferPlan(t.id(), t.address(), t.mode(), t.briefing(), settings.acceptance());
  }

  /** Hangs up every call this server has up (self-fencing); says how many there were. */
  private int abandonAll() {
    int up = 0;
    for (Live call : live.values()) {
      if (call.session() != null) {
        call.session().abandon();
        up++;
      }
    }
    return up;
  }
}
