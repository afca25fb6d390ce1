package io.outdial.persistence.dialing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outdial.core.campaign.CampaignAction;
import io.outdial.core.campaign.CampaignLifecycle;
import io.outdial.core.campaign.CampaignStatus;
import io.outdial.core.campaign.MaxConcurrent;
import io.outdial.core.campaign.Priority;
import io.outdial.core.campaign.Voice;
import io.outdial.core.contact.Disposition;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.CallId;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.persistence.jpa.PersistenceUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The dialer's work queue. Every method is one transaction on plain JDBC (the hot path of the
 * dialer; Hibernate would add nothing but overhead here).
 *
 * <p>Lock order, the same everywhere so that no two transactions wait on each other in a circle:
 * campaign rows first (in id order when several), then contacts, then calls. {@link
 * io.outdial.persistence.campaign.CampaignStore} locks the campaign row before it touches existing
 * contacts too. A batch of an upload inserts its new contacts first and locks the campaign row only
 * at its end: rows not yet committed are seen by no other transaction, so nobody holding a campaign
 * row can wait for them.
 *
 * <p>Campaign rows are locked {@code FOR NO KEY UPDATE}, the lock an update of their counters takes
 * anyway: it excludes the other lockers of the row just as {@code FOR UPDATE} would, but not the
 * {@code FOR KEY SHARE} lock that inserting a contact takes on its campaign's row through the
 * foreign key and holds until its transaction ends, so that the dialer never waits for an upload
 * inserting thousands of contacts.
 */
@ApplicationScoped
@Transactional
public class DialQueue {
  /** Contact states. */
  public static final String PENDING = "pending";

  public static final String DIALING = "dialing";
  public static final String DONE = "done";
  public static final String DO_NOT_CALL = "do_not_call";
  public static final String CANCELLED = "cancelled";
  public static final String NO_CALLING_WINDOW = "no_calling_window";

  /** The error reason of calls closed because the server dialing them died. */
  public static final String SERVER_LOST = "server_lost";

  /** The error reason of calls closed because they outlived any possible call. */
  public static final String STALE = "stale";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
  private static final String[] CONTACT_FIELDS = {
    "first_name", "last_name", "email", "company", "title"
  };

  @Inject PersistenceUnit persistence;

  /**
   * Campaigns that may dial now, with their load across all servers.
   *
   * @param dueProbe the most due contacts counted per campaign (the count is a bounded probe, so
   *     that a campaign of a million contacts costs no more than one of a thousand)
   */
  public List<DialableCampaign> dialable(Instant now, int dueProbe) {
    String sql =
        "select c.id, c.client_id, c.priority, c.max_concurrent, c.in_flight,"
            + " (select count(*) from (select 1 from contact t where t.campaign_id = c.id"
            + "   and t.status = 'pending' and t.next_attempt_at <= ? limit ?) d)"
            + " from campaign c where c.status in ('queued', 'active') and c.deleted_at is null";
    return query(
        sql,
        s -> {
          s.setTimestamp(1, Timestamp.from(now));
          s.setInt(2, dueProbe);
        },
        r ->
            new DialableCampaign(
                CampaignId.parse(r.getString(1)),
                ClientId.of(r.getString(2)),
                Priority.of(r.getInt(3)),
                MaxConcurrent.of(r.getInt(4)),
                r.getInt(5),
                r.getLong(6)));
  }

  /** What the dialer needs to call for this campaign; empty when it is gone. */
  public Optional<CampaignSetup> setup(CampaignId id) {
    String sql =
        "select client_id, caller_id, system_prompt, greeting_text, voicemail_text, voice"
            + " from campaign where id = ? and deleted_at is null";
    return query(
            sql,
            s -> s.setString(1, id.value()),
            r ->
                new CampaignSetup(
                    id,
                    ClientId.of(r.getString(1)),
                    PhoneNumber.ofE164(r.getString(2)),
                    r.getString(3),
                    Optional.ofNullable(r.getString(4)),
                    Optional.ofNullable(r.getString(5)),
                    Voice.fromWire(r.getString(6))))
        .stream()
        .findFirst();
  }

  /**
   * The status of each of these campaigns; a deleted campaign is {@code cancelled}, one that does
   * not exist is missing from the answer.
   */
  public Map<CampaignId, CampaignStatus> statuses(Collection<CampaignId> ids) {
    Map<CampaignId, CampaignStatus> statuses = new HashMap<>();
    if (ids.isEmpty()) {
      return statuses;
    }
    try (Connection c = connection();
        PreparedStatement s =
            c.prepareStatement(
                "select id, case when deleted_at is null then status else 'cancelled' end"
                    + " from campaign where id = any(?)")) {
      s.setArray(1, c.createArrayOf("varchar", ids.stream().map(CampaignId::value).toArray()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          statuses.put(CampaignId.parse(r.getString(1)), CampaignStatus.fromWire(r.getString(2)));
        }
      }
    } catch (SQLException e) {
      throw failure("read campaign statuses", e);
    }
    return statuses;
  }

