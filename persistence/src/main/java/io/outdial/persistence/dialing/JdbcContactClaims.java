package io.outdial.persistence.dialing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outdial.core.agent.FirstMessageMode;
import io.outdial.core.agent.LlmOptions;
import io.outdial.core.calling.FrequencyCap;
import io.outdial.core.campaign.CampaignAction;
import io.outdial.core.campaign.CampaignLifecycle;
import io.outdial.core.campaign.CampaignStatus;
import io.outdial.core.campaign.MaxConcurrent;
import io.outdial.core.campaign.Priority;
import io.outdial.core.campaign.Voice;
import io.outdial.core.contact.ContactField;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.dialing.ContactState;
import io.outdial.core.dialing.DialRules;
import io.outdial.core.id.CallId;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.core.retry.CampaignRetry;
import io.outdial.core.webhook.EventType;
import io.outdial.persistence.campaign.CallingColumns;
import io.outdial.persistence.campaign.ContactColumns;
import io.outdial.persistence.campaign.RetryColumns;
import io.outdial.persistence.webhook.Outbox;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link ContactClaims} on PostgreSQL: claims lock the campaign rows (skipping those another
 * transaction holds) and then their due contacts with {@code FOR UPDATE SKIP LOCKED}, so servers
 * claiming at once never wait on each other and never take the same contact.
 *
 * <p>Lock order, the same everywhere so that no two transactions wait on each other in a circle:
 * campaign rows first (in id order when several), then contacts, then calls. {@link
 * io.outdial.persistence.campaign.CampaignStore} locks the campaign row before it touches existing
 * contacts too. A batch of an upload inserts its new contacts first and locks the campaign row only
 * at its end: rows not yet committed are seen by no other transaction, so nobody holding a campaign
 * row can wait for them. Campaign rows are locked {@code FOR NO KEY UPDATE} (see {@link
 * Sql#CAMPAIGN_ORDER}).
 *
 * <p>Frequency cap, race-free across servers: a claim with a capped campaign first takes the
 * client's cap lock ({@code pg_try_advisory_xact_lock} on {@code 'frequency_cap:' || client_id},
 * without waiting: a campaign whose client's lock is held elsewhere is {@link Claim#BUSY}), then,
 * in a later statement and so on a snapshot taken after the lock was granted, counts the numbers'
 * attempts of the last 24 hours in {@code call} (every call of the client, by number), and inserts
 * its own calls before it commits and releases the lock. Any two claims of capped campaigns of a
 * client are thus ordered, and the later one sees the earlier one's calls (the database runs at
 * {@code READ COMMITTED}: each statement sees what committed before it began). Calls of campaigns
 * without a cap are placed without the lock, and counted as attempts by the capped ones.
 */
public final class JdbcContactClaims implements ContactClaims {
  /** A claim never waits longer than this for a row lock (it skips locked campaigns anyway). */
  static final Duration LOCK_TIMEOUT = Duration.ofSeconds(2);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
  private static final String DIALABLE = Sql.in(CampaignStatus.QUEUED, CampaignStatus.ACTIVE);
  private static final String PENDING = Sql.literal(ContactState.PENDING);

  private final Transactor tx;

  /**
   * The campaign's concurrency as the abandonment rule leaves it: half (at least one line) while
   * the campaign is slowed ({@code campaign.slowed}, set where outcomes are written).
   */
  static String effectiveMax(String alias) {
    return "(case when %1$sslowed then greatest(%1$smax_concurrent / 2, 1) else %1$smax_concurrent end)"
        .formatted(alias);
  }

  public JdbcContactClaims(Transactor tx) {
    this.tx = Objects.requireNonNull(tx, "tx");
  }

  @Override
  public List<DialableCampaign> dialable(Instant now, int dueProbe) {
    return tx.inTransaction(
        "read dialable campaigns",
        c -> {
          List<DialableCampaign> campaigns = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "select c.id, c.client_id, c.priority, "
                      + effectiveMax("c.")
                      + ", c.in_flight,"
                      + " (select count(*) from (select 1 from contact t"
                      + "   where t.campaign_id = c.id and t.status = "
                      + PENDING
                      + "   and t.next_attempt_at <= ? limit ?) d),"
                      + " coalesce((select a.revision from agent a where a.id = c.agent_id), 0)"
                      + " from campaign c where c.status in "
                      + DIALABLE
                      + " and c.deleted_at is null")) {
            s.setTimestamp(1, Sql.stamp(now));
            s.setInt(2, dueProbe);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                campaigns.add(
                    new DialableCampaign(
                        CampaignId.parse(r.getString(1)),
                        ClientId.of(r.getString(2)),
                        Priority.of(r.getInt(3)),
                        MaxConcurrent.of(r.getInt(4)),
                        r.getInt(5),
                        r.getLong(6),
                        r.getLong(7)));
              }
            }
          }
          return campaigns;
        });
  }

  @Override
  public List<CampaignId> startScheduled(Instant now) {
    CampaignStatus started =
        CampaignLifecycle.apply(CampaignStatus.SCHEDULED, CampaignAction.START).to();
    return tx.inTransaction(
        "start scheduled campaigns",
        c -> {
          Sql.lockTimeout(c, LOCK_TIMEOUT);
          List<Outbox.StatusChange> changes = new ArrayList<>();
          // the rows locked in id order, skipping those held elsewhere; the status checked again
          // under the lock, so that a campaign another server started meanwhile is left alone
          try (PreparedStatement s =
              c.prepareStatement(
                  "with due as (select id from campaign where status = ?"
                      + " and deleted_at is null and scheduled_start <= ? order by id"
                      + " for no key update skip locked)"
                      + " update campaign k set status = ?, started_at = coalesce(started_at, ?)"
                      + " from due where k.id = due.id and k.status = ?"
                      + " returning k.id, k.client_id")) {
            s.setString(1, CampaignStatus.SCHEDULED.wireName());
            s.setTimestamp(2, Sql.stamp(now));
            s.setString(3, started.wireName());
            s.setTimestamp(4, Sql.stamp(now));
            s.setString(5, CampaignStatus.SCHEDULED.wireName());
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                changes.add(
                    new Outbox.StatusChange(
                        CampaignId.parse(r.getString(1)),
                        ClientId.of(r.getString(2)),
                        Optional.of(CampaignStatus.SCHEDULED),
                        started));
              }
            }
          }
          if (!changes.isEmpty()) {
            Outbox.statusChanged(c, changes, now);
          }
          return changes.stream()
              .map(Outbox.StatusChange::campaign)
              .sorted(Sql.CAMPAIGN_ORDER)
              .toList();
        });
  }

  @Override
  public Optional<CampaignSetup> setup(CampaignId id) {
    return tx.inTransaction(
        "read a campaign's setup",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  // with an agent, all of its texts (a greeting it has not is none at all)
                  "select c.client_id, c.caller_id, coalesce(a.system_prompt, c.system_prompt),"
                      + " case when a.id is null then c.greeting_text else a.greeting_text end,"
                      + " case when a.id is null then c.voicemail_text else a.voicemail_text end,"
                      + " coalesce(a.voice, c.voice), coalesce(a.revision, 0),"
                      + " c.retry_max_attempts, c.retry_statuses, c.retry_delay_seconds,"
                      + " c.retry_backoff, c.calling_start_minute, c.calling_end_minute,"
                      + " c.calling_days, c.max_attempts_per_number_per_day, a.first_message_mode,"
                      + " a.llm_model, a.llm_temperature"
                      + " from campaign c left join agent a on a.id = c.agent_id"
                      + " where c.id = ? and c.deleted_at is null")) {
            s.setString(1, id.value());
            try (ResultSet r = s.executeQuery()) {
              if (!r.next()) {
                return Optional.empty();
              }
              return Optional.of(
                  new CampaignSetup(
                      id,
                      ClientId.of(r.getString(1)),
                      PhoneNumber.ofE164(r.getString(2)),
                      r.getString(3),
                      Optional.ofNullable(r.getString(4)),
                      Optional.ofNullable(r.getString(5)),
                      Voice.fromWire(r.getString(6)),
                      r.getLong(7),
                      RetryColumns.read(
                          (Integer) r.getObject(8),
                          r.getString(9),
                          (Integer) r.getObject(10),
                          r.getString(11)),
                      CallingColumns.read(
                          (Integer) r.getObject(12),
                          (Integer) r.getObject(13),
                          r.getString(14),
                          (Integer) r.getObject(15)),
                      r.getString(16) == null
                          ? FirstMessageMode.DEFAULT
                          : FirstMessageMode.fromWire(r.getString(16)),
                      new LlmOptions(
                          Optional.ofNullable(r.getString(17)),
                          Optional.ofNullable((Double) r.getObject(18)))));
            }
          }
        });
  }

  @Override
  public Map<CampaignId, CampaignStatus> statuses(Collection<CampaignId> ids) {
    Map<CampaignId, CampaignStatus> statuses = new HashMap<>();
    if (ids.isEmpty()) {
      return statuses;
    }
    return tx.inTransaction(
        "read campaign statuses",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "select id, status, deleted_at is not null from campaign where id = any(?)")) {
            s.setArray(1, Sql.campaigns(c, ids));
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                statuses.put(
                    CampaignId.parse(r.getString(1)),
                    r.getBoolean(3)
                        ? CampaignStatus.CANCELLED
                        : CampaignStatus.fromWire(r.getString(2)));
              }
            }
          }
          return statuses;
        });
  }

  @Override
  public Map<CampaignId, Claim> claim(
      Map<CampaignId, Integer> wanted, Clock clock, String serverId, DialRules rules) {
    Map<CampaignId, Claim> claims = new LinkedHashMap<>();
    wanted.keySet().forEach(id -> claims.put(id, Claim.NOTHING));
    if (wanted.isEmpty()) {
      return claims;
    }
    return tx.inTransaction(
        "claim contacts",
        c -> {
          Sql.lockTimeout(c, LOCK_TIMEOUT);
          claimLocked(c, wanted, clock, serverId, rules, claims);
          return claims;
        });
  }

  private record DueContact(
      long id, PhoneNumber phone, Map<String, String> fields, int attemptsMade) {}

  private void claimLocked(
      Connection c,
      Map<CampaignId, Integer> wanted,
      Clock clock,
      String serverId,
      DialRules rules,
      Map<CampaignId, Claim> claims)
      throws SQLException {
    Map<CampaignId, Integer> limits = new TreeMap<>(Sql.CAMPAIGN_ORDER);
    Map<CampaignId, ClientId> clients = new HashMap<>();
    Set<CampaignId> locked = new HashSet<>();
    Set<CampaignId> queued = new HashSet<>();
    Map<CampaignId, DialRules> own = new HashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select id, client_id, status, "
                + effectiveMax("")
                + " - in_flight, calling_start_minute,"
                + " calling_end_minute, calling_days, max_attempts_per_number_per_day"
                + " from campaign where id = any(?) and deleted_at is null order by id"
                + " for no key update skip locked")) {
      s.setArray(1, Sql.campaigns(c, wanted.keySet().stream().sorted(Sql.CAMPAIGN_ORDER).toList()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          CampaignId id = CampaignId.parse(r.getString(1));
          locked.add(id);
          CampaignStatus status = CampaignStatus.fromWire(r.getString(3));
          if (status != CampaignStatus.QUEUED && status != CampaignStatus.ACTIVE) {
            continue;
          }
          if (status == CampaignStatus.QUEUED) {
            queued.add(id);
          }
          int limit = Math.min(wanted.get(id), r.getInt(4));
          claims.put(id, new Claim(List.of(), 0, 0, false, false));
          if (limit > 0) {
            limits.put(id, limit);
            clients.put(id, ClientId.of(r.getString(2)));
            own.put(
                id,
                rules.forCampaign(
                    CampaignRetry.SERVER,
                    CallingColumns.read(
                        (Integer) r.getObject(5),
                        (Integer) r.getObject(6),
                        r.getString(7),
                        (Integer) r.getObject(8))));
          }
        }
      }
    }
    busy(c, wanted.keySet(), locked, claims);
    capLocks(c, own, limits, clients, claims);
    if (limits.isEmpty()) {
      return;
    }
    // read once the rows are held: after the outcome or pause the claim may have waited for
    Instant now = clock.instant();
    Map<CampaignId, List<DueContact>> due = dueContacts(c, limits, now);
    Set<List<String>> blocked = doNotCall(c, clients, due);
    // read after the client locks were taken (an earlier statement): this statement's snapshot
    // holds every attempt committed by a claim that held one of them before
    Map<List<String>, List<Instant>> attempts = attempts(c, own, clients, due, blocked, now);
    List<Long> skipped = new ArrayList<>();
    Map<Long, Instant> later = new LinkedHashMap<>();
    List<Long> never = new ArrayList<>();
    Map<CampaignId, List<DueContact>> dial = new LinkedHashMap<>();
    Map<CampaignId, int[]> counts = new HashMap<>(); // {do-not-call, deferred, no window}
    for (var entry : limits.entrySet()) {
      CampaignId id = entry.getKey();
      int[] count = counts.computeIfAbsent(id, k -> new int[3]);
      List<DueContact> toDial = new ArrayList<>();
      for (DueContact contact : due.getOrDefault(id, List.of())) {
        if (blocked.contains(List.of(clients.get(id).value(), contact.phone().e164()))) {
          skipped.add(contact.id());
          count[0]++;
          continue;
        }
        List<String> number = List.of(clients.get(id).value(), contact.phone().e164());
        List<Instant> counted = attempts.get(number);
        Optional<Instant> allowed =
            own.get(id).nextAllowed(contact.phone(), now, counted == null ? List.of() : counted);
        if (allowed.isEmpty()) {
          never.add(contact.id());
          count[2]++;
        } else if (allowed.get().isAfter(now)) {
          // outside its hours, or over the frequency cap: it waits, pending, as outside the hours
          later.put(contact.id(), allowed.get());
          count[1]++;
        } else {
          toDial.add(contact);
          if (counted != null) {
            counted.add(now); // counted for the same number's next contact in this claim
          }
        }
      }
      dial.put(id, toDial);
    }
    setState(c, skipped, ContactState.DO_NOT_CALL);
    setState(c, never, ContactState.NO_CALLING_WINDOW);
    defer(c, later);
    Map<CampaignId, List<ClaimedCall>> calls = startCalls(c, clients, dial, now, serverId);
    List<CampaignId> idle = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "update campaign set in_flight = in_flight + ?, calls_placed = calls_placed + ?,"
                + " do_not_call_skipped = do_not_call_skipped + ?,"
                + " contacts_processed = contacts_processed + ?,"
                + " status = case when status = ? and ? > 0 then ? else status end,"
                + " started_at = case when ? > 0 then coalesce(started_at, ?) else started_at end"
                + " where id = ?")) {
      for (CampaignId id : limits.keySet()) {
        int placed = calls.get(id).size();
        int[] count = counts.get(id);
        if (placed == 0) {
          idle.add(id);
        }
        if (placed == 0 && count[0] == 0 && count[2] == 0) {
          continue;
        }
        s.setInt(1, placed);
        s.setInt(2, placed);
        s.setInt(3, count[0]);
        // contacts made final without a call: processed, never successful
        s.setInt(4, count[0] + count[2]);
        s.setString(5, CampaignStatus.QUEUED.wireName());
        s.setInt(6, placed);
        s.setString(7, CampaignStatus.ACTIVE.wireName());
        s.setInt(8, placed);
        s.setTimestamp(9, Sql.stamp(now));
        s.setString(10, id.value());
        s.addBatch();
      }
      s.executeBatch();
    }
    // a queued campaign whose first call was placed is active now
    Outbox.statusChanged(
        c,
        limits.keySet().stream()
            .filter(id -> queued.contains(id) && !calls.get(id).isEmpty())
            .map(
                id ->
                    new Outbox.StatusChange(
                        id,
                        clients.get(id),
                        Optional.of(CampaignStatus.QUEUED),
                        CampaignStatus.ACTIVE))
            .toList(),
        now);
    if (!idle.isEmpty()) {
      Settlement.settleLocked(c, idle, now);
    }
    for (var entry : limits.entrySet()) {
      CampaignId id = entry.getKey();
      int[] count = counts.get(id);
      boolean exhausted = due.getOrDefault(id, List.of()).size() < entry.getValue();
      claims.put(id, new Claim(calls.get(id), count[0], count[1], exhausted, false));
    }
  }

  /**
   * Takes the frequency-cap lock of each client with a capped campaign in this claim: a
   * transaction-level advisory lock on the client id, tried without waiting. A campaign whose
   * client's lock another claim holds is {@link Claim#BUSY} this time (its contacts stay due) and
   * leaves {@code limits}. The lock is held until this claim commits, so claims of capped campaigns
   * of one client count and place their attempts one after the other, cluster-wide.
   */
  private static void capLocks(
      Connection c,
      Map<CampaignId, DialRules> own,
      Map<CampaignId, Integer> limits,
      Map<CampaignId, ClientId> clients,
      Map<CampaignId, Claim> claims)
      throws SQLException {
    Set<String> capped = new java.util.TreeSet<>();
    limits.keySet().stream()
        .filter(id -> own.get(id).cap().isPresent())
        .forEach(id -> capped.add(clients.get(id).value()));
    if (capped.isEmpty()) {
      return;
    }
    Set<String> held = new HashSet<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select w.client_id from unnest(?::varchar[]) w(client_id)"
                + " where pg_try_advisory_xact_lock(hashtextextended('frequency_cap:' ||"
                + " w.client_id, 0))")) {
      s.setArray(1, c.createArrayOf("varchar", capped.toArray()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          held.add(r.getString(1));
        }
      }
    }
    for (CampaignId id : List.copyOf(limits.keySet())) {
      if (own.get(id).cap().isPresent() && !held.contains(clients.get(id).value())) {
        limits.remove(id);
        claims.put(id, Claim.BUSY);
      }
    }
  }

  /**
   * The start times of the attempts of the last {@link FrequencyCap#WINDOW} to the due numbers of
   * every client with a capped campaign in this claim, by any campaign of the client; keyed by
   * (client, phone). Numbers without attempts map to an empty (mutable) list; numbers of other
   * clients are absent.
   */
  private static Map<List<String>, List<Instant>> attempts(
      Connection c,
      Map<CampaignId, DialRules> own,
      Map<CampaignId, ClientId> clients,
      Map<CampaignId, List<DueContact>> due,
      Set<List<String>> blocked,
      Instant now)
      throws SQLException {
    Set<ClientId> capped = new HashSet<>();
    due.keySet().stream()
        .filter(id -> own.get(id).cap().isPresent())
        .forEach(id -> capped.add(clients.get(id)));
    Map<List<String>, List<Instant>> attempts = new HashMap<>();
    if (capped.isEmpty()) {
      return attempts;
    }
    due.forEach(
        (campaign, contacts) -> {
          ClientId client = clients.get(campaign);
          if (capped.contains(client)) {
            contacts.forEach(
                contact -> {
                  List<String> key = List.of(client.value(), contact.phone().e164());
                  if (!blocked.contains(key)) {
                    attempts.putIfAbsent(key, new ArrayList<>());
                  }
                });
          }
        });
    if (attempts.isEmpty()) {
      return attempts;
    }
    List<List<String>> keys = new ArrayList<>(attempts.keySet());
    Unnest w =
        new Unnest("w")
            .column("client_id", "varchar", keys, k -> k.get(0))
            .column("phone", "varchar", keys, k -> k.get(1));
    try (PreparedStatement s =
        c.prepareStatement(
            "select k.client_id, k.phone, k.started_at from "
                + w.from()
                + " join call k on k.client_id = w.client_id and k.phone = w.phone"
                + " and k.started_at > ?")) {
      int next = w.bind(c, s, 1);
      s.setTimestamp(next, Sql.stamp(FrequencyCap.windowStart(now)));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          attempts.get(List.of(r.getString(1), r.getString(2))).add(r.getTimestamp(3).toInstant());
        }
      }
    }
    return attempts;
  }

  /** Marks the campaigns asked about that exist but whose rows were locked elsewhere as busy. */
  private static void busy(
      Connection c,
      Collection<CampaignId> wanted,
      Set<CampaignId> locked,
      Map<CampaignId, Claim> claims)
      throws SQLException {
    List<CampaignId> missing = wanted.stream().filter(id -> !locked.contains(id)).toList();
    if (missing.isEmpty()) {
      return;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "select id from campaign where id = any(?) and deleted_at is null and status in "
                + DIALABLE)) {
      s.setArray(1, Sql.campaigns(c, missing));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          claims.put(CampaignId.parse(r.getString(1)), Claim.BUSY);
        }
      }
    }
  }

  /**
   * The due contacts of every campaign, oldest due first, up to each campaign's limit, locked;
   * contacts another server is claiming right now are skipped, not waited for.
   */
  private static Map<CampaignId, List<DueContact>> dueContacts(
      Connection c, Map<CampaignId, Integer> limits, Instant now) throws SQLException {
    Map<CampaignId, List<DueContact>> due = new HashMap<>();
    List<Map.Entry<CampaignId, Integer>> rows = new ArrayList<>(limits.entrySet());
    Unnest w =
        new Unnest("w")
            .column("campaign_id", "varchar", rows, e -> e.getKey().value())
            .column("n", "int4", rows, Map.Entry::getValue);
    try (PreparedStatement s =
        c.prepareStatement(
            "select w.campaign_id, t.id, "
                + ContactColumns.select("t", ContactField.ALL)
                + ", t.variables::text, t.attempts, t.metadata::text from "
                + w.from()
                + " cross join lateral (select id, "
                + ContactColumns.select(ContactField.ALL)
                + ", variables, attempts, metadata from contact"
                + " where campaign_id = w.campaign_id"
                + " and status = "
                + PENDING
                + " and next_attempt_at <= ?"
                + " order by next_attempt_at, id limit w.n for update skip locked) t")) {
      int next = w.bind(c, s, 1);
      s.setTimestamp(next, Sql.stamp(now));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Map<String, String> fields = new LinkedHashMap<>();
          for (int i = 0; i < ContactField.ALL.size(); i++) {
            String value = r.getString(3 + i);
            if (value != null && !value.isBlank()) {
              fields.put(ContactField.ALL.get(i).wireName(), value);
            }
          }
          long id = r.getLong(2);
          String variables = r.getString(9);
          if (variables != null && variables.length() > 2) {
            try {
              JSON.readValue(variables, STRING_MAP).forEach(fields::putIfAbsent);
            } catch (IOException e) {
              throw new SQLException("contact " + id + " has malformed variables", e);
            }
          }
          try {
            PromptVariables.addMetadata(r.getString(11), fields);
          } catch (IOException e) {
            throw new SQLException("contact " + id + " has malformed metadata", e);
          }
          due.computeIfAbsent(CampaignId.parse(r.getString(1)), k -> new ArrayList<>())
              .add(new DueContact(id, PhoneNumber.ofE164(r.getString(3)), fields, r.getInt(10)));
        }
      }
    }
    return due;
  }

  /** The (client, phone) pairs among the due contacts that are on their client's list. */
  private static Set<List<String>> doNotCall(
      Connection c, Map<CampaignId, ClientId> clients, Map<CampaignId, List<DueContact>> due)
      throws SQLException {
    Set<List<String>> blocked = new HashSet<>();
    List<List<String>> pairs = new ArrayList<>();
    due.forEach(
        (campaign, contacts) ->
            contacts.forEach(
                contact ->
                    pairs.add(List.of(clients.get(campaign).value(), contact.phone().e164()))));
    if (pairs.isEmpty()) {
      return blocked;
    }
    Unnest w =
        new Unnest("w")
            .column("client_id", "varchar", pairs, p -> p.get(0))
            .column("phone", "varchar", pairs, p -> p.get(1));
    try (PreparedStatement s =
        c.prepareStatement(
            "select d.client_id, d.phone from do_not_call d join "
                + w.from()
                + " on d.client_id = w.client_id and d.phone = w.phone")) {
      w.bind(c, s, 1);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          blocked.add(List.of(r.getString(1), r.getString(2)));
        }
      }
    }
    return blocked;
  }

  private static void setState(Connection c, List<Long> contacts, ContactState state)
      throws SQLException {
    if (contacts.isEmpty()) {
      return;
    }
    try (PreparedStatement s =
        c.prepareStatement("update contact set status = ? where id = any(?)")) {
      s.setString(1, state.wireName());
      s.setArray(2, c.createArrayOf("int8", contacts.toArray()));
      s.executeUpdate();
    }
  }

  private static void defer(Connection c, Map<Long, Instant> later) throws SQLException {
    if (later.isEmpty()) {
      return;
    }
    List<Map.Entry<Long, Instant>> rows = new ArrayList<>(later.entrySet());
    Unnest u =
        new Unnest("u")
            .column("id", "int8", rows, Map.Entry::getKey)
            .column("at", "timestamptz", rows, e -> Sql.stamp(e.getValue()));
    try (PreparedStatement s =
        c.prepareStatement(
            "update contact t set next_attempt_at = u.at from "
                + u.from()
                + " where t.id = u.id")) {
      u.bind(c, s, 1);
      s.executeUpdate();
    }
  }

  private static Map<CampaignId, List<ClaimedCall>> startCalls(
      Connection c,
      Map<CampaignId, ClientId> clients,
      Map<CampaignId, List<DueContact>> dial,
      Instant now,
      String serverId)
      throws SQLException {
    Map<CampaignId, List<ClaimedCall>> calls = new HashMap<>();
    List<Long> contacts = new ArrayList<>();
    List<ClaimedCall> all = new ArrayList<>();
    for (var entry : dial.entrySet()) {
      CampaignId campaign = entry.getKey();
      List<ClaimedCall> list = new ArrayList<>(entry.getValue().size());
      for (DueContact contact : entry.getValue()) {
        contacts.add(contact.id());
        list.add(
            new ClaimedCall(
                CallId.random(),
                campaign,
                clients.get(campaign),
                contact.id(),
                contact.phone(),
                contact.fields(),
                contact.attemptsMade() + 1,
                now));
      }
      calls.put(campaign, list);
      all.addAll(list);
    }
    if (contacts.isEmpty()) {
      return calls;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "update contact set status = ?, attempts = attempts + 1 where id = any(?)")) {
      s.setString(1, ContactState.DIALING.wireName());
      s.setArray(2, c.createArrayOf("int8", contacts.toArray()));
      s.executeUpdate();
    }
    Unnest u =
        new Unnest("u")
            .column("id", "varchar", all, k -> k.callId().value())
            .column("campaign_id", "varchar", all, k -> k.campaignId().value())
            .column("client_id", "varchar", all, k -> k.clientId().value())
            .column("contact_id", "int8", all, ClaimedCall::contactId)
            .column("attempt", "int4", all, ClaimedCall::attempt)
            .column("phone", "varchar", all, k -> k.phone().e164());
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into call (id, campaign_id, client_id, contact_id, attempt, phone,"
                + " started_at, server_id) select u.*, ?::timestamptz, ?::varchar from "
                + u.from())) {
      s.setTimestamp(1, Sql.stamp(now));
      s.setString(2, serverId);
      u.bind(c, s, 3);
      s.executeUpdate();
    }
    Outbox.emit(
        c,
        EventType.CALL_STARTED,
        all.stream().map(k -> new Outbox.Event(k.clientId(), k.callId().value(), null)).toList(),
        now);
    return calls;
  }

  @Override
  public void release(List<ClaimedCall> calls) {
    if (calls.isEmpty()) {
      return;
    }
    tx.inTransaction(
        "release claims",
        c -> {
          Sql.lockTimeout(c, JdbcCallOutcomes.LOCK_TIMEOUT);
          Set<CampaignId> campaigns = new HashSet<>();
          calls.forEach(call -> campaigns.add(call.campaignId()));
          Set<CampaignId> deleted = Sql.lockCampaigns(c, campaigns);
          // only calls still open are given back: one released twice, or closed meanwhile by its
          // outcome or a reclaim, restores nothing (its contact may be on another call by now)
          List<ClaimedCall> open = new ArrayList<>();
          Map<String, ClaimedCall> byId = new HashMap<>();
          calls.forEach(call -> byId.put(call.callId().value(), call));
          try (PreparedStatement s =
              c.prepareStatement(
                  "delete from call where id = any(?) and ended_at is null returning id")) {
            s.setArray(1, c.createArrayOf("varchar", byId.keySet().toArray()));
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                open.add(byId.get(r.getString(1)));
              }
            }
          }
          if (open.isEmpty()) {
            return null;
          }
          Outbox.withdrawStarts(c, open.stream().map(k -> k.callId().value()).toList());
          // due again as it was; cancelled when its campaign was deleted meanwhile
          Unnest u =
              new Unnest("u")
                  .column("id", "int8", open, ClaimedCall::contactId)
                  .column(
                      "status",
                      "varchar",
                      open,
                      k ->
                          (deleted.contains(k.campaignId())
                                  ? ContactState.CANCELLED
                                  : ContactState.PENDING)
                              .wireName());
          try (PreparedStatement s =
              c.prepareStatement(
                  "update contact t set status = u.status,"
                      + " attempts = greatest(t.attempts - 1, 0) from "
                      + u.from()
                      + " where t.id = u.id and t.status = ?")) {
            int next = u.bind(c, s, 1);
            s.setString(next, ContactState.DIALING.wireName());
            s.executeUpdate();
          }
          Map<CampaignId, Integer> perCampaign = new TreeMap<>(Sql.CAMPAIGN_ORDER);
          open.forEach(call -> perCampaign.merge(call.campaignId(), 1, Integer::sum));
          try (PreparedStatement s =
              c.prepareStatement(
                  "update campaign set in_flight = greatest(in_flight - ?, 0),"
                      + " calls_placed = greatest(calls_placed - ?, 0) where id = ?")) {
            for (var entry : perCampaign.entrySet()) {
              s.setInt(1, entry.getValue());
              s.setInt(2, entry.getValue());
              s.setString(3, entry.getKey().value());
              s.addBatch();
            }
            s.executeBatch();
          }
          return null;
        });
  }
}
