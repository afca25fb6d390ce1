package io.outdial.persistence.dialing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * Columns of a batch bound as one PostgreSQL array each and read back as rows by {@code unnest}: a
 * statement over hundreds of rows costs one round trip and one plan.
 *
 * <pre>{@code
 * Unnest u = new Unnest("u").column("id", "varchar", results, r -> r.callId().value())
 *                           .column("ended_at", "timestamptz", results, r -> stamp(r.endedAt()));
 * "update call k set ended_at = u.ended_at from " + u.from() + " where k.id = u.id"
 * u.bind(connection, statement, 1);
 * }</pre>
 */
final class Unnest {
  private final String alias;
  private final List<String> names = new ArrayList<>();
  private final List<String> types = new ArrayList<>();
  private final List<Object[]> values = new ArrayList<>();

  Unnest(String alias) {
    this.alias = alias;
  }

  /**
   * Adds a column.
   *
   * @param type the PostgreSQL element type ({@code varchar}, {@code int8}, {@code int4}, {@code
   *     float8}, {@code text}, {@code timestamptz})
   * @param value the column's value of each row (null for SQL null)
   */
  <R> Unnest column(String name, String type, List<R> rows, Function<R, ?> value) {
    Object[] column = new Object[rows.size()];
    for (int i = 0; i < column.length; i++) {
      column[i] = value.apply(rows.get(i));
    }
    names.add(name);
    types.add(type);
    values.add(column);
    return this;
  }

  /** {@code unnest(?::varchar[], ...) as u(id, ...)}, for a {@code from} or {@code join}. */
  String from() {
    StringJoiner arrays = new StringJoiner(", ", "unnest(", ")");
    types.forEach(t -> arrays.add("?::" + t + "[]"));
    return arrays + " as " + alias + "(" + String.join(", ", names) + ")";
  }

  /**
   * Binds the arrays from parameter {@code first} on.
   *
   * @return the next free parameter index
   */
  int bind(Connection c, PreparedStatement s, int first) throws SQLException {
    int index = first;
    for (int i = 0; i < values.size(); i++) {
      s.setArray(index++, c.createArrayOf(types.get(i), values.get(i)));
    }
    return index;
  }
}
