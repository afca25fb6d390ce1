package io.outdial.persistence.transfer;

import io.outdial.core.id.ClientId;
import io.outdial.core.id.TransferTargetId;
import io.outdial.core.transfer.AgentStatus;
import io.outdial.core.transfer.QueueAvailability;
import io.outdial.core.transfer.TargetAddress;
import io.outdial.core.transfer.TargetSpec;
import io.outdial.core.transfer.TargetType;
import io.outdial.persistence.campaign.Page;
import io.outdial.persistence.dialing.Transactor;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link TransferTargets} on PostgreSQL ({@code transfer_target}, {@code transfer_queue_member}),
 * plain JDBC on a {@link Transactor}.
 *
 * <p>Every write first takes a transaction-level advisory lock on the client ({@code
 * pg_advisory_xact_lock}), so writes of one client's targets run one after the other and the
 * duplicate and queue checks that precede them are exact; the unique indexes only back them up, so
 * a duplicate is an answer, never a constraint violation rolling back a JTA transaction. Writes of
 * different clients do not wait for each other (but for a rare collision of the lock's hash).
 */
public final class JdbcTransferTargets implements TransferTargets {
  private static final String COLUMNS =
      "t.id, t.client_id, t.type, t.name, t.address, t.status, t.status_changed_at,"
          + " t.created_at, t.updated_at,"
          + " array(select m.queue_id from transfer_queue_member m"
          + " join transfer_target q on q.id = m.queue_id"
          + " where m.human_id = t.id order by q.created_at, q.id)";

  private final Transactor tx;

  public JdbcTransferTargets(Transactor tx) {
    this.tx = Objects.requireNonNull(tx, "tx");
  }

  @Override
  public TargetWrite create(ClientId client, TransferTargetId id, TargetSpec spec, Instant now) {
    return tx.inTransaction(
        "create a transfer target",
        c -> {
          lockClient(c, client);
          Optional<TargetWrite> refused = conflicts(c, client, Optional.empty(), spec);
          if (refused.isPresent()) {
            return refused.get();
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into transfer_target (id, client_id, type, name, address, status,"
                      + " status_changed_at, created_at, updated_at)"
                      + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            boolean human = spec.type() == TargetType.HUMAN;
            s.setString(1, id.value());
            s.setString(2, client.value());
            s.setString(3, spec.type().wireName());
            s.setString(4, spec.name());
            s.setString(5, spec.address().map(TargetAddress::value).orElse(null));
            s.setString(6, human ? spec.status().orElse(AgentStatus.DEFAULT).wireName() : null);
            s.setTimestamp(7, human ? Timestamp.from(now) : null);
            s.setTimestamp(8, Timestamp.from(now));
            s.setTimestamp(9, Timestamp.from(now));
            s.executeUpdate();
          }
          memberships(c, id, spec.queueIds());
          return new TargetWrite.Written(read(c, client, id).orElseThrow());
        });
  }

  @Override
  public Optional<TargetRecord> find(ClientId client, TransferTargetId id) {
    return tx.inTransaction("read a transfer target", c -> read(c, client, id));
  }

  @Override
  public Page<TargetRecord> list(
      ClientId client, Optional<TargetType> type, int limit, long offset) {
    return tx.inTransaction(
        "list transfer targets",
        c -> {
          String where = " where t.client_id = ? and (?::varchar is null or t.type = ?)";
          long total;
          try (PreparedStatement s =
              c.prepareStatement("select count(*) from transfer_target t" + where)) {
            bindClientAndType(s, client, type);
            try (ResultSet r = s.executeQuery()) {
              r.next();
              total = r.getLong(1);
            }
          }
          List<TargetRecord> items = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "select "
                      + COLUMNS
                      + " from transfer_target t"
                      + where
                      + " order by t.created_at, t.id limit ? offset ?")) {
            bindClientAndType(s, client, type);
            s.setInt(4, limit);
            s.setLong(5, offset);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                items.add(target(r));
              }
            }
          }
          return new Page<>(items, total);
        });
  }

  @Override
  public TargetWrite replace(ClientId client, TransferTargetId id, TargetSpec spec, Instant now) {
    return tx.inTransaction(
        "replace a transfer target",
        c -> {
          lockClient(c, client);
          Optional<TargetRecord> current = read(c, client, id);
          if (current.isEmpty()) {
            return new TargetWrite.NotFound();
          }
          if (current.get().type() != spec.type()) {
            return new TargetWrite.TypeChanged();
          }
          Optional<TargetWrite> refused = conflicts(c, client, Optional.of(id), spec);
          if (refused.isPresent()) {
            return refused.get();
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "update transfer_target set name = ?, address = ?,"
                      + " status_changed_at = case when ?::varchar is not null"
                      + " and status is distinct from ? then ? else status_changed_at end,"
                      + " status = coalesce(?, status),"
                      + " updated_at = greatest(updated_at, ?) where id = ?")) {
            String status = spec.status().map(AgentStatus::wireName).orElse(null);
            s.setString(1, spec.name());
            s.setString(2, spec.address().map(TargetAddress::value).orElse(null));
            s.setString(3, status);
            s.setString(4, status);
            s.setTimestamp(5, Timestamp.from(now));
            s.setString(6, status);
            s.setTimestamp(7, Timestamp.from(now));
            s.setString(8, id.value());
            s.executeUpdate();
          }
          if (spec.type() == TargetType.HUMAN) {
            try (PreparedStatement s =
                c.prepareStatement("delete from transfer_queue_member where human_id = ?")) {
              s.setString(1, id.value());
              s.executeUpdate();
            }
            memberships(c, id, spec.queueIds());
          }
          return new TargetWrite.Written(read(c, client, id).orElseThrow());
        });
  }

  @Override
  public StatusChange status(
      ClientId client, TransferTargetId id, AgentStatus status, Instant now) {
    return tx.inTransaction(
        "set a transfer target's status",
        c -> {
          Optional<TargetRecord> current = read(c, client, id);
          if (current.isEmpty()) {
            return new StatusChange.NotFound();
          }
          if (current.get().type() != TargetType.HUMAN) {
            return new StatusChange.NotAHuman();
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "update transfer_target set status = ?, status_changed_at = ?,"
                      + " updated_at = greatest(updated_at, ?)"
                      + " where id = ? and client_id = ? and status is distinct from ?")) {
            s.setString(1, status.wireName());
            s.setTimestamp(2, Timestamp.from(now));
            s.setTimestamp(3, Timestamp.from(now));
            s.setString(4, id.value());
            s.setString(5, client.value());
            s.setString(6, status.wireName());
            s.executeUpdate();
          }
          return new StatusChange.Changed(read(c, client, id).orElseThrow());
        });
  }

  @Override
  public boolean delete(ClientId client, TransferTargetId id) {
    return tx.inTransaction(
        "delete a transfer target",
        c -> {
          lockClient(c, client);
          try (PreparedStatement s =
              c.prepareStatement("delete from transfer_target where id = ? and client_id = ?")) {
            s.setString(1, id.value());
            s.setString(2, client.value());
            return s.executeUpdate() > 0;
          }
        });
  }

  @Override
  public Optional<Availability> availability(ClientId client, Optional<String> queue) {
    return tx.inTransaction(
        "read agent availability",
        c -> {
          List<QueueAvailability.Queue> queues = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "select id, name from transfer_target where client_id = ? and type = 'queue'"
                      + " and (?::varchar is null or id = ? or lower(name) = lower(?))"
                      + " order by created_at, id")) {
            String wanted = queue.map(String::strip).orElse(null);
            s.setString(1, client.value());
            s.setString(2, wanted);
            s.setString(3, wanted);
            s.setString(4, wanted);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                queues.add(
                    new QueueAvailability.Queue(
                        TransferTargetId.parse(r.getString(1)), r.getString(2)));
              }
            }
          }
          if (queue.isPresent() && queues.isEmpty()) {
            return Optional.<Availability>empty();
          }
          List<QueueAvailability.Member> humans = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "select "
                      + COLUMNS
                      + " from transfer_target t where t.client_id = ? and t.type = 'human'"
                      + " order by t.created_at, t.id")) {
            s.setString(1, client.value());
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                TargetRecord h = target(r);
                humans.add(
                    new QueueAvailability.Member(
                        h.id(),
                        h.name(),
                        h.address().orElseThrow(),
                        h.status().orElseThrow(),
                        new HashSet<>(h.queueIds())));
              }
            }
          }
          if (queue.isPresent()) {
            Set<TransferTargetId> ids = new HashSet<>();
            queues.forEach(q -> ids.add(q.id()));
            humans.removeIf(h -> h.queues().stream().noneMatch(ids::contains));
          }
          return Optional.of(new Availability(QueueAvailability.of(queues, humans), humans));
        });
  }

  // --- plumbing ---

  private static void lockClient(Connection c, ClientId client) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 0))")) {
      s.setString(1, "transfer_target:" + client.value());
      s.executeQuery().close();
    }
  }

  /** The refusal of {@code spec} for the client, if any; {@code self} is the target replaced. */
  private static Optional<TargetWrite> conflicts(
      Connection c, ClientId client, Optional<TransferTargetId> self, TargetSpec spec)
      throws SQLException {
    String me = self.map(TransferTargetId::value).orElse("");
    if (spec.address().isPresent()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "select id from transfer_target where client_id = ? and address = ? and id <> ?")) {
        s.setString(1, client.value());
        s.setString(2, spec.address().get().value());
        s.setString(3, me);
        try (ResultSet r = s.executeQuery()) {
          if (r.next()) {
            return Optional.of(
                new TargetWrite.DuplicateAddress(TransferTargetId.parse(r.getString(1))));
          }
        }
      }
    }
    if (spec.type() == TargetType.QUEUE) {
      try (PreparedStatement s =
          c.prepareStatement(
              "select id from transfer_target where client_id = ? and type = 'queue'"
                  + " and lower(name) = lower(?) and id <> ?")) {
        s.setString(1, client.value());
        s.setString(2, spec.name());
        s.setString(3, me);
        try (ResultSet r = s.executeQuery()) {
          if (r.next()) {
            return Optional.of(
                new TargetWrite.DuplicateQueueName(TransferTargetId.parse(r.getString(1))));
          }
        }
      }
    }
    if (!spec.queueIds().isEmpty()) {
      Set<String> known = new HashSet<>();
      try (PreparedStatement s =
          c.prepareStatement(
              "select id from transfer_target where client_id = ? and type = 'queue'"
                  + " and id = any (?)")) {
        s.setString(1, client.value());
        s.setArray(2, ids(c, spec.queueIds()));
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            known.add(r.getString(1));
          }
        }
      }
      for (TransferTargetId queue : spec.queueIds()) {
        if (!known.contains(queue.value())) {
          return Optional.of(new TargetWrite.UnknownQueue(queue));
        }
      }
    }
    return Optional.empty();
  }

  private static void memberships(
      Connection c, TransferTargetId human, List<TransferTargetId> queues) throws SQLException {
    if (queues.isEmpty()) {
      return;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into transfer_queue_member (queue_id, human_id)"
                + " select unnest(?::varchar[]), ?")) {
      s.setArray(1, ids(c, queues));
      s.setString(2, human.value());
      s.executeUpdate();
    }
  }

  private static Array ids(Connection c, List<TransferTargetId> ids) throws SQLException {
    return c.createArrayOf("varchar", ids.stream().map(TransferTargetId::value).toArray());
  }

  private static void bindClientAndType(
      PreparedStatement s, ClientId client, Optional<TargetType> type) throws SQLException {
    String t = type.map(TargetType::wireName).orElse(null);
    s.setString(1, client.value());
    s.setString(2, t);
    s.setString(3, t);
  }

  private static Optional<TargetRecord> read(Connection c, ClientId client, TransferTargetId id)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select " + COLUMNS + " from transfer_target t where t.id = ? and t.client_id = ?")) {
      s.setString(1, id.value());
      s.setString(2, client.value());
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(target(r)) : Optional.empty();
      }
    }
  }

  private static TargetRecord target(ResultSet r) throws SQLException {
    List<TransferTargetId> queues = new ArrayList<>();
    Array array = r.getArray(10);
    if (array != null) {
      for (Object o : (Object[]) array.getArray()) {
        queues.add(TransferTargetId.parse((String) o));
      }
    }
    return new TargetRecord(
        TransferTargetId.parse(r.getString(1)),
        ClientId.of(r.getString(2)),
        TargetType.fromWire(r.getString(3)),
        r.getString(4),
        Optional.ofNullable(r.getString(5)).map(TargetAddress::new),
        Optional.ofNullable(r.getString(6)).map(AgentStatus::fromWire),
        Optional.ofNullable(instant(r, 7)),
        queues,
        instant(r, 8),
        instant(r, 9));
  }

  private static Instant instant(ResultSet r, int column) throws SQLException {
    OffsetDateTime value = r.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
