package io.outdial.persistence.dialing.testing;

import io.outdial.core.agent.FirstMessageMode;
import io.outdial.core.agent.LlmOptions;
import io.outdial.core.call.EndReason;
import io.outdial.core.call.ErrorReason;
import io.outdial.core.campaign.CampaignAction;
import io.outdial.core.campaign.CampaignLifecycle;
import io.outdial.core.campaign.CampaignStatus;
import io.outdial.core.campaign.MaxConcurrent;
import io.outdial.core.campaign.Priority;
import io.outdial.core.campaign.Voice;
import io.outdial.core.contact.Disposition;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.dialing.ContactState;
import io.outdial.core.dialing.DialRules;
import io.outdial.core.id.CallId;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.core.retry.CampaignRetry;
import io.outdial.core.stats.CampaignProgress;
import io.outdial.core.stats.LatencyHistogram;
import io.outdial.persistence.call.EndRequest;
import io.outdial.persistence.dialing.AudioTimes;
import io.outdial.persistence.dialing.CallOutcomes;
import io.outdial.persistence.dialing.CallResult;
import io.outdial.persistence.dialing.CampaignSetup;
import io.outdial.persistence.dialing.Claim;
import io.outdial.persistence.dialing.ClaimedCall;
import io.outdial.persistence.dialing.ContactClaims;
import io.outdial.persistence.dialing.DialableCampaign;
import io.outdial.persistence.dialing.DialerLeases;
import io.outdial.persistence.dialing.OutcomeRejectedException;
import io.outdial.persistence.dialing.PromptVariables;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The three dialing ports in memory, for the dialer's unit tests: the same rules as the JDBC
 * implementations (checked by the same contract tests), one lock for all, so every method is atomic
 * as a transaction is. Time that PostgreSQL would take from its own clock ({@code now()} for
 * heartbeats and lease ages) comes from the clock given.
 */
