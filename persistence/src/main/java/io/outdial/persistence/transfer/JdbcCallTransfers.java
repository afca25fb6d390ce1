package io.outdial.persistence.transfer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outdial.core.id.CallId;
import io.outdial.core.id.ClientId;
import io.outdial.core.id.TransferId;
import io.outdial.core.id.TransferTargetId;
import io.outdial.core.transfer.AgentStatus;
import io.outdial.core.transfer.TargetAddress;
import io.outdial.core.transfer.TransferFailure;
import io.outdial.core.transfer.TransferMode;
import io.outdial.core.transfer.TransferStatus;
import io.outdial.core.webhook.EventType;
import io.outdial.persistence.dialing.Transactor;
import io.outdial.persistence.webhook.Outbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link CallTransfers} on PostgreSQL ({@code call_transfer}, {@code transfer_callback}), plain
 * JDBC on a {@link Transactor}.
 *
 * <p>A request locks the call's row first (so one call never gets two transfers under way), then
 * picks the human with {@code FOR UPDATE SKIP LOCKED} and an update guarded by {@code status =
 * 'available'}: a concurrent request skips the human another one is taking, and a human taken by a
 * transaction that committed meanwhile no longer matches. Every answer is a result, never an
 * exception, so nothing rolls back a JTA transaction for a client's mistake.
 */
public final class JdbcCallTransfers implements CallTransfers {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String COLUMNS =
      "x.id, x.client_id, x.call_id, x.target_id, x.human_id, x.address, x.mode, x.briefing,"
          + " x.requested_by, x.status, x.failure_reason, x.requested_at, x.updated_at,"
          + " x.bridged_at, x.ended_at";

  /** The update that takes a human, by the form of the order; the human's id is parameter 3. */
  private static final String TAKE =
      "update transfer_target set status = 'busy', status_changed_at = ?, updated_at = ?"
          + " where id = (%s) and status = 'available' returning id, address";

  private static final String PICK_HUMAN =
      "select h.id from transfer_target h where h.id = ? and h.client_id = ?"
          + " and h.status = 'available' for update skip locked";

  private static final String PICK_IN_QUEUE =
      "select h.id from transfer_target h join transfer_queue_member m on m.human_id = h.id"
          + " where m.queue_id = ? and h.client_id = ? and h.status = 'available'"
          + " order by h.status_changed_at, h.id limit 1 for update of h skip locked";

  private static final String PICK_ANY =
      "select h.id from transfer_target h where h.client_id = ? and h.type = 'human'"
          + " and h.status = 'available' order by h.status_changed_at, h.id limit 1"
          + " for update skip locked";

  private final Transactor tx;

  public JdbcCallTransfers(Transactor tx) {
    this.tx = Objects.requireNonNull(tx, "tx");
  }

  @Override
  public TransferAsk request(TransferOrder order, TransferId id, Instant now) {
    Objects.requireNonNull(order, "order");
    return tx.inTransaction(
        "request a transfer",
        c -> {
          String phone;
          try (PreparedStatement s =
              c.prepareStatement(
                  "select c.ended_at is null and c.end_requested_at is null, t.phone"
                      + " from call c join campaign cp on cp.id = c.campaign_id"
                      + " join contact t on t.id = c.contact_id"
                      + " where c.id = ? and c.client_id = ? and cp.deleted_at is null"
                      + " for update of c")) {
            s.setString(1, order.call().value());
            s.setString(2, order.client().value());
            try (ResultSet r = s.executeQuery()) {
              if (!r.next()) {
                return new TransferAsk.CallNotFound();
              }
              if (!r.getBoolean(1)) {
                return new TransferAsk.NotActive();
              }
              phone = r.getString(2);
            }
          }
          Optional<TransferRecord> open = openOf(c, order.call());
          if (open.isPresent()) {
            return new TransferAsk.AlreadyTransferring(open.get());
          }
          String field = order.queueOnly() ? "queue_id" : "transfer_target_id";
          String pick;
          Object[] args;
          if (order.target().isPresent()) {
            Optional<String> type = typeOf(c, order.client(), order.target().get());
            if (type.isEmpty()) {
              return new TransferAsk.TargetNotFound(field);
            }
            boolean queue = type.get().equals("queue");
            if (order.queueOnly() && !queue) {
              return new TransferAsk.NotAQueue(field);
            }
            pick = queue ? PICK_IN_QUEUE : PICK_HUMAN;
            args = new Object[] {order.target().get().value(), order.client().value()};
          } else {
            pick = PICK_ANY;
            args = new Object[] {order.client().value()};
          }
          Optional<String[]> human = take(c, pick, args, now);
          if (human.isEmpty()) {
            return callback(c, order, phone, now);
          }
          insert(c, order, id, human.get(), now);
          TransferRecord stored = find(c, id).orElseThrow();
          Outbox.emit(c, EventType.CALL_TRANSFER_STARTED, List.of(event(stored, now)), now);
          return new TransferAsk.Accepted(stored);
        });
  }

