package io.outdial.persistence.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outdial.core.campaign.CampaignStatus;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.core.webhook.DeliveryStatus;
import io.outdial.core.webhook.EndpointStatus;
import io.outdial.core.webhook.EventType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Writes events into the outbox in the caller's transaction: an event is stored exactly when the
 * change it reports is committed, and never for one that rolled back. One statement per batch
 * stores the events of the clients that have an endpoint subscribed to the type (nothing at all for
 * the others), marked unexpanded. The senders {@link #expand expand} them into a delivery per
 * subscribed endpoint that is not disabled, in their own transactions, so that the transactions of
 * the dialer (a claim, a call's end) write one row and two index entries per event. Bodies are
 * rendered at the first delivery ({@link EventPayloads}).
 */
public final class Outbox {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String SUBSCRIBED =
      " w.client_id = %1$s.client_id and w.deleted_at is null and w.status <> "
          + EndpointStatus.DISABLED.literal()
          + " and %2$s = any(w.event_types)";

  /**
   * 32 hex digits that sort by creation: the microseconds since the epoch, then 72 random bits. Ids
   * that grow with time land at the right edge of their unique index instead of at a random page of
   * it, which costs every call's transaction fewer page writes (and fewer full-page images in the
   * write-ahead log after each checkpoint). Any PostgreSQL from 13 on.
   */
  static final String TIME_ORDERED_HEX =
      "lpad(to_hex((extract(epoch from clock_timestamp()) * 1000000)::bigint), 14, '0')"
          + " || substr(replace(gen_random_uuid()::text, '-', ''), 1, 18)";

  private static final String EMIT =
      "insert into webhook_event (id, client_id, type, subject, data, created_at, unexpanded)"
          + " select 'evt_' || "
          + TIME_ORDERED_HEX
          + ", u.client_id, ?, u.subject, u.data::jsonb, ?, true"
          + " from unnest(?::varchar[], ?::varchar[], ?::text[]) as u(client_id, subject, data)"
          + " where exists (select 1 from webhook_endpoint w where"
          + SUBSCRIBED.formatted("u", "?")
          + ")";

  /**
   * The oldest unexpanded events (in id order, which is the order of their writes: ids grow with
   * the database's clock) get a delivery per endpoint subscribed to their type, not disabled, and
   * made before the event; delivery {@code seq} follows the event order, so each endpoint gets a
   * call's events in order.
   */
  private static final String EXPAND =
      "with e as (select id, client_id, type, subject, created_at from webhook_event"
          + " where unexpanded order by id limit ? for update),"
          + " d as (insert into webhook_delivery (id, event_id, endpoint_id, client_id, subject,"
          + " status, next_attempt_at, created_at)"
          + " select 'dlv_' || "
          + TIME_ORDERED_HEX
          + ", e.id, w.id, e.client_id, e.subject, "
          + DeliveryStatus.PENDING.literal()
          + ", e.created_at, e.created_at from e join webhook_endpoint w on"
          + SUBSCRIBED.formatted("e", "e.type")
          + " and w.created_at <= e.created_at order by e.id, w.id)"
          + " update webhook_event x set unexpanded = null from e where x.id = e.id";

  /** The transaction-level advisory lock that lets one sender at a time expand events. */
  static final long EXPANSION_LOCK = 0x6f75746469616c01L;

  private Outbox() {}

  /**
   * One event to write: about {@code subject} (a call, campaign or job id, which also orders the
   * deliveries), with the data known only now ({@code null} when the body is rendered from the
   * subject's rows).
   */
  public record Event(ClientId client, String subject, String data) {}

  /** A campaign's move from one status to another. */
  public record StatusChange(
      CampaignId campaign, ClientId client, Optional<CampaignStatus> from, CampaignStatus to) {}

  /**
   * Writes events of one type.
   *
   * @return how many events were written (those of clients with an endpoint for the type)
   */
  public static int emit(Connection c, EventType type, Collection<Event> events, Instant at)
      throws SQLException {
    if (events.isEmpty()) {
      return 0;
    }
    try (PreparedStatement s = c.prepareStatement(EMIT)) {
      s.setString(1, type.wireName());
      Rows.set(s, 2, at);
      s.setArray(
          3, c.createArrayOf("varchar", events.stream().map(e -> e.client().value()).toArray()));
      s.setArray(4, c.createArrayOf("varchar", events.stream().map(Event::subject).toArray()));
      s.setArray(5, c.createArrayOf("text", events.stream().map(Event::data).toArray()));
      s.setString(6, type.wireName());
      return s.executeUpdate();
    }
  }

  /**
   * Expands up to {@code max} of the oldest unexpanded events into their deliveries, in the
   * caller's transaction, unless another transaction is expanding (one at a time keeps delivery
   * order per subject across servers: it is skipped, not waited for).
   *
   * @return how many events were expanded (0 when another transaction holds the expansion)
   */
  public static int expand(Connection c, int max) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
      s.setLong(1, EXPANSION_LOCK);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next() || !r.getBoolean(1)) {
          return 0;
        }
      }
    }
    try (PreparedStatement s = c.prepareStatement(EXPAND)) {
      s.setInt(1, max);
      return s.executeUpdate();
    }
  }

  /** Writes a {@code campaign.status_changed} event per change. */
  public static void statusChanged(Connection c, List<StatusChange> changes, Instant at)
      throws SQLException {
    statusChanged(c, changes, at, Optional.empty());
  }

  /**
   * Writes a {@code campaign.status_changed} event per change, with {@code reason} (why the server
   * itself changed it, e.g. {@code abandonment_rate_exceeded}) when given.
   */
  public static void statusChanged(
      Connection c, List<StatusChange> changes, Instant at, Optional<String> reason)
      throws SQLException {
    emit(
        c,
        EventType.CAMPAIGN_STATUS_CHANGED,
        changes.stream()
            .filter(ch -> ch.from().map(f -> f != ch.to()).orElse(true))
            .map(
                ch -> {
                  ObjectNode data = JSON.createObjectNode();
                  data.put("campaign_id", ch.campaign().value());
                  data.put("previous_status", ch.from().map(CampaignStatus::wireName).orElse(null));
                  data.put("status", ch.to().wireName());
                  data.put("changed_at", at.toString());
                  reason.ifPresent(r -> data.put("reason", r));
                  return new Event(ch.client(), ch.campaign().value(), data.toString());
                })
            .toList(),
        at);
  }

  /**
   * Withdraws the {@code call.started} deliveries of calls that were given back unplaced, unless a
   * sender has already taken them.
   */
  public static void withdrawStarts(Connection c, Collection<String> callIds) throws SQLException {
    if (callIds.isEmpty()) {
      return;
    }
    // not expanded yet: it never will be (first, so that an expansion this waits for has made
    // its deliveries visible to the next statement, which withdraws them)
    try (PreparedStatement s =
        c.prepareStatement(
            "update webhook_event set unexpanded = null where unexpanded and subject = any(?)"
                + " and type = ?")) {
      s.setArray(1, c.createArrayOf("varchar", callIds.toArray()));
      s.setString(2, EventType.CALL_STARTED.wireName());
      s.executeUpdate();
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "update webhook_delivery d set status = ?, next_attempt_at = null"
                + " where d.subject = any(?) and d.status = "
                + DeliveryStatus.PENDING.literal()
                + " and d.attempts = 0 and d.claimed_until is null and exists (select 1"
                + " from webhook_event e where e.id = d.event_id and e.type = ?)")) {
      s.setString(1, DeliveryStatus.CANCELLED.wireName());
      s.setArray(2, c.createArrayOf("varchar", callIds.toArray()));
      s.setString(3, EventType.CALL_STARTED.wireName());
      s.executeUpdate();
    }
  }
}
