package io.outdial.persistence.jpa;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Values of native-query rows, whose timestamp type depends on the driver and Hibernate. */
public final class Rows {
  private Rows() {}

  /** A {@code timestamptz} column's value as an {@link Instant}. */
  public static Instant instant(Object value) {
    return switch (value) {
      case Instant instant -> instant;
      case OffsetDateTime offset -> offset.toInstant();
      case Timestamp timestamp -> timestamp.toInstant();
      default -> throw new IllegalStateException("unexpected timestamp " + value.getClass());
    };
  }
}
