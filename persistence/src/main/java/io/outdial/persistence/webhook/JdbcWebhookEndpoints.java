package io.outdial.persistence.webhook;

import io.outdial.core.id.ClientId;
import io.outdial.core.id.WebhookId;
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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** {@link WebhookEndpoints} in PostgreSQL. */
public final class JdbcWebhookEndpoints implements WebhookEndpoints {
  static final String COLUMNS =
      "id, client_id, url, description, event_types, status, disabled_reason, last_error,"
          + " verified_at, failing_since, previous_secret_until, created_at, updated_at";

  private final Transactor tx;

  public JdbcWebhookEndpoints(Transactor tx) {
    this.tx = tx;
  }

  @Override
  public Optional<WebhookEndpoint> create(NewEndpoint e, int max, Instant now) {
    return tx.inTransaction(
        "create a webhook endpoint",
        c -> {
          // one client's creates queue here until the one ahead commits; the count is a statement
          // of its own, so its snapshot is taken after the lock and sees what that one made
          try (PreparedStatement s =
              c.prepareStatement(
                  "select pg_advisory_xact_lock(hashtextextended('webhook_endpoint:' || ?, 0))")) {
            s.setString(1, e.client().value());
            s.executeQuery().close();
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "select count(*) from webhook_endpoint where client_id = ?"
                      + " and deleted_at is null")) {
            s.setString(1, e.client().value());
            try (ResultSet r = s.executeQuery()) {
              r.next();
              if (r.getLong(1) >= max) {
                return Optional.empty();
              }
            }
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into webhook_endpoint (id, client_id, url, description, event_types,"
                      + " secret, status, next_verification_at, created_at, updated_at)"
                      + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, e.id().value());
            s.setString(2, e.client().value());
            s.setString(3, e.url());
            s.setString(4, e.description().orElse(null));
            s.setArray(5, types(c, e.eventTypes()));
            s.setString(6, e.secret().wire());
            s.setString(7, EndpointStatus.PENDING_VERIFICATION.wireName());
            Rows.set(s, 8, now);
            Rows.set(s, 9, now);
            Rows.set(s, 10, now);
            s.executeUpdate();
          }
          return read(c, e.client(), e.id(), false);
        });
  }

  @Override
  public Page<WebhookEndpoint> list(ClientId client, int limit, int offset) {
    return tx.inTransaction(
        "list webhook endpoints",
        c -> {
          List<WebhookEndpoint> items = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "select "
                      + COLUMNS
                      + " from webhook_endpoint where client_id = ? and deleted_at is null"
                      + " order by created_at, id limit ? offset ?")) {
            s.setString(1, client.value());
            s.setInt(2, limit);
            s.setInt(3, offset);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                items.add(endpoint(r));
              }
            }
          }
          long total;
          try (PreparedStatement s =
              c.prepareStatement(
                  "select count(*) from webhook_endpoint"
                      + " where client_id = ? and deleted_at is null")) {
            s.setString(1, client.value());
            try (ResultSet r = s.executeQuery()) {
              r.next();
              total = r.getLong(1);
            }
          }
          return new Page<>(items, total);
        });
  }

  @Override
  public Optional<WebhookEndpoint> find(ClientId client, WebhookId id) {
    return tx.inTransaction("read a webhook endpoint", c -> read(c, client, id, false));
  }

  @Override
  public Optional<WebhookEndpoint> update(
      ClientId client, WebhookId id, EndpointChange change, Instant now) {
    return tx.inTransaction(
        "update a webhook endpoint",
        c -> {
          Optional<WebhookEndpoint> found = read(c, client, id, true);
          if (found.isEmpty()) {
            return found;
          }
          WebhookEndpoint current = found.get();
          boolean moved = change.url().filter(u -> !u.equals(current.url())).isPresent();
          try (PreparedStatement s =
              c.prepareStatement(
                  "update webhook_endpoint set url = ?, description = ?, event_types = ?,"
                      + " updated_at = ?"
                      + (moved
                          ? ", status = case when status = "
                              + EndpointStatus.DISABLED.literal()
                              + " then status else "
                              + EndpointStatus.PENDING_VERIFICATION.literal()
                              + " end, verified_at = null, verification_attempts = 0,"
                              + " next_verification_at = ?, verification_claimed_until = null,"
                              + " failing_since = null, last_error = null"
                          : "")
                      + " where id = ?")) {
            s.setString(1, change.url().orElse(current.url()));
            s.setString(2, change.description().orElse(current.description()).orElse(null));
            s.setArray(3, types(c, change.eventTypes().orElse(current.eventTypes())));
            Rows.set(s, 4, now);
            int i = 5;
            if (moved) {
              Rows.set(s, i++, now);
            }
            s.setString(i, id.value());
            s.executeUpdate();
          }
          return read(c, client, id, false);
        });
  }

  @Override
  public boolean delete(ClientId client, WebhookId id, Instant now) {
    return tx.inTransaction(
        "delete a webhook endpoint",
        c -> {
          if (read(c, client, id, true).isEmpty()) {
            return false;
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "update webhook_endpoint set deleted_at = ?, updated_at = ? where id = ?")) {
            Rows.set(s, 1, now);
            Rows.set(s, 2, now);
            s.setString(3, id.value());
            s.executeUpdate();
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "update webhook_delivery set status = ?, next_attempt_at = null"
                      + " where endpoint_id = ? and status = "
                      + DeliveryStatus.PENDING.literal())) {
            s.setString(1, DeliveryStatus.CANCELLED.wireName());
            s.setString(2, id.value());
            s.executeUpdate();
          }
          return true;
        });
  }

  @Override
  public Optional<WebhookEndpoint> rotate(
      ClientId client, WebhookId id, SigningSecret next, Instant now, Duration overlap) {
    return tx.inTransaction(
        "rotate a webhook secret",
        c -> {
          if (read(c, client, id, true).isEmpty()) {
            return Optional.empty();
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "update webhook_endpoint set previous_secret = secret,"
                      + " previous_secret_until = ?, secret = ?, updated_at = ? where id = ?")) {
            Rows.set(s, 1, now.plus(overlap));
            s.setString(2, next.wire());
            Rows.set(s, 3, now);
            s.setString(4, id.value());
            s.executeUpdate();
          }
          return read(c, client, id, false);
        });
  }

  @Override
  public Optional<WebhookEndpoint> enable(ClientId client, WebhookId id, Instant now) {
    return tx.inTransaction(
        "enable a webhook endpoint",
        c -> {
          Optional<WebhookEndpoint> found = read(c, client, id, true);
          if (found.isEmpty()) {
            return found;
          }
          WebhookEndpoint e = found.get();
          if (e.status() == EndpointStatus.ACTIVE) {
            return found;
          }
          boolean verified = e.verifiedAt().isPresent();
          try (PreparedStatement s =
              c.prepareStatement(
                  "update webhook_endpoint set status = ?, disabled_reason = null,"
                      + " failing_since = null, verification_attempts = case when ? then"
                      + " verification_attempts else 0 end, next_verification_at = ?,"
                      + " verification_claimed_until = null, updated_at = ? where id = ?")) {
            s.setString(
                1,
                (verified ? EndpointStatus.ACTIVE : EndpointStatus.PENDING_VERIFICATION)
                    .wireName());
            s.setBoolean(2, verified);
            Rows.set(s, 3, verified ? null : now);
            Rows.set(s, 4, now);
            s.setString(5, id.value());
            s.executeUpdate();
          }
          // what waited for the endpoint is due now, in its order
          try (PreparedStatement s =
              c.prepareStatement(
                  "update webhook_delivery set next_attempt_at = ? where endpoint_id = ?"
                      + " and status = "
                      + DeliveryStatus.PENDING.literal()
                      + " and next_attempt_at > ?")) {
            Rows.set(s, 1, now);
            s.setString(2, id.value());
            Rows.set(s, 3, now);
            s.executeUpdate();
          }
          return read(c, client, id, false);
        });
  }

  @Override
  public Optional<WebhookEndpoint> disable(ClientId client, WebhookId id, Instant now) {
    return tx.inTransaction(
        "disable a webhook endpoint",
        c -> {
          if (read(c, client, id, true).isEmpty()) {
            return Optional.empty();
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "update webhook_endpoint set status = ?, disabled_reason = ?, updated_at = ?"
                      + " where id = ?")) {
            s.setString(1, EndpointStatus.DISABLED.wireName());
            s.setString(2, DisabledReason.REQUESTED.wireName());
            Rows.set(s, 3, now);
            s.setString(4, id.value());
            s.executeUpdate();
          }
          return read(c, client, id, false);
        });
  }

  private static Optional<WebhookEndpoint> read(
      Connection c, ClientId client, WebhookId id, boolean lock) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select "
                + COLUMNS
                + " from webhook_endpoint where id = ? and client_id = ? and deleted_at is null"
                + (lock ? " for no key update" : ""))) {
      s.setString(1, id.value());
      s.setString(2, client.value());
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(endpoint(r)) : Optional.empty();
      }
    }
  }

  static WebhookEndpoint endpoint(ResultSet r) throws SQLException {
    String[] types = (String[]) r.getArray("event_types").getArray();
    return new WebhookEndpoint(
        new WebhookId(r.getString("id")),
        ClientId.of(r.getString("client_id")),
        r.getString("url"),
        Optional.ofNullable(r.getString("description")),
        Arrays.stream(types).map(t -> EventType.fromWire(t).orElseThrow()).toList(),
        EndpointStatus.fromWire(r.getString("status")).orElseThrow(),
        Optional.ofNullable(r.getString("disabled_reason")).flatMap(DisabledReason::fromWire),
        Optional.ofNullable(r.getString("last_error")),
        Rows.instant(r, "verified_at"),
        Rows.instant(r, "failing_since"),
        Rows.instant(r, "previous_secret_until"),
        Rows.instant(r, "created_at").orElseThrow(),
        Rows.instant(r, "updated_at").orElseThrow());
  }

  private static java.sql.Array types(Connection c, List<EventType> types) throws SQLException {
    return c.createArrayOf("text", types.stream().map(EventType::wireName).toArray());
  }
}
