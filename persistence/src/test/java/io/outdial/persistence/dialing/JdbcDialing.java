package io.outdial.persistence.dialing;

import io.outdial.core.call.ErrorReason;
import io.outdial.core.calling.CallingRules;
import io.outdial.core.campaign.CampaignStatus;
import io.outdial.core.campaign.Voice;
import io.outdial.core.contact.Disposition;
import io.outdial.core.dialing.ContactState;
import io.outdial.core.id.CallId;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.core.id.JobId;
import io.outdial.core.retry.CampaignRetry;
import io.outdial.core.stats.CampaignProgress;
import io.outdial.core.stats.LatencyHistogram;
import io.outdial.persistence.call.EndRequest;
import io.outdial.persistence.call.JdbcCallEnds;
import io.outdial.persistence.campaign.CallingColumns;
import io.outdial.persistence.campaign.RetryColumns;
import io.outdial.persistence.dialing.testing.DialingWorld;
import io.outdial.persistence.dialing.testing.InMemoryDialing;
import io.outdial.persistence.job.JobStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The dialing ports' JDBC implementations on the test database, with fixtures written as the API's
 * stores write them ({@code CampaignStore}, {@code ContactInsert}, {@code JobStore}) and facts read
 * back with plain queries. Made by {@link #fresh()}, on emptied tables.
 */
final class JdbcDialing implements DialingWorld {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private final DataSource dataSource;
  private final Transactor tx;
  private final Clock clock;
  private final ContactClaims claims;
  private final CallOutcomes outcomes;
  private final DialerLeases leases;

  private JdbcDialing(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.tx = new PlainTransactor(dataSource);
    this.clock = clock;
    this.claims = new JdbcContactClaims(tx);
    this.outcomes = new JdbcCallOutcomes(tx);
    this.leases = new JdbcDialerLeases(tx);
  }

  /** The JDBC ports on the test database, its dialing tables emptied. */
  static JdbcDialing fresh() {
    TestDatabase.empty();
    return new JdbcDialing(TestDatabase.dataSource(), Clock.systemUTC());
  }

  /** The test database, for tests that need a connection of their own. */
  DataSource dataSource() {
    return dataSource;
  }

  @Override
  public ContactClaims claims() {
    return claims;
  }

  @Override
  public CallOutcomes outcomes() {
    return outcomes;
  }

  @Override
  public DialerLeases leases() {
    return leases;
  }

  // --- fixtures, as the API's stores write them ---

  @Override
  public CampaignId campaign(ClientId client, int priority, int maxConcurrent) {
    CampaignId id = CampaignId.random();
    update(
        "insert into campaign (id, client_id, name, voice, system_prompt, caller_id,"
            + " max_concurrent, priority, greeting_text, voicemail_text, status, created_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, null, null, ?, ?)",
        id.value(),
        client.value(),
        "Contract test campaign",
        Voice.DEFAULT.wireName(),
        InMemoryDialing.SYSTEM_PROMPT,
        InMemoryDialing.CALLER_ID.e164(),
        maxConcurrent,
        priority,
        CampaignStatus.QUEUED.wireName(),
        stamp(clock.instant()));
    return id;
  }

  @Override
  public CampaignId scheduledCampaign(ClientId client, Instant startsAt, CampaignRetry retry) {
    CampaignId id = campaign(client, 5, 10);
    update(
        "update campaign set status = ?, scheduled_start = ?, retry_max_attempts = ?::smallint,"
            + " retry_statuses = ?::varchar, retry_delay_seconds = ?::integer,"
            + " retry_backoff = ?::varchar where id = ?",
        CampaignStatus.SCHEDULED.wireName(),
        stamp(startsAt),
        RetryColumns.maxAttempts(retry),
        RetryColumns.statuses(retry),
        RetryColumns.delaySeconds(retry),
        RetryColumns.backoff(retry),
        id.value());
    return id;
  }

  /** Gives the campaign its own calling rules, as the API stores them. */
  void callingRules(CampaignId campaign, CallingRules rules) {
    update(
        "update campaign set calling_start_minute = ?::smallint,"
            + " calling_end_minute = ?::smallint, calling_days = ?::varchar,"
            + " max_attempts_per_number_per_day = ?::smallint where id = ?",
        CallingColumns.startMinute(rules),
        CallingColumns.endMinute(rules),
        CallingColumns.days(rules),
        CallingColumns.maxAttemptsPerDay(rules),
        campaign.value());
  }

  @Override
  public List<Long> contacts(CampaignId campaign, Instant due, String... phones) {
    return tx.inTransaction(
        "add contacts",
        c -> {
          lock(c, campaign);
          List<Long> ids = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into contact (campaign_id, phone, first_name, last_name, email,"
                      + " company, title, variables, created_at, next_attempt_at)"
                      + " values (?, ?, null, null, null, null, null, '{}'::jsonb, ?, ?)"
                      + " returning id")) {
            for (String phone : phones) {
              s.setString(1, campaign.value());
              s.setString(2, phone);
              s.setTimestamp(3, stamp(clock.instant()));
              s.setTimestamp(4, stamp(due));
              try (ResultSet r = s.executeQuery()) {
                r.next();
                ids.add(r.getLong(1));
              }
            }
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "update campaign set total_contacts = total_contacts + ?,"
                      + " contacts_enqueued = contacts_enqueued + ? where id = ?")) {
            s.setLong(1, ids.size());
            s.setLong(2, ids.size());
            s.setString(3, campaign.value());
            s.executeUpdate();
          }
          return ids;
        });
  }

  @Override
  public long contact(
      CampaignId campaign,
      Instant due,
      String phone,
      Map<String, String> variables,
      String metadataJson) {
    long id = contacts(campaign, due, phone).get(0);
    try {
      update(
          "update contact set variables = ?::jsonb, metadata = ?::jsonb where id = ?",
          JSON.writeValueAsString(variables),
          metadataJson,
          id);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
    return id;
  }

  @Override
  public void status(CampaignId campaign, CampaignStatus status) {
    Instant now = clock.instant();
    tx.inTransaction(
        "change a campaign's status",
        c -> {
          lock(c, campaign);
          try (PreparedStatement s =
              c.prepareStatement(
                  "update campaign set status = ?,"
                      + " started_at = case when ? then coalesce(started_at, ?) else started_at"
                      + " end, ended_at = case when ? then ? else ended_at end where id = ?")) {
            s.setString(1, status.wireName());
            s.setBoolean(2, status == CampaignStatus.ACTIVE);
            s.setTimestamp(3, stamp(now));
            s.setBoolean(4, status.isTerminal());
            s.setTimestamp(5, stamp(now));
            s.setString(6, campaign.value());
            return s.executeUpdate();
          }
        });
  }

  @Override
  public void delete(CampaignId campaign, Instant at) {
    tx.inTransaction(
        "delete a campaign",
        c -> {
          lock(c, campaign);
          try (PreparedStatement s =
              c.prepareStatement(
                  "update campaign set deleted_at = ?,"
                      + " ended_at = case when status in ('completed', 'cancelled', 'failed')"
                      + " then ended_at else ? end,"
                      + " status = case when status in ('completed', 'cancelled', 'failed')"
                      + " then status else 'cancelled' end where id = ?")) {
            s.setTimestamp(1, stamp(at));
            s.setTimestamp(2, stamp(at));
            s.setString(3, campaign.value());
            s.executeUpdate();
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "update contact set status = 'cancelled'"
                      + " where campaign_id = ? and status = 'pending'")) {
            s.setString(1, campaign.value());
            return s.executeUpdate();
          }
        });
  }

  @Override
  public EndRequest requestEnd(ClientId client, CallId call, Instant now) {
    return new JdbcCallEnds(tx).request(client, call, now);
  }

  @Override
  public void doNotCall(ClientId client, String phone) {
    update(
        "insert into do_not_call (client_id, phone, added_at, source, call_id)"
            + " values (?, ?, ?, 'manual', null) on conflict do nothing",
        client.value(),
        phone,
        stamp(clock.instant()));
  }

  @Override
  public void uploadRunning(CampaignId campaign, Instant heartbeat) {
    update(
        "insert into job (id, client_id, type, status, progress, campaign_id, created_at,"
            + " started_at, heartbeat_at)"
            + " select ?, client_id, ?, 'running', 0, id, ?, ?, ? from campaign where id = ?",
        JobId.random().value(),
        JobStore.CONTACT_UPLOAD,
        stamp(heartbeat),
        stamp(heartbeat),
        stamp(heartbeat),
        campaign.value());
  }

  @Override
  public AutoCloseable holdRow(CampaignId campaign) {
    try {
      Connection c = dataSource.getConnection();
      try {
        c.setAutoCommit(false);
        lock(c, campaign);
      } catch (SQLException e) {
        c.close();
        throw e;
      }
      return () -> {
        try (c) {
          c.rollback();
        }
      };
    } catch (SQLException e) {
      throw new IllegalStateException("Could not lock campaign " + campaign.value(), e);
    }
  }

  // --- facts ---

  @Override
  public ContactState contactState(long contact) {
    return ContactState.fromWire(contactColumn(contact, "status"));
  }

  @Override
  public int attempts(long contact) {
    return Integer.parseInt(contactColumn(contact, "attempts"));
  }

  @Override
  public Instant nextAttempt(long contact) {
    return query("select next_attempt_at from contact where id = ?", r -> instant(r, 1), contact);
  }

  @Override
  public Optional<Disposition> lastDisposition(long contact) {
    return Optional.ofNullable(contactColumn(contact, "last_disposition"))
        .map(Disposition::fromWire);
  }

  @Override
  public CampaignStatus campaignStatus(CampaignId campaign) {
    return query(
        "select status from campaign where id = ?",
        r -> CampaignStatus.fromWire(r.getString(1)),
        campaign.value());
  }

  @Override
  public Counters counters(CampaignId campaign) {
    return query(
        "select in_flight, calls_placed, do_not_call_skipped, human_answers, voicemails, errors,"
            + " no_answer, talk_seconds from campaign where id = ?",
        r ->
            new Counters(
                r.getInt(1),
                r.getInt(2),
                r.getInt(3),
                r.getInt(4),
                r.getInt(5),
                r.getInt(6),
                r.getInt(7),
                r.getDouble(8)),
        campaign.value());
  }

  @Override
  public Latency latency(CampaignId campaign) {
    return query(
        "select first_audio_hist, machine_detection_hist, voice_to_voice_hist from campaign"
            + " where id = ?",
        r -> new Latency(histogram(r, 1), histogram(r, 2), histogram(r, 3)),
        campaign.value());
  }

  private static LatencyHistogram histogram(ResultSet r, int column) throws SQLException {
    java.sql.Array array = r.getArray(column);
    if (array == null) {
      return LatencyHistogram.EMPTY;
    }
    Long[] boxed = (Long[]) array.getArray();
    long[] counts = new long[boxed.length];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = boxed[i];
    }
    return LatencyHistogram.of(counts);
  }

  @Override
  public Optional<Instant> startedAt(CampaignId campaign) {
    return Optional.ofNullable(
        query(
            "select started_at from campaign where id = ?", r -> instant(r, 1), campaign.value()));
  }

  @Override
  public CampaignProgress progress(CampaignId campaign) {
    return query(
        "select contacts_processed, successful_calls from campaign where id = ?",
        r -> new CampaignProgress(r.getLong(1), r.getLong(2)),
        campaign.value());
  }

  @Override
  public boolean onDoNotCall(ClientId client, String phone) {
    return query(
        "select exists (select 1 from do_not_call where client_id = ? and phone = ?)",
        r -> r.getBoolean(1),
        client.value(),
        phone);
  }

  @Override
  public List<CallRow> calls(CampaignId campaign) {
    return tx.inTransaction(
        "read call records",
        c -> {
          List<CallRow> rows = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "select id, contact_id, server_id, attempt, started_at, ended_at, disposition,"
                      + " error_reason, transcript::text, first_audio_ms, machine_detection_ms,"
                      + " dead_air_ms, voice_to_voice_ms, endpointing_ms"
                      + " from call where campaign_id = ?"
                      + " order by started_at, id")) {
            s.setString(1, campaign.value());
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                rows.add(
                    new CallRow(
                        CallId.parse(r.getString(1)),
                        r.getLong(2),
                        r.getString(3),
                        r.getInt(4),
                        instant(r, 5),
                        Optional.ofNullable(instant(r, 6)),
                        Optional.ofNullable(r.getString(7)).map(Disposition::fromWire),
                        Optional.ofNullable(r.getString(8)).map(ErrorReason::fromWire),
                        r.getString(9),
                        new AudioTimes(
                            millis(r, 10),
                            millis(r, 11),
                            millis(r, 12),
                            turns(r, 13),
                            turns(r, 14))));
              }
            }
          }
          return rows;
        });
  }

  @Override
  public Usage usage(ClientId client, YearMonth period) {
    return tx.inTransaction(
        "read usage",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "select total_calls, total_seconds, human_answers, voicemails_dropped"
                      + " from client_usage where client_id = ? and period = ?")) {
            s.setString(1, client.value());
            s.setString(2, period.toString());
            try (ResultSet r = s.executeQuery()) {
              if (!r.next()) {
                return new Usage(0, 0, 0, 0);
              }
              return new Usage(r.getInt(1), r.getDouble(2), r.getInt(3), r.getInt(4));
            }
          }
        });
  }

  // --- plumbing ---

  @FunctionalInterface
  private interface Row<T> {
    T read(ResultSet r) throws SQLException;
  }

  private static void lock(Connection c, CampaignId campaign) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("select id from campaign where id = ? for update")) {
      s.setString(1, campaign.value());
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new IllegalArgumentException("no campaign " + campaign.value());
        }
      }
    }
  }

  private String contactColumn(long contact, String column) {
    return query("select " + column + " from contact where id = ?", r -> r.getString(1), contact);
  }

  /** The first row's value; the row must exist. */
  private <T> T query(String sql, Row<T> row, Object... parameters) {
    return tx.inTransaction(
        "read a fact",
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, parameters);
            try (ResultSet r = s.executeQuery()) {
              if (!r.next()) {
                throw new IllegalArgumentException("no row for " + sql);
              }
              return row.read(r);
            }
          }
        });
  }

  private void update(String sql, Object... parameters) {
    tx.inTransaction(
        "write a fixture",
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, parameters);
            return s.executeUpdate();
          }
        });
  }

  private static void bind(PreparedStatement s, Object... parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      s.setObject(i + 1, parameters[i]);
    }
  }

  private static Timestamp stamp(Instant instant) {
    return Timestamp.from(instant);
  }

  private static Instant instant(ResultSet r, int column) throws SQLException {
    OffsetDateTime value = r.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static Optional<Integer> millis(ResultSet r, int column) throws SQLException {
    int value = r.getInt(column);
    return r.wasNull() ? Optional.empty() : Optional.of(value);
  }

  private static List<Integer> turns(ResultSet r, int column) throws SQLException {
    java.sql.Array array = r.getArray(column);
    return array == null ? List.of() : List.of((Integer[]) array.getArray());
  }
}
