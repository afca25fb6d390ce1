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
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Writes events into the outbox in the caller's transaction: an event is stored exactly when the
 * change it reports is committed, and never for one that rolled back. One statement per batch
 * stores the events of the clients that have an endpoint subscribed to the type (nothing at all for
 * the others) and a delivery per event and subscribed endpoint that is not disabled. Bodies are
 * rendered at the first delivery ({@link EventPayloads}), so writing an event costs the transaction
 * of a call's end little more than one index probe.
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
      "with u as (select * from unnest(?::varchar[], ?::varchar[], ?::text[])"
          + " as u(client_id, subject, data)),"
          + " e as (insert into webhook_event (id, client_id, type, subject, data, created_at)"
          + " select 'evt_' || "
          + TIME_ORDERED_HEX
          + ", u.client_id, ?,"
          + " u.subject, u.data::jsonb, ? from u where exists (select 1 from webhook_endpoint w"
          + " where"
          + SUBSCRIBED.formatted("u", "?")
          + ") returning id, client_id, type, subject, created_at)"
          + " insert into webhook_delivery (id, event_id, endpoint_id, client_id, subject, status,"
          + " next_attempt_at, created_at)"
          + " select 'dlv_' || "
          + TIME_ORDERED_HEX
          + ", e.id, w.id,"
          + " e.client_id, e.subject, "
          + DeliveryStatus.PENDING.literal()
          + ", e.created_at, e.created_at from e join webhook_endpoint w on"
          + SUBSCRIBED.formatted("e", "e.type")
          + " order by e.subject, w.id";

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
   * @return how many deliveries were made
   */
  public static int emit(Connection c, EventType type, Collection<Event> events, Instant at)
      throws SQLException {
    if (events.isEmpty()) {
      return 0;
    }
    try (PreparedStatement s = c.prepareStatement(EMIT)) {
      s.setArray(
          1, c.createArrayOf("varchar", events.stream().map(e -> e.client().value()).toArray()));
      s.setArray(2, c.createArrayOf("varchar", events.stream().map(Event::subject).toArray()));
      s.setArray(3, c.createArrayOf("text", events.stream().map(Event::data).toArray()));
      s.setString(4, type.wireName());
      Rows.set(s, 5, at);
      s.setString(6, type.wireName());
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
