package io.outdial.persistence.dnc;

import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.ClientId;
import io.outdial.persistence.campaign.Page;
import io.outdial.persistence.dialing.Transactor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link DoNotCallList} on PostgreSQL ({@code do_not_call}), plain JDBC on a {@link Transactor}. An
 * add is an {@code insert ... on conflict do nothing}: of concurrent inserts of one number
 * PostgreSQL lets one win and makes the others wait for its commit and insert nothing; they then
 * read the winner's row. Pages are read through the index on {@code (client_id, added_at desc,
 * phone)}.
 */
public final class JdbcDoNotCallList implements DoNotCallList {
  /** A row removed between the insert and the read is inserted again, at most this often. */
  private static final int ATTEMPTS = 5;

  private static final String COLUMNS = "client_id, phone, source, added_at, call_id, reason";

  private final Transactor tx;

  public JdbcDoNotCallList(Transactor tx) {
    this.tx = Objects.requireNonNull(tx, "tx");
  }

  @Override
  public Addition add(ClientId client, NewDoNotCall entry, DoNotCallSource source, Instant now) {
    return tx.inTransaction(
        "add a number to a do-not-call list",
        c -> {
          for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try (PreparedStatement s =
                c.prepareStatement(
                    "insert into do_not_call (client_id, phone, added_at, source, reason)"
                        + " values (?, ?, ?, ?, ?) on conflict do nothing returning "
                        + COLUMNS)) {
              s.setString(1, client.value());
              s.setString(2, entry.phone().e164());
              s.setTimestamp(3, Timestamp.from(now));
              s.setString(4, source.stored());
              s.setString(5, entry.reason().orElse(null));
              try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                  return new Addition.Added(entry(r));
                }
              }
            }
            Optional<DoNotCallEntry> existing = find(c, client, entry.phone());
            if (existing.isPresent()) {
              return new Addition.AlreadyListed(existing.get());
            }
            // removed after the insert saw it: insert again
          }
          throw new SQLException("the number was added and removed again and again meanwhile");
        });
  }

  @Override
  public BatchAdded addAll(
      ClientId client, List<NewDoNotCall> entries, DoNotCallSource source, Instant now) {
    if (entries.isEmpty()) {
      return new BatchAdded(0, 0);
    }
    return tx.inTransaction(
        "add numbers to a do-not-call list",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into do_not_call (client_id, phone, added_at, source, reason)"
                      + " select ?, u.phone, ?, ?, u.reason"
                      + " from unnest(?::varchar[], ?::varchar[]) as u(phone, reason)"
                      + " on conflict do nothing")) {
            s.setString(1, client.value());
            s.setTimestamp(2, Timestamp.from(now));
            s.setString(3, source.stored());
            s.setArray(
                4,
                c.createArrayOf("varchar", entries.stream().map(e -> e.phone().e164()).toArray()));
            s.setArray(
                5,
                c.createArrayOf(
                    "varchar", entries.stream().map(e -> e.reason().orElse(null)).toArray()));
            long added = s.executeUpdate();
            return new BatchAdded(added, entries.size() - added);
          }
        });
  }

  @Override
  public Optional<DoNotCallEntry> find(ClientId client, PhoneNumber phone) {
    return tx.inTransaction("read a do-not-call entry", c -> find(c, client, phone));
  }

  private static Optional<DoNotCallEntry> find(Connection c, ClientId client, PhoneNumber phone)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select " + COLUMNS + " from do_not_call where client_id = ? and phone = ?")) {
      s.setString(1, client.value());
      s.setString(2, phone.e164());
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(entry(r)) : Optional.empty();
      }
    }
  }

  @Override
  public boolean remove(ClientId client, PhoneNumber phone) {
    return tx.inTransaction(
        "remove a number from a do-not-call list",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("delete from do_not_call where client_id = ? and phone = ?")) {
            s.setString(1, client.value());
            s.setString(2, phone.e164());
            return s.executeUpdate() > 0;
          }
        });
  }

  @Override
  public Page<DoNotCallEntry> list(ClientId client, int limit, long offset) {
    return tx.inTransaction(
        "list a do-not-call list",
        c -> {
          long total;
          try (PreparedStatement s =
              c.prepareStatement("select count(*) from do_not_call where client_id = ?")) {
            s.setString(1, client.value());
            try (ResultSet r = s.executeQuery()) {
              r.next();
              total = r.getLong(1);
            }
          }
          List<DoNotCallEntry> items = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "select "
                      + COLUMNS
                      + " from do_not_call where client_id = ?"
                      + " order by added_at desc, phone limit ? offset ?")) {
            s.setString(1, client.value());
            s.setInt(2, limit);
            s.setLong(3, offset);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                items.add(entry(r));
              }
            }
          }
          return new Page<>(items, total);
        });
  }

  private static DoNotCallEntry entry(ResultSet r) throws SQLException {
    String source = r.getString(3);
    return new DoNotCallEntry(
        ClientId.of(r.getString(1)),
        PhoneNumber.ofE164(r.getString(2)),
        // a source written by an older or newer server reads as the dialer's, the safe guess
        DoNotCallSource.fromStored(source).orElse(DoNotCallSource.OPT_OUT),
        r.getObject(4, OffsetDateTime.class).toInstant(),
        Optional.ofNullable(r.getString(5)),
        Optional.ofNullable(r.getString(6)));
  }
}
