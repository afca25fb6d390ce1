package io.outdial.persistence.webhook;

import io.outdial.core.id.ClientId;
import io.outdial.core.id.WebhookId;
import io.outdial.core.webhook.AttemptVerdict;
import io.outdial.core.webhook.DeliveryStatus;
import io.outdial.core.webhook.DisabledReason;
import io.outdial.core.webhook.EndpointStatus;
import io.outdial.core.webhook.EventType;
import io.outdial.core.webhook.SigningSecret;
import io.outdial.persistence.campaign.Page;
import io.outdial.persistence.dialing.Transactor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/** {@link WebhookDeliveries} in PostgreSQL. */
public final class JdbcWebhookDeliveries implements WebhookDeliveries {
  private static final String PENDING = DeliveryStatus.PENDING.literal();

  /** The most events one claim expands into deliveries before it claims. */
  static final int EXPANSION_BATCH = 2_000;

  private static final String CLAIM =
      "with due as (select d.seq from webhook_delivery d"
          + " join webhook_endpoint w on w.id = d.endpoint_id"
          + " where d.status = "
          + PENDING
          + " and d.next_attempt_at <= ? and (d.claimed_until is null or d.claimed_until < ?)"
          + " and w.status = "
          + EndpointStatus.ACTIVE.literal()
          + " and w.deleted_at is null"
          // the oldest pending delivery of its subject to its endpoint; a correlated subquery,
          // so it is always one probe of webhook_delivery_ordered per candidate (as an anti-join
          // it could be planned as a scan of all the endpoint's pending entries per candidate)
          + " and d.seq = (select p.seq from webhook_delivery p where p.endpoint_id = d.endpoint_id"
          + " and p.subject = d.subject and p.status = "
          + PENDING
          + " order by p.seq limit 1) order by d.next_attempt_at, d.seq limit ?"
          + " for update of d skip locked)"
          + " update webhook_delivery d set claimed_by = ?, claimed_until = ? from due,"
          + " webhook_endpoint w where d.seq = due.seq and w.id = d.endpoint_id"
          + " returning d.seq, d.id, d.event_id, d.endpoint_id, d.attempts, w.url, w.secret,"
          + " w.previous_secret, w.previous_secret_until";

  /**
   * The transaction-level advisory lock of the purge: held alone by the one server purging, shared
   * by replays (which copy a delivery the purge could be removing with its event).
   */
  static final long PURGE_LOCK = 0x6f75746469616c02L;

  private static final String PURGE_DELIVERIES =
      "with old as (select seq from webhook_delivery where status <> "
          + PENDING
          + " and coalesce(last_attempt_at, created_at) < ? order by seq limit ?)"
          + " delete from webhook_delivery d using old where d.seq = old.seq";

  // events are only ever expanded once (unexpanded is null after), and an expanded event gets no
  // new delivery but a replay's, which the lock keeps out
  private static final String PURGE_EVENTS =
      "with old as (select e.id from webhook_event e where e.created_at < ?"
          + " and e.unexpanded is null and not exists (select 1 from webhook_delivery d"
          + " where d.event_id = e.id) order by e.id limit ?)"
          + " delete from webhook_event x using old where x.id = old.id";

  private static final String LOG_COLUMNS =
      "d.id, d.event_id, e.type, d.status, d.attempts, d.last_status_code, d.last_latency_ms,"
          + " d.last_error, d.last_attempt_at, d.next_attempt_at, d.created_at, d.delivered_at";

  private final Transactor tx;

  public JdbcWebhookDeliveries(Transactor tx) {
    this.tx = tx;
  }

  private record Claimed(
      long seq, String id, String eventId, String endpointId, int attempts, Target target) {}

  private record Target(String url, List<SigningSecret> secrets) {}

