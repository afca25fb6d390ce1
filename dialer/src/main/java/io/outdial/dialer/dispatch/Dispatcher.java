package io.outdial.dialer.dispatch;

import io.outdial.core.calling.RecipientTimeZones;
import io.outdial.core.campaign.CampaignStatus;
import io.outdial.core.contact.Disposition;
import io.outdial.core.dialing.CampaignLoad;
import io.outdial.core.dialing.DialingScheduler;
import io.outdial.core.id.CallId;
import io.outdial.core.id.CampaignId;
import io.outdial.dialer.agent.CampaignScript;
import io.outdial.dialer.call.CallOutcome;
import io.outdial.dialer.call.CallSession;
import io.outdial.dialer.spi.CallRequest;
import io.outdial.dialer.spi.ProviderUnavailableException;
import io.outdial.persistence.campaign.CampaignChanged;
import io.outdial.persistence.dialing.CallResult;
import io.outdial.persistence.dialing.CampaignSetup;
import io.outdial.persistence.dialing.Claim;
import io.outdial.persistence.dialing.ClaimedCall;
import io.outdial.persistence.dialing.DialQueue;
import io.outdial.persistence.dialing.DialableCampaign;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

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
  @Inject DialQueue queue;
  @Inject Telephony telephony;
  @Inject DialerSettings settings;
  @Inject Clock clock;

  private final String serverId = "srv_" + UUID.randomUUID().toString().replace("-", "");
  private SerialDrain drains; // set in start(), before dialing begins
  private final AtomicBoolean requested = new AtomicBoolean();
  private final AtomicBoolean refreshRequested = new AtomicBoolean(true);
  private final ConcurrentLinkedQueue<CampaignId> freed = new ConcurrentLinkedQueue<>();
  private final Map<CallId, Live> live = new ConcurrentHashMap<>();
  private final List<ScheduledFuture<?>> timers = new ArrayList<>();
  private volatile boolean stopped = true;
  private volatile Instant leaseRenewed = Instant.EPOCH;
  private volatile boolean fenced;
  private volatile String host = "unknown";

  // Owned by the tick (never touched by two threads at once).
  private final Map<Disposition, LongAdder> completed = completedCounters();
  private DialRules rules;
  private OutcomeWriter writer;
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
            settings.retry());
    writer = new OutcomeWriter(queue, executor, clock, this::recorded);
    scheduler = new DialingScheduler(settings.capacity());
    drains = new SerialDrain(executor, this::drain, "Dispatch");
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "unknown";
    }
    queue.heartbeat(serverId, host);
    leaseRenewed = clock.instant();
    stopped = false;
    long refresh = settings.refresh().toMillis();
    // four renewals per lease: fencing (checkLease) starts after three are missed
    long beat = Math.max(200, settings.lease().toMillis() / 4);
    timers.add(
        executor.scheduleWithFixedDelay(
            () -> {
              checkLease();
              refreshRequested.set(true);
              wake();
            },
            refresh,
            refresh,
            TimeUnit.MILLISECONDS));
    timers.add(executor.scheduleWithFixedDelay(this::keepLease, 0, beat, TimeUnit.MILLISECONDS));
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
      queue.expire(serverId);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not hand over this server's calls at shutdown", e);
    }
  }

  /** A campaign was created, resumed, deleted or got contacts: look at it at once. */
  void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) CampaignChanged change) {
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
    return fenced;
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
    if (now.isBefore(holdUntil) || fenced) {
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
    Map<CampaignId, Claim> claims = queue.claim(wanted, now, serverId, rules);
    for (var entry : wanted.entrySet()) {
      CampaignId campaign = entry.getKey();
      int asked = entry.getValue();
      Claim claim = claims.getOrDefault(campaign, Claim.NOTHING);
      for (int i = claim.calls().size(); i < asked; i++) {
        finishSlot(campaign);
      }
      if (claim.exhausted() || claim.calls().size() < asked) {
        scheduler.setPendingDue(campaign, 0);
      }
      if (!claim.calls().isEmpty() && !place(campaign, claim.calls())) {
        again = false;
        releaseRest(claims, campaign);
        break;
      }
    }
    if (again) {
      requested.set(true);
    }
  }

  /** Gives back the claims of the campaigns after {@code failed}, which were never placed. */
  private void releaseRest(Map<CampaignId, Claim> claims, CampaignId failed) {
    boolean after = false;
    for (var entry : claims.entrySet()) {
      if (after && !entry.getValue().calls().isEmpty()) {
        queue.release(entry.getValue().calls());
        entry.getValue().calls().forEach(c -> finishSlot(entry.getKey()));
      }
      after |= entry.getKey().equals(failed);
    }
  }

  /**
   * Places claimed calls. When the provider refuses (or the breaker is open), the calls not placed
   * are given back and dialing holds for a moment.
   *
   * @return whether every call was placed
   */
  private boolean place(CampaignId campaign, List<ClaimedCall> calls) {
    CampaignSetup setup = setups.computeIfAbsent(campaign, id -> queue.setup(id).orElse(null));
    if (setup == null) {
      queue.release(calls);
      calls.forEach(c -> finishSlot(campaign));
      return true;
    }
    CampaignScript script =
        CampaignScript.of(
            setup.systemPrompt(), setup.greetingText(), setup.voicemailText(), setup.voice());
    for (int i = 0; i < calls.size(); i++) {
      ClaimedCall call = calls.get(i);
      // registered before placing: a call that fails at once may be recorded before place returns
      live.put(call.callId(), new Live(campaign, null));
      local.merge(campaign, 1, Integer::sum);
      try {
        CallSession session =
            telephony.place(
                new CallRequest(call.callId(), setup.callerId(), call.phone()),
                script.forContact(call.contact()),
                outcome -> finished(call, outcome));
        live.computeIfPresent(call.callId(), (id, l) -> new Live(campaign, session));
        telephony.available();
      } catch (ProviderUnavailableException | CircuitBreakerOpenException e) {
        telephony.unavailable();
        live.remove(call.callId());
        local.merge(campaign, -1, Integer::sum);
        List<ClaimedCall> unplaced = calls.subList(i, calls.size());
        queue.release(unplaced);
        unplaced.forEach(c -> finishSlot(campaign));
        holdUntil = clock.instant().plusMillis(500);
        return false;
      }
    }
    return true;
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

  private void finished(ClaimedCall call, CallOutcome outcome) {
    CallResult result = Outcomes.result(call, outcome, rules);
    writer.submit(result);
  }

  /** Called by the writer once an outcome is in the database (or found closed already). */
  private void recorded(CallResult result) {
    completed.get(result.disposition()).increment();
    if (live.remove(result.callId()) != null) {
      freed.add(result.campaignId());
      wake();
    }
  }

  private void refresh(Instant now) {
    lastRefresh = now;
    List<DialableCampaign> dialable = queue.dialable(now, DialerSettings.DUE_PROBE);
    Set<CampaignId> seen = new HashSet<>();
    List<CampaignId> idle = new ArrayList<>();
    for (DialableCampaign d : dialable) {
      seen.add(d.id());
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
    hangUpCancelled(seen);
    // nothing due and nothing in flight: done unless contacts wait for a retry or an upload runs
    queue.settle(idle, now);
  }

  /** Hangs up this server's calls of campaigns that were deleted (on any server). */
  private void hangUpCancelled(Set<CampaignId> dialable) {
    Set<CampaignId> others = new HashSet<>();
    live.values().forEach(l -> others.add(l.campaign()));
    others.removeAll(dialable);
    if (others.isEmpty()) {
      return;
    }
    Map<CampaignId, CampaignStatus> statuses = queue.statuses(others);
    for (Live call : live.values()) {
      CampaignStatus status = statuses.get(call.campaign());
      if (call.session() != null && (status == CampaignStatus.CANCELLED || status == null)) {
        call.session().cancel();
      }
    }
  }

  /**
   * Self-fencing: when this server has not renewed its lease for three quarters of it (the database
   * is unreachable or too slow), another server may soon close its calls as lost and dial those
   * contacts again. It hangs up every call it has up, so that no contact is ever on two calls, and
   * claims nothing until the lease is renewed.
   */
  private void checkLease() {
    Duration silent = Duration.between(leaseRenewed, clock.instant());
    if (fenced || stopped || silent.compareTo(settings.lease().multipliedBy(3).dividedBy(4)) < 0) {
      return;
    }
    fenced = true;
    int up = 0;
    for (Live call : live.values()) {
      if (call.session() != null) {
        call.session().abandon();
        up++;
      }
    }
    LOG.log(
        Level.ERROR,
        "Could not renew this server''s dialer lease for {0} ms: hung up its {1} calls and holds"
            + " dialing until the database answers again",
        silent.toMillis(),
        up);
  }

  private void keepLease() {
    if (stopped) {
      return;
    }
    try {
      queue.heartbeat(serverId, host);
      leaseRenewed = clock.instant();
      if (fenced) {
        fenced = false;
        LOG.log(Level.INFO, "Dialer lease renewed; dialing again");
      }
      int closed =
          queue.reclaim(settings.lease(), settings.maxCallAge(), 500, clock.instant(), rules);
      if (closed > 0) {
        LOG.log(Level.WARNING, "Closed {0} calls of a lost server as server_lost", closed);
        refreshRequested.set(true);
        wake();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not renew the dialer lease; retrying", e);
    }
  }
}
