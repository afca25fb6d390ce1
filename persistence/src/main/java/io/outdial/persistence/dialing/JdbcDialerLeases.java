package io.outdial.persistence.dialing;

import io.outdial.core.call.EndReason;
import io.outdial.core.call.ErrorReason;
import io.outdial.core.contact.Disposition;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.dialing.DialRules;
import io.outdial.core.id.CallId;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.persistence.campaign.CallingColumns;
import io.outdial.persistence.campaign.RetryColumns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** {@link DialerLeases} on PostgreSQL: one heartbeat row per server in {@code dialer_server}. */
public final class JdbcDialerLeases implements DialerLeases {
  /**
   * Open calls whose server's heartbeat is older than the lease (parameter 1, ms) or that are older
   * than any call can be (parameter 2, ms), by the database's clock.
   */
  private static final String LOST =
      " where c.ended_at is null and (not exists (select 1 from dialer_server s"
          + " where s.id = c.server_id and s.heartbeat_at > now() - ? * interval '1 millisecond')"
          + " or c.started_at < now() - ? * interval '1 millisecond')";

  private final Transactor tx;

  public JdbcDialerLeases(Transactor tx) {
    this.tx = Objects.requireNonNull(tx, "tx");
  }

  @Override
  public void heartbeat(String serverId, String host) {
    tx.inTransaction(
        "renew the dialer lease",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into dialer_server (id, host, started_at, heartbeat_at)"
                      + " values (?, ?, now(), now())"
                      + " on conflict (id) do update set heartbeat_at = now()")) {
            s.setString(1, serverId);
            s.setString(2, host);
            return s.executeUpdate();
          }
        });
  }

  @Override
  public void expire(String serverId) {
    tx.inTransaction(
        "give up the dialer lease",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update dialer_server set heartbeat_at = '-infinity' where id = ?")) {
            s.setString(1, serverId);
            return s.executeUpdate();
          }
        });
  }

  @Override
  public Set<CallId> endsRequested(String serverId) {
    return tx.inTransaction(
        "read requests to end calls",
        c -> {
          Set<CallId> ends = new HashSet<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "select id from call where server_id = ? and end_requested_at is not null"
                      + " and ended_at is null")) {
            s.setString(1, serverId);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                ends.add(CallId.parse(r.getString(1)));
              }
            }
          }
          return ends;
        });
  }

  @Override
  public int reclaim(Duration lease, Duration maxAge, int limit, Instant now, DialRules rules) {
    return tx.inTransaction(
        "reclaim lost calls",
        c -> {
          Sql.lockTimeout(c, JdbcCallOutcomes.LOCK_TIMEOUT);
          // lock order: the campaigns of the lost calls first, then those calls
          Set<CampaignId> campaigns = new HashSet<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "select distinct campaign_id from (select c.campaign_id from call c"
                      + LOST
                      + " limit ?) l")) {
            s.setLong(1, lease.toMillis());
            s.setLong(2, maxAge.toMillis());
            s.setInt(3, limit);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                campaigns.add(CampaignId.parse(r.getString(1)));
              }
            }
          }
          List<CallResult> lost = new ArrayList<>();
          // the usual case, four times per lease on every server: nothing lost, one query
          if (!campaigns.isEmpty()) {
            Sql.lockCampaigns(c, campaigns);
            lost = lostCalls(c, campaigns, lease, maxAge, limit, now, rules);
          }
          int closed = lost.isEmpty() ? 0 : OutcomeStatements.write(c, lost, now);
          try (PreparedStatement s =
              c.prepareStatement(
                  "delete from dialer_server s where s.heartbeat_at < now() - ? * interval"
                      + " '1 millisecond' and not exists (select 1 from call c"
                      + " where c.server_id = s.id and c.ended_at is null)")) {
            s.setLong(1, lease.toMillis());
            s.executeUpdate();
          }
          return closed;
        });
  }

  /** The lost calls of these (locked) campaigns, locked, as the results that close them. */
  private static List<CallResult> lostCalls(
      Connection c,
      Set<CampaignId> campaigns,
      Duration lease,
      Duration maxAge,
      int limit,
      Instant now,
      DialRules rules)
      throws SQLException {
    List<CallResult> lost = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select c.id, c.campaign_id, c.client_id, c.contact_id, t.phone, c.attempt,"
                + " c.started_at, c.started_at < now() - ? * interval '1 millisecond',"
                + " k.retry_max_attempts, k.retry_statuses, k.retry_delay_seconds,"
                + " k.retry_backoff, k.calling_start_minute, k.calling_end_minute,"
                + " k.calling_days, k.max_attempts_per_number_per_day"
                + " from call c join contact t on t.id = c.contact_id"
                + " join campaign k on k.id = c.campaign_id"
                + LOST
                + " and c.campaign_id = any(?) limit ? for update of c skip locked")) {
      s.setLong(1, maxAge.toMillis());
      s.setLong(2, lease.toMillis());
      s.setLong(3, maxAge.toMillis());
      s.setArray(4, Sql.campaigns(c, campaigns));
      s.setInt(5, limit);
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
                  Optional.of(r.getBoolean(8) ? ErrorReason.STALE : ErrorReason.SERVER_LOST),
                  Optional.empty(),
                  EndReason.SERVER_LOST,
                  Optional.empty(),
                  false,
                  false,
                  // the campaign's own retry policy and hours, as its outcomes would have used
                  rules
                      .forCampaign(
                          RetryColumns.read(
                              (Integer) r.getObject(9),
                              r.getString(10),
                              (Integer) r.getObject(11),
                              r.getString(12)),
                          CallingColumns.read(
                              (Integer) r.getObject(13),
                              (Integer) r.getObject(14),
                              r.getString(15),
                              (Integer) r.getObject(16)))
                      .retryLostAt(phone, attempt, ended),
                  AudioTimes.NONE));
        }
      }
    }
    return lost;
  }
}