  @Override
  public List<DueDelivery> claim(String sender, Instant now, int max, Duration hold) {
    return tx.inTransaction(
        "claim webhook deliveries",
        c -> {
          // The claim must walk webhook_delivery_due in its order and stop at the limit, whatever
          // the statistics say. The outbox grows from nothing to thousands in seconds, long before
          // the table is analysed again, and a plan made for a near-empty table (a cached generic
          // one, or a fresh one on stale statistics) scanned and sorted the whole backlog, probing
          // each entry: 370 ms of the database's CPU per claim at 40 000 pending. Without sorts
          // and sequential scans the planner has only the ordered walk (under 1 ms).
          try (PreparedStatement s =
              c.prepareStatement(
                  "select set_config('enable_sort', 'off', true),"
                      + " set_config('enable_seqscan', 'off', true)")) {
            s.executeQuery().close();
          }
          // the events written since the last claim become deliveries first (the same walk in id
          // order on the unexpanded events' index, whatever the statistics say)
          Outbox.expand(c, EXPANSION_BATCH);
          List<Claimed> claimed = new ArrayList<>();
          try (PreparedStatement s = c.prepareStatement(CLAIM)) {
            Rows.set(s, 1, now);
            Rows.set(s, 2, now);
            s.setInt(3, max);
            s.setString(4, sender);
            Rows.set(s, 5, now.plus(hold));
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                claimed.add(
                    new Claimed(
                        r.getLong(1),
                        r.getString(2),
                        r.getString(3),
                        r.getString(4),
                        r.getInt(5),
                        new Target(r.getString("url"), secrets(r, now))));
              }
            }
          }
          if (claimed.isEmpty()) {
            return List.of();
          }
          claimed.sort(Comparator.comparingLong(Claimed::seq));
          Map<String, String> bodies = bodies(c, claimed.stream().map(Claimed::eventId).toList());
          List<DueDelivery> due = new ArrayList<>();
          List<Long> unrenderable = new ArrayList<>();
          for (Claimed k : claimed) {
            String body = bodies.get(k.eventId());
            Target target = k.target();
            if (body == null) {
              unrenderable.add(k.seq());
              continue;
            }
            due.add(
                new DueDelivery(
                    k.seq(),
                    k.id(),
                    k.eventId(),
                    new WebhookId(k.endpointId()),
                    target.url(),
                    target.secrets(),
                    body,
                    k.attempts()));
          }
          if (!unrenderable.isEmpty()) {
            try (PreparedStatement s =
                c.prepareStatement(
                    "update webhook_delivery set status = ?, next_attempt_at = null,"
                        + " claimed_by = null, claimed_until = null, last_error = ?"
                        + " where seq = any(?)")) {
              s.setString(1, DeliveryStatus.CANCELLED.wireName());
              s.setString(2, "the call was given back before it was placed");
              s.setArray(2 + 1, c.createArrayOf("int8", unrenderable.toArray()));
              s.executeUpdate();
            }
          }
          return due;
        });
  }

  /** The events' bodies, rendering (and keeping) those not rendered yet. */
  private static Map<String, String> bodies(Connection c, List<String> eventIds)
      throws SQLException {
    Map<String, String> bodies = new HashMap<>();
    List<EventPayloads.Pending> unrendered = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select id, type, subject, data::text, payload, created_at from webhook_event"
                + " where id = any(?)")) {
      s.setArray(1, c.createArrayOf("varchar", eventIds.stream().distinct().toArray()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String payload = r.getString(5);
          if (payload != null) {
            bodies.put(r.getString(1), payload);
          } else {
            unrendered.add(
                new EventPayloads.Pending(
                    r.getString(1),
                    EventType.fromWire(r.getString(2)).orElseThrow(),
                    r.getString(3),
                    r.getString(4),
                    Rows.instant(r, "created_at").orElseThrow()));
          }
        }
      }
    }
    if (unrendered.isEmpty()) {
      return bodies;
    }
    Map<String, String> rendered = EventPayloads.render(c, unrendered);
    if (rendered.isEmpty()) {
      return bodies;
    }
    // another server may have rendered one meanwhile: the first body kept is the one sent
    try (PreparedStatement s =
        c.prepareStatement(
            "update webhook_event e set payload = coalesce(e.payload, r.payload)"
                + " from unnest(?::varchar[], ?::text[]) as r(id, payload) where e.id = r.id"
                + " returning e.id, e.payload")) {
      s.setArray(1, c.createArrayOf("varchar", rendered.keySet().toArray()));
      s.setArray(2, c.createArrayOf("text", rendered.values().toArray()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          bodies.put(r.getString(1), r.getString(2));
        }
      }
    }
    return bodies;
  }

  /** The current secret, and the previous one while it still signs. */
  private static List<SigningSecret> secrets(ResultSet r, Instant now) throws SQLException {
    List<SigningSecret> secrets = new ArrayList<>(2);
    secrets.add(SigningSecret.parse(r.getString("secret")));
    String previous = r.getString("previous_secret");
    Optional<Instant> until = Rows.instant(r, "previous_secret_until");
    if (previous != null && until.isPresent() && until.get().isAfter(now)) {
      secrets.add(SigningSecret.parse(previous));
    }
    return secrets;
  }

  @Override
  public void record(List<AttemptRecord> attempts, Instant now, Duration disableAfter) {
    if (attempts.isEmpty()) {
      return;
    }
    tx.inTransaction(
        "record webhook attempts",
        c -> {
          // endpoints first, in id order: the order the API's changes lock them in too
          Map<String, List<AttemptRecord>> byEndpoint = new TreeMap<>();
          attempts.forEach(
              a -> byEndpoint.computeIfAbsent(a.endpoint().value(), k -> new ArrayList<>()).add(a));
          for (var entry : byEndpoint.entrySet()) {
            endpointHealth(c, entry.getKey(), entry.getValue(), now, disableAfter);
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "update webhook_delivery set status = ?, attempts = attempts + 1,"
                      + " next_attempt_at = ?, claimed_until = null,"
                      + " last_attempt_at = ?, last_status_code = ?, last_latency_ms = ?,"
                      + " last_error = ?, delivered_at = ? where seq = ?")) {
            for (AttemptRecord a : attempts) {
              DeliveryStatus status;
              Instant next;
              switch (a.verdict()) {
                case DELIVERED -> {
                  status = DeliveryStatus.SUCCEEDED;
                  next = null;
                }
                // held until the endpoint is enabled again, then due at once
                case GONE -> {
                  status = DeliveryStatus.PENDING;
                  next = now;
                }
                default -> {
                  status = a.retryAt().isPresent() ? DeliveryStatus.PENDING : DeliveryStatus.FAILED;
                  next = a.retryAt().orElse(null);
                }
              }
              s.setString(1, status.wireName());
              Rows.set(s, 2, next);
              Rows.set(s, 3, now);
              if (a.status().isPresent()) {
                s.setInt(4, a.status().getAsInt());
              } else {
                s.setNull(4, java.sql.Types.INTEGER);
              }
              s.setInt(5, a.latencyMs());
              s.setString(6, a.error().map(JdbcWebhookDeliveries::clip).orElse(null));
              Rows.set(s, 7, status == DeliveryStatus.SUCCEEDED ? now : null);
              s.setLong(8, a.seq());
              s.addBatch();
            }
            s.executeBatch();
          }
          return null;
        });
  }

  /**
   * An endpoint that answered 2xx is healthy; one that answered 410 is disabled; one that failed
   * keeps the time its failures began and is disabled once they last longer than allowed.
   */
  private static void endpointHealth(
      Connection c, String endpoint, List<AttemptRecord> attempts, Instant now, Duration limit)
      throws SQLException {
    boolean gone = attempts.stream().anyMatch(a -> a.verdict() == AttemptVerdict.GONE);
    boolean delivered = attempts.stream().anyMatch(a -> a.verdict() == AttemptVerdict.DELIVERED);
    Optional<String> error =
        attempts.stream()
            .filter(a -> a.verdict() != AttemptVerdict.DELIVERED)
            .reduce((a, b) -> b)
            .flatMap(AttemptRecord::error);
    if (gone) {
      try (PreparedStatement s =
          c.prepareStatement(
              "update webhook_endpoint set status = ?, disabled_reason = ?, last_error = ?,"
                  + " updated_at = ? where id = ? and status = "
                  + EndpointStatus.ACTIVE.literal())) {
        s.setString(1, EndpointStatus.DISABLED.wireName());
        s.setString(2, DisabledReason.GONE.wireName());
        s.setString(3, clip(error.orElse("410 Gone")));
        Rows.set(s, 4, now);
        s.setString(5, endpoint);
        s.executeUpdate();
      }
    } else if (delivered) {
      try (PreparedStatement s =
          c.prepareStatement(
              "update webhook_endpoint set failing_since = null, last_error = null"
                  + " where id = ? and (failing_since is not null or last_error is not null)")) {
        s.setString(1, endpoint);
        s.executeUpdate();
      }
    } else {
      try (PreparedStatement s =
          c.prepareStatement(
              "update webhook_endpoint set failing_since = coalesce(failing_since, ?),"
                  + " last_error = ?, status = case when coalesce(failing_since, ?) < ? and"
                  + " status = "
                  + EndpointStatus.ACTIVE.literal()
                  + " then ? else status end,"
                  + " disabled_reason = case when coalesce(failing_since, ?) < ? and status = "
                  + EndpointStatus.ACTIVE.literal()
                  + " then ? else disabled_reason end where id = ?")) {
        Rows.set(s, 1, now);
        s.setString(2, clip(error.orElse("delivery failed")));
        Rows.set(s, 3, now);
        Rows.set(s, 4, now.minus(limit));
        s.setString(5, EndpointStatus.DISABLED.wireName());
        Rows.set(s, 6, now);
        Rows.set(s, 7, now.minus(limit));
        s.setString(8, DisabledReason.FAILING.wireName());
        s.setString(9, endpoint);
        s.executeUpdate();
      }
    }
  }

  @Override
  public List<VerificationTarget> claimVerifications(
      String sender, Instant now, int max, Duration hold) {
    return tx.inTransaction(
        "claim webhook verifications",
        c -> {
          List<VerificationTarget> targets = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "with due as (select id from webhook_endpoint where status = "
                      + EndpointStatus.PENDING_VERIFICATION.literal()
                      + " and deleted_at is null and next_verification_at <= ? and"
                      + " (verification_claimed_until is null or verification_claimed_until < ?)"
                      + " order by next_verification_at limit ? for no key update skip locked)"
                      + " update webhook_endpoint w set verification_claimed_until = ? from due"
                      + " where w.id = due.id returning w.id, w.url, w.secret,"
                      + " w.previous_secret, w.previous_secret_until, w.verification_attempts")) {
            Rows.set(s, 1, now);
            Rows.set(s, 2, now);
            s.setInt(3, max);
            Rows.set(s, 4, now.plus(hold));
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                targets.add(
                    new VerificationTarget(
                        new WebhookId(r.getString("id")),
                        r.getString("url"),
                        secrets(r, now),
                        r.getInt("verification_attempts")));
              }
            }
          }
          return targets;
        });
  }

  @Override
  public void recordVerification(
      VerificationTarget target,
      boolean verified,
      Optional<String> error,
      Optional<Instant> retryAt,
      Instant now) {
    tx.inTransaction(
        "record a webhook verification",
        c -> {
          // only for the URL that was challenged: a change meanwhile starts over
          String sql =
              verified
                  ? "update webhook_endpoint set status = ?, verified_at = ?, last_error = null,"
                      + " next_verification_at = null, verification_claimed_until = null,"
                      + " verification_attempts = verification_attempts + 1, updated_at = ?"
                      + " where id = ? and url = ? and status = "
                      + EndpointStatus.PENDING_VERIFICATION.literal()
                  : "update webhook_endpoint set status = ?, disabled_reason = ?, last_error = ?,"
                      + " next_verification_at = ?, verification_claimed_until = null,"
                      + " verification_attempts = verification_attempts + 1, updated_at = ?"
                      + " where id = ? and url = ? and status = "
                      + EndpointStatus.PENDING_VERIFICATION.literal();
          try (PreparedStatement s = c.prepareStatement(sql)) {
            if (verified) {
              s.setString(1, EndpointStatus.ACTIVE.wireName());
              Rows.set(s, 2, now);
              Rows.set(s, 3, now);
              s.setString(4, target.endpoint().value());
              s.setString(5, target.url());
            } else {
              boolean spent = retryAt.isEmpty();
              s.setString(
                  1,
                  (spent ? EndpointStatus.DISABLED : EndpointStatus.PENDING_VERIFICATION)
                      .wireName());
              s.setString(2, spent ? DisabledReason.VERIFICATION_FAILED.wireName() : null);
              s.setString(3, clip(error.orElse("verification failed")));
              Rows.set(s, 4, retryAt.orElse(null));
              Rows.set(s, 5, now);
              s.setString(6, target.endpoint().value());
              s.setString(7, target.url());
            }
            s.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<Page<DeliveryRecord>> log(
      ClientId client, WebhookId endpoint, Optional<DeliveryStatus> status, int limit, int offset) {
    return tx.inTransaction(
        "list webhook deliveries",
        c -> {
          if (!endpointExists(c, client, endpoint)) {
            return Optional.empty();
          }
          String filter = status.isPresent() ? " and d.status = ?" : "";
          List<DeliveryRecord> items = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "select "
                      + LOG_COLUMNS
                      + " from webhook_delivery d join webhook_event e on e.id = d.event_id"
                      + " where d.endpoint_id = ? and d.client_id = ?"
                      + filter
                      + " order by d.seq desc limit ? offset ?")) {
            int i = 1;
            s.setString(i++, endpoint.value());
            s.setString(i++, client.value());
            if (status.isPresent()) {
              s.setString(i++, status.get().wireName());
            }
            s.setInt(i++, limit);
            s.setInt(i, offset);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                items.add(delivery(r));
              }
            }
          }
          long total;
          try (PreparedStatement s =
              c.prepareStatement(
                  "select count(*) from webhook_delivery d where d.endpoint_id = ?"
                      + " and d.client_id = ?"
                      + filter)) {
            s.setString(1, endpoint.value());
            s.setString(2, client.value());
            if (status.isPresent()) {
              s.setString(3, status.get().wireName());
            }
            try (ResultSet r = s.executeQuery()) {
              r.next();
              total = r.getLong(1);
            }
          }
          return Optional.of(new Page<>(items, total));
        });
  }

  @Override
  public Purged purge(Instant before, int max) {
    return tx.inTransaction(
        "purge the webhook delivery log",
        c -> {
          try (PreparedStatement s = c.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            s.setLong(1, PURGE_LOCK);
            try (ResultSet r = s.executeQuery()) {
              r.next();
              if (!r.getBoolean(1)) {
                return Purged.SKIPPED;
              }
            }
          }
          int deliveries;
          try (PreparedStatement s = c.prepareStatement(PURGE_DELIVERIES)) {
            Rows.set(s, 1, before);
            s.setInt(2, max);
            deliveries = s.executeUpdate();
          }
          int events;
          try (PreparedStatement s = c.prepareStatement(PURGE_EVENTS)) {
            Rows.set(s, 1, before);
            s.setInt(2, max);
            events = s.executeUpdate();
          }
          return new Purged(deliveries, events, false);
        });
  }

  @Override
  public Replay replay(ClientId client, WebhookId endpoint, String deliveryId, Instant now) {
    return tx.inTransaction(
        "replay a webhook delivery",
        c -> {
          try (PreparedStatement s = c.prepareStatement("select pg_advisory_xact_lock_shared(?)")) {
            s.setLong(1, PURGE_LOCK);
            s.executeQuery().close();
          }
          Optional<EndpointStatus> status = endpointStatus(c, client, endpoint);
          if (status.isEmpty()) {
            return new Replay.NotFound();
          }
          if (status.get() != EndpointStatus.ACTIVE) {
            return new Replay.EndpointNotActive(status.get());
          }
          String id = "dlv_" + java.util.UUID.randomUUID().toString().replace("-", "");
          int made;
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into webhook_delivery (id, event_id, endpoint_id, client_id, subject,"
                      + " status, next_attempt_at, created_at) select ?, d.event_id,"
                      + " d.endpoint_id, d.client_id, d.subject, ?, ?, ? from webhook_delivery d"
                      + " where d.id = ? and d.endpoint_id = ? and d.client_id = ?")) {
            s.setString(1, id);
            s.setString(2, DeliveryStatus.PENDING.wireName());
            Rows.set(s, 3, now);
            Rows.set(s, 4, now);
            s.setString(5, deliveryId);
            s.setString(6, endpoint.value());
            s.setString(7, client.value());
            made = s.executeUpdate();
          }
          if (made == 0) {
            return new Replay.NotFound();
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "select "
                      + LOG_COLUMNS
                      + " from webhook_delivery d join webhook_event e on e.id = d.event_id"
                      + " where d.id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
              r.next();
              return new Replay.Queued(delivery(r));
            }
          }
        });
  }

  private static boolean endpointExists(Connection c, ClientId client, WebhookId endpoint)
      throws SQLException {
    return endpointStatus(c, client, endpoint).isPresent();
  }

  private static Optional<EndpointStatus> endpointStatus(
      Connection c, ClientId client, WebhookId endpoint) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select status from webhook_endpoint where id = ? and client_id = ?"
                + " and deleted_at is null")) {
      s.setString(1, endpoint.value());
      s.setString(2, client.value());
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? EndpointStatus.fromWire(r.getString(1)) : Optional.empty();
      }
    }
  }

  private static DeliveryRecord delivery(ResultSet r) throws SQLException {
    return new DeliveryRecord(
        r.getString(1),
        r.getString(2),
        r.getString(3),
        DeliveryStatus.fromWire(r.getString(4)).orElseThrow(),
        r.getInt(5),
        optionalInt(r, 6),
        optionalInt(r, 7),
        Optional.ofNullable(r.getString(8)),
        Rows.instant(r, "last_attempt_at"),
        Rows.instant(r, "next_attempt_at"),
        Rows.instant(r, "created_at").orElseThrow(),
        Rows.instant(r, "delivered_at"));
  }

  private static OptionalInt optionalInt(ResultSet r, int column) throws SQLException {
    int value = r.getInt(column);
    return r.wasNull() ? OptionalInt.empty() : OptionalInt.of(value);
  }

  private static String clip(String text) {
    return text.length() <= 500 ? text : text.substring(0, 497) + "...";
  }
}