  @Override
  public List<TransferWork> pending(String serverId) {
    return tx.inTransaction(
        "read pending transfers",
        c -> {
          List<TransferWork> work = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "select "
                      + COLUMNS
                      + " from call_transfer x join call c on c.id = x.call_id"
                      + " where c.server_id = ? and c.ended_at is null and x.status = 'requested'"
                      + " order by x.requested_at, x.id")) {
            s.setString(1, serverId);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                work.add(new TransferWork.Start(record(r)));
              }
            }
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "select b.id, b.call_id from transfer_callback b join call c on c.id = b.call_id"
                      + " where c.server_id = ? and c.ended_at is null and b.announced_at is null"
                      + " order by b.created_at, b.id")) {
            s.setString(1, serverId);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                work.add(
                    new TransferWork.AnnounceCallback(
                        r.getString(1), CallId.parse(r.getString(2))));
              }
            }
          }
          return work;
        });
  }

  @Override
  public Optional<TransferRecord> advance(
      TransferId id, TransferStatus to, Optional<TransferFailure> failure, Instant now) {
    Objects.requireNonNull(to, "to");
    Object[] from =
        Arrays.stream(TransferStatus.values())
            .filter(s -> s.canMoveTo(to))
            .map(TransferStatus::wireName)
            .toArray();
    return tx.inTransaction(
        "advance a transfer",
        c -> {
          Optional<TransferRecord> before = find(c, id);
          try (PreparedStatement s =
              c.prepareStatement(
                  "update call_transfer set status = ?, failure_reason = coalesce(?, failure_reason),"
                      + " updated_at = ?,"
                      + " bridged_at = case when ? then ? else bridged_at end,"
                      + " ended_at = case when ? then ? else ended_at end"
                      + " where id = ? and status = any(?)")) {
            s.setString(1, to.wireName());
            s.setString(2, failure.map(TransferFailure::wireName).orElse(null));
            s.setTimestamp(3, Timestamp.from(now));
            s.setBoolean(4, to == TransferStatus.BRIDGED);
            s.setTimestamp(5, Timestamp.from(now));
            s.setBoolean(6, to.terminal());
            s.setTimestamp(7, Timestamp.from(now));
            s.setString(8, id.value());
            s.setArray(9, c.createArrayOf("varchar", from));
            if (s.executeUpdate() == 0) {
              return Optional.empty();
            }
          }
          TransferRecord after = find(c, id).orElseThrow();
          if (to.terminal() && after.human().isPresent()) {
            try (PreparedStatement s =
                c.prepareStatement(
                    "update transfer_target set status = ?, status_changed_at = ?, updated_at = ?"
                        + " where id = ? and status = ?")) {
              s.setString(1, AgentStatus.AVAILABLE.wireName());
              s.setTimestamp(2, Timestamp.from(now));
              s.setTimestamp(3, Timestamp.from(now));
              s.setString(4, after.human().get().value());
              s.setString(5, AgentStatus.BUSY.wireName());
              s.executeUpdate();
            }
          }
          Optional<EventType> type = eventOf(before.map(TransferRecord::status), after);
          if (type.isPresent()) {
            Outbox.emit(c, type.get(), List.of(event(after, now)), now);
          }
          return Optional.of(after);
        });
  }

  @Override
  public void announced(String callbackId, Instant now) {
    tx.inTransaction(
        "mark a callback announced",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update transfer_callback set announced_at = ? where id = ?"
                      + " and announced_at is null")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, callbackId);
            return s.executeUpdate();
          }
        });
  }

  @Override
  public List<TransferRecord> ofCall(ClientId client, CallId call) {
    return tx.inTransaction(
        "read a call's transfers",
        c -> {
          List<TransferRecord> found = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "select "
                      + COLUMNS
                      + " from call_transfer x where x.call_id = ? and x.client_id = ?"
                      + " order by x.requested_at, x.id")) {
            s.setString(1, call.value());
            s.setString(2, client.value());
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                found.add(record(r));
              }
            }
          }
          return found;
        });
  }

  // --- plumbing ---

  /** Which event a move to {@code after}'s status is. */
  private static Optional<EventType> eventOf(
      Optional<TransferStatus> before, TransferRecord after) {
    return switch (after.status()) {
      case BRIDGED -> Optional.of(EventType.CALL_TRANSFER_COMPLETED);
      // a cold transfer ends when the carrier took the referral; a warm one after its bridge
      case ENDED ->
          after.bridgedAt().isEmpty()
              ? Optional.of(EventType.CALL_TRANSFER_COMPLETED)
              : Optional.empty();
      case FAILED, NO_ANSWER -> Optional.of(EventType.CALL_TRANSFER_FAILED);
      default -> Optional.empty();
    };
  }

  private static Optional<String[]> take(Connection c, String pick, Object[] args, Instant now)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(TAKE.formatted(pick))) {
      s.setTimestamp(1, Timestamp.from(now));
      s.setTimestamp(2, Timestamp.from(now));
      for (int i = 0; i < args.length; i++) {
        s.setObject(3 + i, args[i]);
      }
      try (ResultSet r = s.executeQuery()) {
        return r.next()
            ? Optional.of(new String[] {r.getString(1), r.getString(2)})
            : Optional.empty();
      }
    }
  }

  private static Optional<String> typeOf(Connection c, ClientId client, TransferTargetId target)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("select type from transfer_target where id = ? and client_id = ?")) {
      s.setString(1, target.value());
      s.setString(2, client.value());
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    }
  }

  private static TransferAsk callback(Connection c, TransferOrder order, String phone, Instant now)
      throws SQLException {
    String id = "cb_" + UUID.randomUUID().toString().replace("-", "");
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into transfer_callback (id, client_id, call_id, target_id, phone, briefing,"
                + " requested_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, id);
      s.setString(2, order.client().value());
      s.setString(3, order.call().value());
      s.setString(4, order.target().map(TransferTargetId::value).orElse(null));
      s.setString(5, phone);
      s.setString(6, order.briefing().orElse(null));
      s.setString(7, order.requestedBy().wireName());
      s.setTimestamp(8, Timestamp.from(now));
      s.executeUpdate();
    }
    ObjectNode data = JSON.createObjectNode();
    data.put("call_id", order.call().value());
    data.putNull("transfer_id");
    data.put("target_id", order.target().map(TransferTargetId::value).orElse(null));
    data.put("mode", order.mode().wireName());
    data.put("requested_by", order.requestedBy().wireName());
    data.put("status", TransferStatus.FAILED.wireName());
    data.put("reason", TransferFailure.NO_AGENTS_AVAILABLE.wireName());
    ObjectNode task = data.putObject("callback");
    task.put("callback_id", id);
    task.put("phone", phone);
    task.put("briefing", order.briefing().orElse(null));
    task.put("created_at", now.toString());
    Outbox.emit(
        c,
        EventType.CALL_TRANSFER_FAILED,
        List.of(new Outbox.Event(order.client(), order.call().value(), data.toString())),
        now);
    return new TransferAsk.NoAgentAvailable(id, now);
  }

  private static void insert(
      Connection c, TransferOrder order, TransferId id, String[] human, Instant now)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into call_transfer (id, client_id, call_id, target_id, human_id, address,"
                + " mode, briefing, requested_by, status, requested_at, updated_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, id.value());
      s.setString(2, order.client().value());
      s.setString(3, order.call().value());
      s.setString(4, order.target().map(TransferTargetId::value).orElse(null));
      s.setString(5, human[0]);
      s.setString(6, human[1]);
      s.setString(7, order.mode().wireName());
      s.setString(8, order.briefing().orElse(null));
      s.setString(9, order.requestedBy().wireName());
      s.setString(10, TransferStatus.REQUESTED.wireName());
      s.setTimestamp(11, Timestamp.from(now));
      s.setTimestamp(12, Timestamp.from(now));
      s.executeUpdate();
    }
  }

  private static Outbox.Event event(TransferRecord t, Instant at) {
    ObjectNode data = JSON.createObjectNode();
    data.put("call_id", t.callId().value());
    data.put("transfer_id", t.id().value());
    data.put("target_id", t.target().map(TransferTargetId::value).orElse(null));
    data.put("human_id", t.human().map(TransferTargetId::value).orElse(null));
    data.put("mode", t.mode().wireName());
    data.put("requested_by", t.requestedBy().wireName());
    data.put("status", t.status().wireName());
    data.put("reason", t.failure().map(TransferFailure::wireName).orElse(null));
    data.put("requested_at", t.requestedAt().toString());
    data.put("bridged_at", t.bridgedAt().map(Instant::toString).orElse(null));
    data.put("changed_at", at.toString());
    return new Outbox.Event(t.clientId(), t.callId().value(), data.toString());
  }

  private static Optional<TransferRecord> openOf(Connection c, CallId call) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select "
                + COLUMNS
                + " from call_transfer x where x.call_id = ?"
                + " and x.status not in ('ended', 'failed', 'no_answer')")) {
      s.setString(1, call.value());
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(record(r)) : Optional.empty();
      }
    }
  }

  private static Optional<TransferRecord> find(Connection c, TransferId id) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("select " + COLUMNS + " from call_transfer x where x.id = ?")) {
      s.setString(1, id.value());
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(record(r)) : Optional.empty();
      }
    }
  }

  private static TransferRecord record(ResultSet r) throws SQLException {
    return new TransferRecord(
        TransferId.parse(r.getString(1)),
        new ClientId(r.getString(2)),
        CallId.parse(r.getString(3)),
        Optional.ofNullable(r.getString(4)).map(TransferTargetId::parse),
        Optional.ofNullable(r.getString(5)).map(TransferTargetId::parse),
        new TargetAddress(r.getString(6)),
        TransferMode.fromWire(r.getString(7)),
        Optional.ofNullable(r.getString(8)),
        TransferOrder.Requester.valueOf(r.getString(9).toUpperCase(Locale.ROOT)),
        TransferStatus.fromWire(r.getString(10)),
        Optional.ofNullable(r.getString(11)).map(TransferFailure::fromWire),
        instant(r, 12).orElseThrow(),
        instant(r, 13).orElseThrow(),
        instant(r, 14),
        instant(r, 15));
  }

  private static Optional<Instant> instant(ResultSet r, int column) throws SQLException {
    return Optional.ofNullable(r.getObject(column, OffsetDateTime.class))
        .map(OffsetDateTime::toInstant);
  }
}