public final class InMemoryDialing
    implements DialingWorld, ContactClaims, CallOutcomes, DialerLeases {
  /** The caller id and prompt every campaign made here has. */
  public static final PhoneNumber CALLER_ID = PhoneNumber.ofE164("+15551234567");

  public static final String SYSTEM_PROMPT = "You are a test agent.";

  private final Clock clock;
  private final Map<CampaignId, Camp> campaigns = new LinkedHashMap<>();
  private final Map<Long, Contact> contacts = new LinkedHashMap<>();
  private final Map<CallId, Call> calls = new LinkedHashMap<>();
  private final Set<List<String>> doNotCall = new HashSet<>();
  private final Map<CampaignId, Instant> uploads = new HashMap<>();
  private final Map<List<String>, long[]> usageCounts = new HashMap<>(); // calls, humans, vm
  private final Map<List<String>, Double> usageSeconds = new HashMap<>();
  private final Map<String, Instant> servers = new HashMap<>();
  private final Set<CampaignId> held = new HashSet<>();
  private final AtomicLong contactIds = new AtomicLong(1);

  /** With the system clock for what PostgreSQL would read from its own. */
  public InMemoryDialing() {
    this(Clock.systemUTC());
  }

  public InMemoryDialing(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  private static final class Camp {
    final CampaignId id;
    final ClientId client;
    final int priority;
    final int maxConcurrent;
    CampaignStatus status = CampaignStatus.QUEUED;
    Instant deletedAt;
    Instant startedAt;
    Instant endedAt;
    int totalContacts;
    int inFlight;
    int callsPlaced;
    int doNotCallSkipped;
    int humans;
    int voicemails;
    int errors;
    int noAnswer;
    double talkSeconds;
    Latency latency =
        new Latency(LatencyHistogram.EMPTY, LatencyHistogram.EMPTY, LatencyHistogram.EMPTY);
    Optional<String> agentGreeting = Optional.empty();
    long agentRevision;
    Instant scheduledStart;
    CampaignRetry retry = CampaignRetry.SERVER;

    Camp(CampaignId id, ClientId client, int priority, int maxConcurrent) {
      this.id = id;
      this.client = client;
      this.priority = priority;
      this.maxConcurrent = maxConcurrent;
    }

    boolean deleted() {
      return deletedAt != null;
    }

    boolean dialable() {
      return !deleted() && (status == CampaignStatus.QUEUED || status == CampaignStatus.ACTIVE);
    }
  }

  private static final class Contact {
    final long id;
    final CampaignId campaign;
    final PhoneNumber phone;
    ContactState state = ContactState.PENDING;
    int attempts;
    Instant nextAttempt;
    Disposition lastDisposition;
    Map<String, String> fields;

    Contact(long id, CampaignId campaign, PhoneNumber phone, Instant due) {
      this.id = id;
      this.campaign = campaign;
      this.phone = phone;
      this.nextAttempt = due;
      this.fields = Map.of("phone", phone.e164());
    }
  }

  private static final class Call {
    final CallId id;
    final CampaignId campaign;
    final ClientId client;
    final long contact;
    final int attempt;
    final Instant startedAt;
    final String serverId;
    Instant endedAt;
    Disposition disposition;
    ErrorReason errorReason;
    String transcript = "[]";
    AudioTimes audio = AudioTimes.NONE;
    Instant endRequestedAt;

    Call(
        CallId id,
        CampaignId campaign,
        ClientId client,
        long contact,
        int attempt,
        Instant startedAt,
        String serverId) {
      this.id = id;
      this.campaign = campaign;
      this.client = client;
      this.contact = contact;
      this.attempt = attempt;
      this.startedAt = startedAt;
      this.serverId = serverId;
    }
  }

  // ------------------------------------------------------------------ ports

  @Override
  public ContactClaims claims() {
    return this;
  }

  @Override
  public CallOutcomes outcomes() {
    return this;
  }

  @Override
  public DialerLeases leases() {
    return this;
  }

  @Override
  public synchronized List<DialableCampaign> dialable(Instant now, int dueProbe) {
    List<DialableCampaign> dialable = new ArrayList<>();
    for (Camp c : campaigns.values()) {
      if (!c.dialable()) {
        continue;
      }
      long due = dueOf(c.id, now).stream().limit(dueProbe).count();
      dialable.add(
          new DialableCampaign(
              c.id,
              c.client,
              Priority.of(c.priority),
              MaxConcurrent.of(c.maxConcurrent),
              c.inFlight,
              due,
              c.agentRevision));
    }
    return dialable;
  }

  @Override
  public synchronized List<CampaignId> startScheduled(Instant now) {
    List<CampaignId> started = new ArrayList<>();
    for (Camp c : campaigns.values()) {
      if (!c.deleted()
          && c.status == CampaignStatus.SCHEDULED
          && !c.scheduledStart.isAfter(now)
          && !held.contains(c.id)) {
        c.status = CampaignLifecycle.apply(c.status, CampaignAction.START).to();
        if (c.startedAt == null) {
          c.startedAt = now;
        }
        started.add(c.id);
      }
    }
    started.sort(Comparator.comparing(CampaignId::value));
    return started;
  }

  @Override
  public synchronized Optional<CampaignSetup> setup(CampaignId id) {
    Camp c = campaigns.get(id);
    if (c == null || c.deleted()) {
      return Optional.empty();
    }
    return Optional.of(
        CampaignSetup.ofTexts(
                id,
                c.client,
                CALLER_ID,
                SYSTEM_PROMPT,
                c.agentGreeting,
                Optional.empty(),
                Voice.DEFAULT)
            .withAgent(c.agentRevision, FirstMessageMode.DEFAULT, LlmOptions.NONE)
            .withRetry(c.retry));
  }

  @Override
  public synchronized Map<CampaignId, CampaignStatus> statuses(Collection<CampaignId> ids) {
    Map<CampaignId, CampaignStatus> statuses = new HashMap<>();
    for (CampaignId id : ids) {
      Camp c = campaigns.get(id);
      if (c != null) {
        statuses.put(id, c.deleted() ? CampaignStatus.CANCELLED : c.status);
      }
    }
    return statuses;
  }

  @Override
  public synchronized Map<CampaignId, Claim> claim(
      Map<CampaignId, Integer> wanted, Clock claimClock, String serverId, DialRules rules) {
    Instant now = claimClock.instant();
    Map<CampaignId, Claim> claims = new LinkedHashMap<>();
    wanted.keySet().forEach(id -> claims.put(id, Claim.NOTHING));
    Map<CampaignId, Integer> limits = new TreeMap<>(Comparator.comparing(CampaignId::value));
    for (CampaignId id : wanted.keySet()) {
      Camp c = campaigns.get(id);
      if (c == null || !c.dialable()) {
        continue;
      }
      if (held.contains(id)) {
        claims.put(id, Claim.BUSY);
        continue;
      }
      claims.put(id, new Claim(List.of(), 0, 0, false, false));
      int limit = Math.min(wanted.get(id), c.maxConcurrent - c.inFlight);
      if (limit > 0) {
        limits.put(id, limit);
      }
    }
    List<CampaignId> idle = new ArrayList<>();
    for (var entry : limits.entrySet()) {
      Camp c = campaigns.get(entry.getKey());
      List<Contact> due = dueOf(c.id, now).stream().limit(entry.getValue()).toList();
      int skipped = 0;
      int deferred = 0;
      List<ClaimedCall> placed = new ArrayList<>();
      for (Contact t : due) {
        if (doNotCall.contains(List.of(c.client.value(), t.phone.e164()))) {
          t.state = ContactState.DO_NOT_CALL;
          skipped++;
          continue;
        }
        Optional<Instant> allowed = rules.nextAllowed(t.phone, now);
        if (allowed.isEmpty()) {
          t.state = ContactState.NO_CALLING_WINDOW;
        } else if (allowed.get().isAfter(now)) {
          t.nextAttempt = allowed.get();
          deferred++;
        } else {
          t.state = ContactState.DIALING;
          t.attempts++;
          Call call = new Call(CallId.random(), c.id, c.client, t.id, t.attempts, now, serverId);
          calls.put(call.id, call);
          placed.add(
              new ClaimedCall(call.id, c.id, c.client, t.id, t.phone, t.fields, t.attempts, now));
        }
      }
      c.inFlight += placed.size();
      c.callsPlaced += placed.size();
      c.doNotCallSkipped += skipped;
      if (!placed.isEmpty()) {
        if (c.status == CampaignStatus.QUEUED) {
          c.status = CampaignStatus.ACTIVE;
        }
        if (c.startedAt == null) {
          c.startedAt = now;
        }
      } else {
        idle.add(c.id);
      }
      claims.put(c.id, new Claim(placed, skipped, deferred, due.size() < entry.getValue(), false));
    }
    idle.forEach(id -> settleOne(id, now));
    return claims;
  }

  @Override
  public synchronized void release(List<ClaimedCall> released) {
    for (ClaimedCall k : released) {
      Call call = calls.get(k.callId());
      if (call == null || call.endedAt != null) {
        continue;
      }
      calls.remove(k.callId());
      Camp c = campaigns.get(k.campaignId());
      Contact t = contacts.get(k.contactId());
      if (t.state == ContactState.DIALING) {
        t.state = c.deleted() ? ContactState.CANCELLED : ContactState.PENDING;
        t.attempts = Math.max(t.attempts - 1, 0);
      }
      c.inFlight = Math.max(c.inFlight - 1, 0);
      c.callsPlaced = Math.max(c.callsPlaced - 1, 0);
    }
  }

  @Override
  public synchronized int complete(List<CallResult> results, Instant now) {
    return write(results, now);
  }

  @Override
  public synchronized void settle(Collection<CampaignId> ids, Instant now) {
    ids.forEach(id -> settleOne(id, now));
  }

  @Override
  public synchronized void optOut(ClientId client, PhoneNumber phone, CallId call, Instant at) {
    doNotCall.add(List.of(client.value(), phone.e164()));
  }

  @Override
  public synchronized void heartbeat(String serverId, String host) {
    servers.put(serverId, clock.instant());
  }

  @Override
  public synchronized void expire(String serverId) {
    servers.put(serverId, Instant.MIN);
  }

  @Override
  public synchronized Set<CallId> endsRequested(String serverId) {
    Set<CallId> ends = new HashSet<>();
    for (Call call : calls.values()) {
      if (serverId.equals(call.serverId) && call.endRequestedAt != null && call.endedAt == null) {
        ends.add(call.id);
      }
    }
    return ends;
  }

  @Override
  public synchronized EndRequest requestEnd(ClientId client, CallId id, Instant now) {
    Call call = calls.get(id);
    if (call == null || !call.client.equals(client) || campaigns.get(call.campaign).deleted()) {
      return new EndRequest.NotFound();
    }
    if (call.endedAt != null) {
      return new EndRequest.NotActive();
    }
    if (call.endRequestedAt == null) {
      call.endRequestedAt = now;
    }
    return new EndRequest.Requested(id, call.endRequestedAt);
  }

  @Override
  public synchronized int reclaim(
      Duration lease, Duration maxAge, int limit, Instant now, DialRules rules) {
    Instant dbNow = clock.instant();
    List<CallResult> lost = new ArrayList<>();
    for (Call call : calls.values()) {
      if (lost.size() >= limit) {
        break;
      }
      if (call.endedAt != null) {
        continue;
      }
      Instant beat = servers.get(call.serverId);
      boolean stale = call.startedAt.isBefore(dbNow.minus(maxAge));
      boolean serverLost = beat == null || !beat.isAfter(dbNow.minus(lease));
      if (!stale && !serverLost) {
        continue;
      }
      Contact t = contacts.get(call.contact);
      Instant ended = now.isBefore(call.startedAt) ? call.startedAt : now;
      lost.add(
          new CallResult(
              call.id,
              call.campaign,
              call.client,
              call.contact,
              t.phone,
              Disposition.FAILED,
              call.startedAt,
              ended,
              Duration.between(call.startedAt, ended).toMillis() / 1000.0,
              "[]",
              "[]",
              Optional.of(stale ? ErrorReason.STALE : ErrorReason.SERVER_LOST),
              Optional.empty(),
              EndReason.SERVER_LOST,
              Optional.empty(),
              false,
              false,
              rules
                  .forCampaign(campaigns.get(call.campaign).retry)
                  .retryLostAt(t.phone, call.attempt, ended),
              AudioTimes.NONE));
    }
    int closed = lost.isEmpty() ? 0 : write(lost, now);
    servers
        .entrySet()
        .removeIf(
            e ->
                e.getValue().isBefore(dbNow.minus(lease))
                    && calls.values().stream()
                        .noneMatch(k -> k.serverId.equals(e.getKey()) && k.endedAt == null));
    return closed;
  }

  private int write(List<CallResult> results, Instant now) {
    for (CallResult r : results) {
      // PostgreSQL's jsonb refuses U+0000, escaped or not: the whole transaction fails
      if (refused(r.transcriptJson()) || refused(r.intentsJson())) {
        throw new OutcomeRejectedException(
            "Could not record call outcomes: the data was refused",
            new IllegalArgumentException("unsupported Unicode escape sequence"));
      }
    }
    for (CallResult r : results) {
      if (r.doNotCall()) {
        doNotCall.add(List.of(r.clientId().value(), r.phone().e164()));
      }
    }
    Set<CampaignId> touched = new HashSet<>();
    int written = 0;
    for (CallResult r : results) {
      Call call = calls.get(r.callId());
      if (call == null || call.endedAt != null) {
        continue;
      }
      written++;
      call.endedAt = r.endedAt();
      call.disposition = r.disposition();
      call.errorReason = r.errorReason().orElse(null);
      call.transcript = r.transcriptJson();
      call.audio = r.audio();
      Camp c = campaigns.get(r.campaignId());
      Contact t = contacts.get(r.contactId());
      t.state = ContactState.afterCall(r.disposition(), r.doNotCall(), r.retryAt(), c.deleted());
      r.retryAt().ifPresent(at -> t.nextAttempt = at);
      t.lastDisposition = r.disposition();
      c.inFlight = Math.max(c.inFlight - 1, 0);
      c.talkSeconds += r.durationSeconds();
      LatencyHistogram firstAudio = c.latency.firstAudio();
      LatencyHistogram detection = c.latency.machineDetection();
      LatencyHistogram voiceToVoice = c.latency.voiceToVoice();
      if (r.audio().firstAudioMs().isPresent()) {
        firstAudio = firstAudio.plus(r.audio().firstAudioMs().get());
      }
      if (r.audio().machineDetectionMs().isPresent()) {
        detection = detection.plus(r.audio().machineDetectionMs().get());
      }
      for (int ms : r.audio().voiceToVoiceMs()) {
        voiceToVoice = voiceToVoice.plus(ms);
      }
      c.latency = new Latency(firstAudio, detection, voiceToVoice);
      switch (r.disposition().category()) {
        case HUMAN -> c.humans++;
        case MACHINE -> c.voicemails++;
        case ERROR -> c.errors++;
        case UNREACHED -> c.noAnswer++;
        case CANCELLED -> {}
      }
      List<String> key =
          List.of(
              r.clientId().value(),
              YearMonth.from(r.startedAt().atOffset(ZoneOffset.UTC)).toString());
      long[] counts = usageCounts.computeIfAbsent(key, k -> new long[3]);
      counts[0]++;
      if (r.disposition().isHumanAnswer()) {
        counts[1]++;
      }
      if (r.voicemailLeft()) {
        counts[2]++;
      }
      usageSeconds.merge(key, r.durationSeconds(), Double::sum);
      touched.add(c.id);
    }
    touched.forEach(id -> settleOne(id, now));
    return written;
  }

  private static boolean refused(String json) {
    return json.indexOf(0) >= 0 || json.contains("\\u0000");
  }

  private void settleOne(CampaignId id, Instant now) {
    Camp c = campaigns.get(id);
    if (c == null || c.deleted() || c.inFlight != 0 || c.totalContacts == 0) {
      return;
    }
    if (c.status != CampaignStatus.QUEUED
        && CampaignLifecycle.tryApply(c.status, CampaignAction.COMPLETE).isEmpty()) {
      return;
    }
    boolean open =
        contacts.values().stream().anyMatch(t -> t.campaign.equals(id) && !t.state.isFinal());
    Instant upload = uploads.get(id);
    if (open || (upload != null && upload.isAfter(now.minus(Duration.ofMinutes(2))))) {
      return;
    }
    c.status = CampaignStatus.COMPLETED;
    c.endedAt = now;
    if (c.startedAt == null) {
      c.startedAt = now;
    }
  }

  private List<Contact> dueOf(CampaignId campaign, Instant now) {
    return contacts.values().stream()
        .filter(
            t ->
                t.campaign.equals(campaign)
                    && t.state == ContactState.PENDING
                    && !t.nextAttempt.isAfter(now))
        .sorted(Comparator.comparing((Contact t) -> t.nextAttempt).thenComparingLong(t -> t.id))
        .toList();
  }

  // ------------------------------------------------------------------ fixtures

  @Override
  public synchronized CampaignId campaign(ClientId client, int priority, int maxConcurrent) {
    CampaignId id = CampaignId.random();
    campaigns.put(id, new Camp(id, client, priority, maxConcurrent));
    return id;
  }

  @Override
  public synchronized CampaignId scheduledCampaign(
      ClientId client, Instant startsAt, CampaignRetry retry) {
    CampaignId id = campaign(client, 5, 10);
    Camp c = campaigns.get(id);
    c.status = CampaignStatus.SCHEDULED;
    c.scheduledStart = startsAt;
    c.retry = retry;
    return id;
  }

  @Override
  public synchronized List<Long> contacts(CampaignId campaign, Instant due, String... phones) {
    Camp c = campaigns.get(campaign);
    List<Long> ids = new ArrayList<>();
    for (String phone : phones) {
      boolean known =
          contacts.values().stream()
              .anyMatch(t -> t.campaign.equals(campaign) && t.phone.e164().equals(phone));
      if (known) {
        throw new IllegalArgumentException(phone + " is in " + campaign.value() + " already");
      }
      Contact t =
          new Contact(contactIds.getAndIncrement(), campaign, PhoneNumber.ofE164(phone), due);
      contacts.put(t.id, t);
      ids.add(t.id);
    }
    c.totalContacts += phones.length;
    return ids;
  }

  @Override
  public synchronized long contact(
      CampaignId campaign,
      Instant due,
      String phone,
      Map<String, String> variables,
      String metadataJson) {
    long id = contacts(campaign, due, phone).get(0);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("phone", phone);
    variables.forEach(fields::putIfAbsent);
    try {
      PromptVariables.addMetadata(metadataJson, fields);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("metadata is not JSON: " + metadataJson, e);
    }
    contacts.get(id).fields = Map.copyOf(fields);
    return id;
  }

  @Override
  public synchronized void status(CampaignId campaign, CampaignStatus status) {
    campaigns.get(campaign).status = status;
  }

  /**
   * Gives the campaign an agent whose greeting is {@code greeting}, or changes that agent's
   * greeting: one more agent revision.
   */
  public synchronized void agentGreeting(CampaignId campaign, String greeting) {
    Camp c = campaigns.get(campaign);
    c.agentGreeting = Optional.of(greeting);
    c.agentRevision++;
  }

  @Override
  public synchronized void delete(CampaignId campaign, Instant at) {
    Camp c = campaigns.get(campaign);
    if (!c.status.isTerminal()) {
      c.status = CampaignStatus.CANCELLED;
      c.endedAt = at;
    }
    c.deletedAt = at;
    contacts.values().stream()
        .filter(t -> t.campaign.equals(campaign) && t.state == ContactState.PENDING)
        .forEach(t -> t.state = ContactState.CANCELLED);
  }

  @Override
  public synchronized void doNotCall(ClientId client, String phone) {
    doNotCall.add(List.of(client.value(), phone));
  }

  @Override
  public synchronized void uploadRunning(CampaignId campaign, Instant heartbeat) {
    uploads.put(campaign, heartbeat);
  }

  @Override
  public synchronized AutoCloseable holdRow(CampaignId campaign) {
    held.add(campaign);
    return () -> {
      synchronized (InMemoryDialing.this) {
        held.remove(campaign);
      }
    };
  }

  // ------------------------------------------------------------------ facts

  @Override
  public synchronized ContactState contactState(long contact) {
    return contacts.get(contact).state;
  }

  @Override
  public synchronized int attempts(long contact) {
    return contacts.get(contact).attempts;
  }

  @Override
  public synchronized Instant nextAttempt(long contact) {
    return contacts.get(contact).nextAttempt;
  }

  @Override
  public synchronized Optional<Disposition> lastDisposition(long contact) {
    return Optional.ofNullable(contacts.get(contact).lastDisposition);
  }

  @Override
  public synchronized CampaignStatus campaignStatus(CampaignId campaign) {
    return campaigns.get(campaign).status;
  }

  @Override
  public synchronized Counters counters(CampaignId campaign) {
    Camp c = campaigns.get(campaign);
    return new Counters(
        c.inFlight,
        c.callsPlaced,
        c.doNotCallSkipped,
        c.humans,
        c.voicemails,
        c.errors,
        c.noAnswer,
        c.talkSeconds);
  }

  @Override
  public synchronized Optional<Instant> startedAt(CampaignId campaign) {
    return Optional.ofNullable(campaigns.get(campaign).startedAt);
  }

  @Override
  public synchronized CampaignProgress progress(CampaignId campaign) {
    // the definition itself, over the contacts; the JDBC storage keeps counters instead
    CampaignProgress p = CampaignProgress.NONE;
    for (Contact t : contacts.values()) {
      if (t.campaign.equals(campaign)) {
        p = p.plus(t.state, Optional.ofNullable(t.lastDisposition));
      }
    }
    return p;
  }

  @Override
  public synchronized boolean onDoNotCall(ClientId client, String phone) {
    return doNotCall.contains(List.of(client.value(), phone));
  }

  @Override
  public synchronized List<CallRow> calls(CampaignId campaign) {
    return calls.values().stream()
        .filter(k -> k.campaign.equals(campaign))
        .sorted(Comparator.comparing((Call k) -> k.startedAt))
        .map(
            k ->
                new CallRow(
                    k.id,
                    k.contact,
                    k.serverId,
                    k.attempt,
                    k.startedAt,
                    Optional.ofNullable(k.endedAt),
                    Optional.ofNullable(k.disposition),
                    Optional.ofNullable(k.errorReason),
                    k.transcript,
                    k.audio))
        .toList();
  }

  @Override
  public synchronized Latency latency(CampaignId campaign) {
    return campaigns.get(campaign).latency;
  }

  @Override
  public synchronized Usage usage(ClientId client, YearMonth period) {
    List<String> key = List.of(client.value(), period.toString());
    long[] counts = usageCounts.getOrDefault(key, new long[3]);
    return new Usage(
        (int) counts[0], usageSeconds.getOrDefault(key, 0.0), (int) counts[1], (int) counts[2]);
  }
}