  /**
   * Claims due contacts for several campaigns in one transaction: up to {@code wanted.get(id)} of
   * each campaign for {@code serverId}, never more than the campaign's {@code max_concurrent}
   * allows across all servers. Contacts on the client's do-not-call list become final without a
   * call; contacts outside their calling hours move to their next opening. A campaign becomes
   * {@code active} with its first call. The campaign rows are locked in id order, so claims of
   * several servers never wait on each other in a circle.
   *
   * @return what was claimed, for every campaign asked about (those gone, paused or finished get
   *     {@link Claim#NOTHING})
   */
  public Map<CampaignId, Claim> claim(
      Map<CampaignId, Integer> wanted, Instant now, String serverId, DialTimes times) {
    Map<CampaignId, Claim> claims = new LinkedHashMap<>();
    wanted.keySet().forEach(id -> claims.put(id, Claim.NOTHING));
    if (wanted.isEmpty()) {
      return claims;
    }
    try (Connection c = connection()) {
      Map<CampaignId, Integer> limits = new TreeMap<>(CAMPAIGN_ORDER);
      Map<CampaignId, ClientId> clients = new HashMap<>();
      try (PreparedStatement s =
          c.prepareStatement(
              "select id, client_id, status, max_concurrent - in_flight from campaign"
                  + " where id = any(?) and deleted_at is null order by id for no key update")) {
        s.setArray(1, campaignArray(c, wanted.keySet()));
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            CampaignId id = CampaignId.parse(r.getString(1));
            CampaignStatus status = CampaignStatus.fromWire(r.getString(3));
            if (status != CampaignStatus.QUEUED && status != CampaignStatus.ACTIVE) {
              continue;
            }
            int limit = Math.min(wanted.get(id), r.getInt(4));
            claims.put(id, new Claim(List.of(), 0, 0, false));
            if (limit > 0) {
              limits.put(id, limit);
              clients.put(id, ClientId.of(r.getString(2)));
            }
          }
        }
      }
      if (limits.isEmpty()) {
        return claims;
      }
      Map<CampaignId, List<DueContact>> due = dueContacts(c, limits, now);
      Set<List<String>> blocked = doNotCall(c, clients, due);
      List<Long> skipped = new ArrayList<>();
      Map<Long, Instant> later = new LinkedHashMap<>();
      List<Long> never = new ArrayList<>();
      Map<CampaignId, List<DueContact>> dial = new LinkedHashMap<>();
      Map<CampaignId, int[]> counts = new HashMap<>(); // {do-not-call, deferred}
      for (var entry : limits.entrySet()) {
        CampaignId id = entry.getKey();
        int[] count = counts.computeIfAbsent(id, k -> new int[2]);
        List<DueContact> toDial = new ArrayList<>();
        for (DueContact contact : due.getOrDefault(id, List.of())) {
          if (blocked.contains(List.of(clients.get(id).value(), contact.phone().e164()))) {
            skipped.add(contact.id());
            count[0]++;
            continue;
          }
          Optional<Instant> allowed = times.nextAllowed(contact.phone(), now);
          if (allowed.isEmpty()) {
            never.add(contact.id());
          } else if (allowed.get().isAfter(now)) {
            later.put(contact.id(), allowed.get());
            count[1]++;
          } else {
            toDial.add(contact);
          }
        }
        dial.put(id, toDial);
      }
      setStatus(c, skipped, DO_NOT_CALL);
      setStatus(c, never, NO_CALLING_WINDOW);
      defer(c, later);
      Map<CampaignId, List<ClaimedCall>> calls = startCalls(c, clients, dial, now, serverId);
      List<CampaignId> idle = new ArrayList<>();
      try (PreparedStatement s =
          c.prepareStatement(
              "update campaign set in_flight = in_flight + ?, calls_placed = calls_placed + ?,"
                  + " do_not_call_skipped = do_not_call_skipped + ?,"
                  + " status = case when status = 'queued' and ? > 0 then 'active' else status end,"
                  + " started_at = case when ? > 0 then coalesce(started_at, ?) else started_at end"
                  + " where id = ?")) {
        for (CampaignId id : limits.keySet()) {
          int placed = calls.get(id).size();
          int[] count = counts.get(id);
          if (placed == 0) {
            idle.add(id);
          }
          if (placed == 0 && count[0] == 0) {
            continue;
          }
          s.setInt(1, placed);
          s.setInt(2, placed);
          s.setInt(3, count[0]);
          s.setInt(4, placed);
          s.setInt(5, placed);
          s.setTimestamp(6, Timestamp.from(now));
          s.setString(7, id.value());
          s.addBatch();
        }
        s.executeBatch();
      }
      if (!idle.isEmpty()) {
        settle(c, idle, now);
      }
      for (var entry : limits.entrySet()) {
        CampaignId id = entry.getKey();
        int[] count = counts.get(id);
        boolean exhausted = due.getOrDefault(id, List.of()).size() < entry.getValue();
        claims.put(id, new Claim(calls.get(id), count[0], count[1], exhausted));
      }
      return claims;
    } catch (SQLException e) {
      throw failure("claim contacts", e);
    }
  }

  private record DueContact(
      long id, PhoneNumber phone, Map<String, String> fields, int attemptsMade) {}

  /**
   * The due contacts of every campaign, oldest due first, up to each campaign's limit, locked;
   * contacts another server is claiming right now are skipped, not waited for.
   */
  private static Map<CampaignId, List<DueContact>> dueContacts(
      Connection c, Map<CampaignId, Integer> limits, Instant now) throws SQLException {
    Map<CampaignId, List<DueContact>> due = new HashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select w.campaign_id, t.id, t.phone, t.first_name, t.last_name, t.email, t.company,"
                + " t.title, t.variables::text, t.attempts"
                + " from unnest(?::varchar[], ?::int[]) as w(campaign_id, n)"
                + " cross join lateral (select id, phone, first_name, last_name, email, company,"
                + " title, variables, attempts from contact where campaign_id = w.campaign_id"
                + " and status = 'pending' and next_attempt_at <= ?"
                + " order by next_attempt_at, id limit w.n for update skip locked) t")) {
      s.setArray(1, campaignArray(c, limits.keySet()));
      s.setArray(2, c.createArrayOf("integer", limits.values().toArray()));
      s.setTimestamp(3, Timestamp.from(now));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Map<String, String> fields = new LinkedHashMap<>();
          fields.put("phone", r.getString(3));
          for (int i = 0; i < CONTACT_FIELDS.length; i++) {
            String value = r.getString(4 + i);
            if (value != null && !value.isBlank()) {
              fields.put(CONTACT_FIELDS[i], value);
            }
          }
          long id = r.getLong(2);
          String variables = r.getString(9);
          if (variables != null && variables.length() > 2) {
            try {
              JSON.readValue(variables, STRING_MAP).forEach(fields::putIfAbsent);
            } catch (java.io.IOException e) {
              throw new SQLException("contact " + id + " has malformed variables", e);
            }
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
    Set<List<String>> blocked = new java.util.HashSet<>();
    List<String> clientIds = new ArrayList<>();
    List<String> phones = new ArrayList<>();
    due.forEach(
        (campaign, contacts) ->
            contacts.forEach(
                contact -> {
                  clientIds.add(clients.get(campaign).value());
                  phones.add(contact.phone().e164());
                }));
    if (phones.isEmpty()) {
      return blocked;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "select d.client_id, d.phone from do_not_call d"
                + " join unnest(?::varchar[], ?::varchar[]) as w(client_id, phone)"
                + " on d.client_id = w.client_id and d.phone = w.phone")) {
      s.setArray(1, c.createArrayOf("varchar", clientIds.toArray()));
      s.setArray(2, c.createArrayOf("varchar", phones.toArray()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          blocked.add(List.of(r.getString(1), r.getString(2)));
        }
      }
    }
    return blocked;
  }

  private static void setStatus(Connection c, List<Long> contacts, String status)
      throws SQLException {
    if (contacts.isEmpty()) {
      return;
    }
    try (PreparedStatement s =
        c.prepareStatement("update contact set status = ? where id = any(?)")) {
      s.setString(1, status);
      s.setArray(2, longs(c, contacts));
      s.executeUpdate();
    }
  }

  private static void defer(Connection c, Map<Long, Instant> later) throws SQLException {
    if (later.isEmpty()) {
      return;
    }
    try (PreparedStatement s =
        c.prepareStatement("update contact set next_attempt_at = ? where id = ?")) {
      for (var entry : later.entrySet()) {
        s.setTimestamp(1, Timestamp.from(entry.getValue()));
        s.setLong(2, entry.getKey());
        s.addBatch();
      }
      s.executeBatch();
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
    dial.forEach(
        (campaign, list) -> {
          calls.put(campaign, new ArrayList<>(list.size()));
          list.forEach(contact -> contacts.add(contact.id()));
        });
    if (contacts.isEmpty()) {
      return calls;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "update contact set status = 'dialing', attempts = attempts + 1 where id = any(?)")) {
      s.setArray(1, longs(c, contacts));
      s.executeUpdate();
    }
    for (var entry : dial.entrySet()) {
      CampaignId campaign = entry.getKey();
      for (DueContact contact : entry.getValue()) {
        calls
            .get(campaign)
            .add(
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
    }
    List<ClaimedCall> all = calls.values().stream().flatMap(List::stream).toList();
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into call (id, campaign_id, client_id, contact_id, attempt, started_at,"
                + " server_id) select u.*, ?::timestamptz, ?::varchar from unnest(?::varchar[],"
                + " ?::varchar[], ?::varchar[], ?::bigint[], ?::int[])"
                + " as u(id, campaign_id, client_id, contact_id, attempt)")) {
      s.setTimestamp(1, Timestamp.from(now));
      s.setString(2, serverId);
      s.setArray(
          3, c.createArrayOf("varchar", all.stream().map(k -> k.callId().value()).toArray()));
      s.setArray(
          4, c.createArrayOf("varchar", all.stream().map(k -> k.campaignId().value()).toArray()));
      s.setArray(
          5, c.createArrayOf("varchar", all.stream().map(k -> k.clientId().value()).toArray()));
      s.setArray(6, c.createArrayOf("int8", all.stream().map(ClaimedCall::contactId).toArray()));
      s.setArray(7, c.createArrayOf("int4", all.stream().map(ClaimedCall::attempt).toArray()));
      s.executeUpdate();
    }
    return calls;
  }

  private static Array campaignArray(Connection c, Collection<CampaignId> campaigns)
      throws SQLException {
    return c.createArrayOf("varchar", campaigns.stream().map(CampaignId::value).toArray());
  }

  /**
   * Gives back claimed calls that were never placed (the provider refused them): no call record
   * remains, the contacts are due again as they were and the campaign's counts are restored.
   */
  public void release(List<ClaimedCall> calls) {
    if (calls.isEmpty()) {
      return;
    }
    try (Connection c = connection()) {
      Map<CampaignId, Integer> perCampaign = new TreeMap<>(CAMPAIGN_ORDER);
      calls.forEach(call -> perCampaign.merge(call.campaignId(), 1, Integer::sum));
      lockCampaigns(c, perCampaign.keySet());
      try (PreparedStatement s =
          c.prepareStatement("delete from call where id = any(?) and ended_at is null")) {
        s.setArray(
            1, c.createArrayOf("varchar", calls.stream().map(x -> x.callId().value()).toArray()));
        s.executeUpdate();
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "update contact set status = 'pending', attempts = greatest(attempts - 1, 0)"
                  + " where id = any(?) and status = 'dialing'")) {
        s.setArray(1, longs(c, calls.stream().map(ClaimedCall::contactId).toList()));
        s.executeUpdate();
      }
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
    } catch (SQLException e) {
      throw failure("release claims", e);
    }
  }

  /**
   * Writes how calls ended: the call records, the contacts (final or due again at their retry
   * time), the campaigns' counters and {@code in_flight}, the clients' monthly usage and their
   * do-not-call lists; campaigns with nothing left to dial become {@code completed}. A call already
   * closed (by {@link #reclaim}) is left as it is and counts nothing twice.
   *
   * @return how many of the results were written
   */
  public int complete(List<CallResult> results, Instant now) {
    if (results.isEmpty()) {
      return 0;
    }
    try (Connection c = connection()) {
      return write(c, results, now);
    } catch (SQLException e) {
      throw failure("record call outcomes", e);
    }
  }

  private int write(Connection c, List<CallResult> results, Instant now) throws SQLException {
    Set<CampaignId> campaigns = new TreeSet<>(CAMPAIGN_ORDER);
    results.forEach(r -> campaigns.add(r.campaignId()));
    lockCampaigns(c, campaigns);
    List<CallResult> written = endCalls(c, results);
    if (written.isEmpty()) {
      return 0;
    }
    updateContacts(c, written);
    Map<CampaignId, Tally> tallies = new TreeMap<>(CAMPAIGN_ORDER);
    Map<List<String>, Tally> usage = new TreeMap<>(USAGE_ORDER);
    for (CallResult r : written) {
      tallies.computeIfAbsent(r.campaignId(), k -> new Tally()).add(r);
      YearMonth period = YearMonth.from(r.startedAt().atOffset(ZoneOffset.UTC));
      usage
          .computeIfAbsent(List.of(r.clientId().value(), period.toString()), k -> new Tally())
          .add(r);
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "update campaign set in_flight = greatest(in_flight - ?, 0),"
                + " human_answers = human_answers + ?, voicemails = voicemails + ?,"
                + " errors = errors + ?, no_answer = no_answer + ?,"
                + " talk_seconds = talk_seconds + ?,"
                + " first_audio_calls = first_audio_calls + ?,"
                + " first_audio_ms_total = first_audio_ms_total + ?,"
                + " machine_detection_calls = machine_detection_calls + ?,"
                + " machine_detection_ms_total = machine_detection_ms_total + ?,"
                + " dead_air_calls = dead_air_calls + ?, dead_air_over_2s = dead_air_over_2s + ?"
                + " where id = ?")) {
      for (var entry : tallies.entrySet()) {
        Tally t = entry.getValue();
        s.setInt(1, t.calls);
        s.setInt(2, t.humans);
        s.setInt(3, t.machines);
        s.setInt(4, t.errors);
        s.setInt(5, t.unreached);
        s.setDouble(6, t.seconds);
        s.setLong(7, t.firstAudioCalls);
        s.setLong(8, t.firstAudioMs);
        s.setLong(9, t.machineDetectionCalls);
        s.setLong(10, t.machineDetectionMs);
        s.setLong(11, t.deadAirCalls);
        s.setLong(12, t.deadAirOverLimit);
        s.setString(13, entry.getKey().value());
        s.addBatch();
      }
      s.executeBatch();
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into client_usage (client_id, period, total_calls, total_seconds,"
                + " human_answers, voicemails_dropped) values (?, ?, ?, ?, ?, ?)"
                + " on conflict (client_id, period) do update set"
                + " total_calls = client_usage.total_calls + excluded.total_calls,"
                + " total_seconds = client_usage.total_seconds + excluded.total_seconds,"
                + " human_answers = client_usage.human_answers + excluded.human_answers,"
                + " voicemails_dropped ="
                + " client_usage.voicemails_dropped + excluded.voicemails_dropped")) {
      for (var entry : usage.entrySet()) {
        Tally t = entry.getValue();
        s.setString(1, entry.getKey().get(0));
        s.setString(2, entry.getKey().get(1));
        s.setInt(3, t.calls);
        s.setDouble(4, t.seconds);
        s.setInt(5, t.humans);
        s.setInt(6, t.voicemailsLeft);
        s.addBatch();
      }
      s.executeBatch();
    }
    List<CallResult> optOuts = written.stream().filter(CallResult::doNotCall).toList();
    if (!optOuts.isEmpty()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "insert into do_not_call (client_id, phone, added_at, source, call_id)"
                  + " values (?, ?, ?, 'call', ?) on conflict do nothing")) {
        for (CallResult r : optOuts) {
          s.setString(1, r.clientId().value());
          s.setString(2, r.phone().e164());
          s.setTimestamp(3, Timestamp.from(r.endedAt()));
          s.setString(4, r.callId().value());
          s.addBatch();
        }
        s.executeBatch();
      }
    }
    settle(c, tallies.keySet(), now);
    return written.size();
  }

  /**
   * Writes the outcome into each call's row, one set-based statement for the batch; a call already
   * closed (by {@link #reclaim}) is left as it is.
   *
   * @return the results written
   */
  private static List<CallResult> endCalls(Connection c, List<CallResult> results)
      throws SQLException {
    int n = results.size();
    String[] ids = new String[n];
    String[] dispositions = new String[n];
    Double[] durations = new Double[n];
    String[] transcripts = new String[n];
    String[] intents = new String[n];
    String[] errors = new String[n];
    Timestamp[] ended = new Timestamp[n];
    String[] answeredBy = new String[n];
    String[] endReasons = new String[n];
    Integer[] providerStatuses = new Integer[n];
    Integer[] firstAudio = new Integer[n];
    Integer[] machineDetection = new Integer[n];
    Integer[] deadAir = new Integer[n];
    Map<String, CallResult> byId = new HashMap<>();
    for (int i = 0; i < n; i++) {
      CallResult r = results.get(i);
      ids[i] = r.callId().value();
      dispositions[i] = r.disposition().wireName();
      durations[i] = r.durationSeconds();
      transcripts[i] = r.transcriptJson();
      intents[i] = r.intentsJson();
      errors[i] = r.errorReason().orElse(null);
      ended[i] = Timestamp.from(r.endedAt());
      answeredBy[i] = r.answeredBy().orElse(null);
      endReasons[i] = r.endReason();
      providerStatuses[i] = r.providerStatus().orElse(null);
      firstAudio[i] = r.audio().firstAudioMs().orElse(null);
      machineDetection[i] = r.audio().machineDetectionMs().orElse(null);
      deadAir[i] = r.audio().deadAirMs().orElse(null);
      byId.put(ids[i], r);
    }
    List<CallResult> written = new ArrayList<>(n);
    try (PreparedStatement s =
        c.prepareStatement(
            "update call k set disposition = u.disposition, duration_s = u.duration_s,"
                + " transcript = u.transcript::jsonb, intents = u.intents::jsonb,"
                + " error_reason = u.error_reason, ended_at = u.ended_at,"
                + " answered_by = u.answered_by, end_reason = u.end_reason,"
                + " provider_status = u.provider_status, first_audio_ms = u.first_audio_ms,"
                + " machine_detection_ms = u.machine_detection_ms, dead_air_ms = u.dead_air_ms"
                + " from unnest(?::varchar[], ?::varchar[], ?::float8[], ?::text[], ?::text[],"
                + " ?::text[], ?::timestamptz[], ?::varchar[], ?::varchar[], ?::int[], ?::int[],"
                + " ?::int[], ?::int[])"
                + " as u(id, disposition, duration_s, transcript, intents, error_reason, ended_at,"
                + " answered_by, end_reason, provider_status, first_audio_ms, machine_detection_ms,"
                + " dead_air_ms)"
                + " where k.id = u.id and k.ended_at is null returning k.id")) {
      s.setArray(1, c.createArrayOf("varchar", ids));
      s.setArray(2, c.createArrayOf("varchar", dispositions));
      s.setArray(3, c.createArrayOf("float8", durations));
      s.setArray(4, c.createArrayOf("text", transcripts));
      s.setArray(5, c.createArrayOf("text", intents));
      s.setArray(6, c.createArrayOf("text", errors));
      s.setArray(7, c.createArrayOf("timestamptz", ended));
      s.setArray(8, c.createArrayOf("varchar", answeredBy));
      s.setArray(9, c.createArrayOf("varchar", endReasons));
      s.setArray(10, c.createArrayOf("int4", providerStatuses));
      s.setArray(11, c.createArrayOf("int4", firstAudio));
      s.setArray(12, c.createArrayOf("int4", machineDetection));
      s.setArray(13, c.createArrayOf("int4", deadAir));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          written.add(byId.get(r.getString(1)));
        }
      }
    }
    return written;
  }

  /** Each called contact final, due again for a retry, or cancelled with its deleted campaign. */
  private static void updateContacts(Connection c, List<CallResult> written) throws SQLException {
    int n = written.size();
    Long[] ids = new Long[n];
    String[] statuses = new String[n];
    Timestamp[] retries = new Timestamp[n];
    String[] dispositions = new String[n];
    for (int i = 0; i < n; i++) {
      CallResult r = written.get(i);
      ids[i] = r.contactId();
      statuses[i] =
          r.disposition() == Disposition.CANCELLED
              ? CANCELLED
              : r.doNotCall() ? DO_NOT_CALL : r.retryAt().isPresent() ? PENDING : DONE;
      retries[i] = r.retryAt().map(Timestamp::from).orElse(null);
      dispositions[i] = r.disposition().wireName();
    }
    try (PreparedStatement s =
        c.prepareStatement(
            // a contact of a campaign deleted while its call was up is cancelled, whatever the call
            "update contact t set status = case when t.status = 'cancelled' or exists (select 1"
                + " from campaign c where c.id = t.campaign_id and c.deleted_at is not null)"
                + " then 'cancelled' else u.status end,"
                + " next_attempt_at = coalesce(u.retry_at, t.next_attempt_at),"
                + " last_disposition = u.disposition"
                + " from unnest(?::bigint[], ?::varchar[], ?::timestamptz[], ?::varchar[])"
                + " as u(id, status, retry_at, disposition) where t.id = u.id")) {
      s.setArray(1, c.createArrayOf("int8", ids));
      s.setArray(2, c.createArrayOf("varchar", statuses));
      s.setArray(3, c.createArrayOf("timestamptz", retries));
      s.setArray(4, c.createArrayOf("varchar", dispositions));
      s.executeUpdate();
    }
  }

  /** Per-campaign or per-usage-row sums of written results. */
  private static final class Tally {
    int calls;
    int humans;
    int machines;
    int errors;
    int unreached;
    int voicemailsLeft;
    double seconds;
    long firstAudioCalls;
    long firstAudioMs;
    long machineDetectionCalls;
    long machineDetectionMs;
    long deadAirCalls;
    long deadAirOverLimit;

    void add(CallResult r) {
      calls++;
      seconds += r.durationSeconds();
      r.audio()
          .firstAudioMs()
          .ifPresent(
              ms -> {
                firstAudioCalls++;
                firstAudioMs += ms;
              });
      r.audio()
          .machineDetectionMs()
          .ifPresent(
              ms -> {
                machineDetectionCalls++;
                machineDetectionMs += ms;
              });
      r.audio()
          .deadAirMs()
          .ifPresent(
              ms -> {
                deadAirCalls++;
                if (ms > AudioTimes.DEAD_AIR_LIMIT_MS) {
                  deadAirOverLimit++;
                }
              });
      switch (r.disposition().category()) {
        case HUMAN -> humans++;
        case MACHINE -> machines++;
        case ERROR -> errors++;
        case UNREACHED -> unreached++;
        case CANCELLED -> {}
      }
      if (r.voicemailLeft()) {
        voicemailsLeft++;
      }
    }
  }

  /**
   * Completes those of {@code campaigns} that are done: contacts, none of them pending or being
   * dialed, no call in flight, no upload into them running. The dialer calls it for campaigns it
   * found with nothing due, for the case where the last event that could complete one (an upload
   * that added only duplicates, an upload ending after the last call) completed nothing.
   */
  public void settle(Collection<CampaignId> campaigns, Instant now) {
    if (campaigns.isEmpty()) {
      return;
    }
    try (Connection c = connection()) {
      // look first, lock only what looks done: most idle campaigns wait for a retry or an opening
      List<CampaignId> done = settleable(c, campaigns, now);
      if (!done.isEmpty()) {
        lockCampaigns(c, done);
        settle(c, done, now);
      }
    } catch (SQLException e) {
      throw failure("complete campaigns", e);
    }
  }

  /** A running upload job that has not reported for this long is abandoned (see JobStore). */
  private static final Duration UPLOAD_SILENCE = Duration.ofMinutes(2);

  /**
   * Completes the campaigns (already locked by the caller) that have contacts, none of them pending
   * or being dialed, no call in flight and no upload into them running (its next batch must not
   * land in a completed campaign).
   */
  private static void settle(Connection c, Collection<CampaignId> campaigns, Instant now)
      throws SQLException {
    List<CampaignId> candidates = settleable(c, campaigns, now);
    if (candidates.isEmpty()) {
      return;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "update campaign set status = 'completed', ended_at = ?,"
                + " started_at = coalesce(started_at, ?) where id = any(?)")) {
      s.setTimestamp(1, Timestamp.from(now));
      s.setTimestamp(2, Timestamp.from(now));
      s.setArray(3, campaignArray(c, candidates));
      s.executeUpdate();
    }
  }

  /** Those of {@code campaigns} that {@link #settle} would complete now. */
  private static List<CampaignId> settleable(
      Connection c, Collection<CampaignId> campaigns, Instant now) throws SQLException {
    List<CampaignId> candidates = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select id, status from campaign c where id = any(?) and deleted_at is null"
                + " and status in ('queued', 'active', 'paused') and in_flight = 0"
                + " and total_contacts > 0 and not exists (select 1 from contact t"
                + " where t.campaign_id = c.id and t.status in ('pending', 'dialing'))"
                + " and not exists (select 1 from job j where j.campaign_id = c.id"
                + " and j.status = 'running' and j.heartbeat_at > ?)")) {
      s.setArray(
          1, c.createArrayOf("varchar", campaigns.stream().map(CampaignId::value).toArray()));
      s.setTimestamp(2, Timestamp.from(now.minus(UPLOAD_SILENCE)));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          // queued -> completed happens when every contact was skipped without a call
          CampaignStatus status = CampaignStatus.fromWire(r.getString(2));
          if (status == CampaignStatus.QUEUED
              || CampaignLifecycle.tryApply(status, CampaignAction.COMPLETE).isPresent()) {
            candidates.add(CampaignId.parse(r.getString(1)));
          }
        }
      }
    }
    return candidates;
  }

  /**
   * Says that {@code serverId} is alive, which renews the lease on all its calls in flight. Uses
   * the database's clock, so servers' clocks need not agree.
   */
  public void heartbeat(String serverId, String host) {
    try (Connection c = connection();
        PreparedStatement s =
            c.prepareStatement(
                "insert into dialer_server (id, host, started_at, heartbeat_at)"
                    + " values (?, ?, now(), now())"
                    + " on conflict (id) do update set heartbeat_at = now()")) {
      s.setString(1, serverId);
      s.setString(2, host);
      s.executeUpdate();
    } catch (SQLException e) {
      throw failure("renew the dialer lease", e);
    }
  }

  /**
   * Gives up this server's lease at shutdown: its calls still open can be reclaimed at once by any
   * server, and its row goes with the next reclaim.
   */
  public void expire(String serverId) {
    try (Connection c = connection();
        PreparedStatement s =
            c.prepareStatement(
                "update dialer_server set heartbeat_at = '-infinity' where id = ?")) {
      s.setString(1, serverId);
      s.executeUpdate();
    } catch (SQLException e) {
      throw failure("give up the dialer lease", e);
    }
  }

  /**
   * Closes calls whose server's lease expired (its heartbeat is older than {@code lease}) or that
   * have been open longer than {@code maxAge} whatever their server, as {@code failed} with reason
   * {@code server_lost} (or {@code stale}), and schedules their contacts again by {@code times}.
   *
   * @return how many calls were closed
   */
  public int reclaim(Duration lease, Duration maxAge, int limit, Instant now, DialTimes times) {
    try (Connection c = connection()) {
      List<CallResult> lost = new ArrayList<>();
      try (PreparedStatement s =
          c.prepareStatement(
              "select c.id, c.campaign_id, c.client_id, c.contact_id, t.phone, c.attempt,"
                  + " c.started_at, c.started_at < now() - ? * interval '1 millisecond' as stale"
                  + " from call c join contact t on t.id = c.contact_id"
                  + " where c.ended_at is null and (not exists (select 1 from dialer_server s"
                  + "   where s.id = c.server_id"
                  + "   and s.heartbeat_at > now() - ? * interval '1 millisecond')"
                  + "  or c.started_at < now() - ? * interval '1 millisecond')"
                  + " limit ? for update of c skip locked")) {
        s.setLong(1, maxAge.toMillis());
        s.setLong(2, lease.toMillis());
        s.setLong(3, maxAge.toMillis());
        s.setInt(4, limit);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            PhoneNumber phone = PhoneNumber.ofE164(r.getString(5));
            int attempt = r.getInt(6);
            Instant started = r.getTimestamp(7).toInstant();
            Instant ended = now.isBefore(started) ? started : now;
            lost.add(
                new CallResult(
                    CallId.parse(r.getString(1)),
                    CampaignId.parse(r.getString(2)),
                    ClientId.of(r.getString(3)),
                    r.getLong(4),
                    phone,
                    Disposition.FAILED,
                    started,
                    ended,
                    Duration.between(started, ended).toMillis() / 1000.0,
                    "[]",
                    "[]",
                    Optional.of(r.getBoolean(8) ? STALE : SERVER_LOST),
                    Optional.empty(),
                    "provider_failure",
                    Optional.empty(),
                    false,
                    false,
                    times.retryLostAt(phone, attempt, ended),
                    AudioTimes.NONE));
          }
        }
      }
      int closed = lost.isEmpty() ? 0 : write(c, lost, now);
      try (PreparedStatement s =
          c.prepareStatement(
              "delete from dialer_server s where s.heartbeat_at < now() - ? * interval"
                  + " '1 millisecond' and not exists (select 1 from call c"
                  + " where c.server_id = s.id and c.ended_at is null)")) {
        s.setLong(1, lease.toMillis());
        s.executeUpdate();
      }
      return closed;
    } catch (SQLException e) {
      throw failure("reclaim lost calls", e);
    }
  }

  private static void lockCampaigns(Connection c, Collection<CampaignId> campaigns)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select id from campaign where id = any(?) order by id for no key update")) {
      s.setArray(
          1, c.createArrayOf("varchar", campaigns.stream().map(CampaignId::value).toArray()));
      s.executeQuery().close();
    }
  }

  private static final java.util.Comparator<CampaignId> CAMPAIGN_ORDER =
      java.util.Comparator.comparing(CampaignId::value);
  private static final java.util.Comparator<List<String>> USAGE_ORDER =
      java.util.Comparator.<List<String>, String>comparing(k -> k.get(0))
          .thenComparing(k -> k.get(1));

  private static Array longs(Connection c, List<Long> values) throws SQLException {
    return c.createArrayOf("bigint", values.toArray());
  }

  private Connection connection() throws SQLException {
    // Inside the JTA transaction the data source hands out the transaction's connection.
    return persistence.dataSource().getConnection();
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement s) throws SQLException;
  }

  @FunctionalInterface
  private interface Reader<T> {
    T read(ResultSet r) throws SQLException;
  }

  private <T> List<T> query(String sql, Binder binder, Reader<T> reader) {
    try (Connection c = connection();
        PreparedStatement s = c.prepareStatement(sql)) {
      binder.bind(s);
      List<T> rows = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows.add(reader.read(r));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw failure("query the dial queue", e);
    }
  }

  private static PersistenceException failure(String what, SQLException e) {
    return new PersistenceException("Could not " + what, e);
  }
}
