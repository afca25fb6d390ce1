package io.outdial.persistence.webhook;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Times in and out of {@code timestamptz} columns. */
final class Rows {
  private Rows() {}

  static void set(PreparedStatement s, int index, Instant at) throws SQLException {
    s.setObject(index, at == null ? null : at.atOffset(ZoneOffset.UTC));
  }

  static Optional<Instant> instant(ResultSet r, String column) throws SQLException {
    return Optional.ofNullable(r.getObject(column, OffsetDateTime.class))
        .map(OffsetDateTime::toInstant);
  }
}
