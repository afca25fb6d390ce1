package io.outdial.persistence.dialing;

import io.outdial.core.campaign.CampaignStatus;
import io.outdial.core.dialing.ContactState;
import io.outdial.core.id.CampaignId;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the dialing statements share. States appear in SQL text as literals written from the {@code
 * core} enums (not as parameters): the partial indexes on {@code contact.status} are only used when
 * the planner sees the value.
 */
final class Sql {
  /**
   * Campaign rows are locked in this order everywhere, so no two transactions wait in a circle.
   * They are locked {@code FOR NO KEY UPDATE}, the lock an update of their counters takes anyway:
   * it excludes the other lockers of the row as {@code FOR UPDATE} would, but not the {@code FOR
   * KEY SHARE} lock that inserting a contact takes on its campaign's row through the foreign key
   * and holds until its transaction ends, so that the dialer never waits for an upload inserting
   * thousands of contacts.
   */
  static final Comparator<CampaignId> CAMPAIGN_ORDER = Comparator.comparing(CampaignId::value);

  /** A running upload job that has not reported for this long is abandoned (see JobStore). */
  static final Duration UPLOAD_SILENCE = Duration.ofMinutes(2);

  /** The job status of a running upload. */
  static final String JOB_RUNNING = "'running'";

  private Sql() {}

  /** {@code 'pending'}: a state as an SQL literal. */
  static String literal(ContactState state) {
    return "'" + state.wireName() + "'";
  }

  /** {@code ('pending', 'dialing')}. */
  static String in(ContactState... states) {
    return Arrays.stream(states).map(Sql::literal).collect(Collectors.joining(", ", "(", ")"));
  }

  /** {@code ('queued', 'active')}. */
  static String in(CampaignStatus... statuses) {
    return Arrays.stream(statuses)
        .map(s -> "'" + s.wireName() + "'")
        .collect(Collectors.joining(", ", "(", ")"));
  }

  static Timestamp stamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  static Array campaigns(Connection c, Collection<CampaignId> campaigns) throws SQLException {
    return c.createArrayOf("varchar", campaigns.stream().map(CampaignId::value).toArray());
  }

  /**
   * Locks these campaigns' rows in id order.
   *
   * @return those of them that are deleted
   */
  static Set<CampaignId> lockCampaigns(Connection c, Collection<CampaignId> campaigns)
      throws SQLException {
    Set<CampaignId> deleted = new HashSet<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select id, deleted_at is not null from campaign where id = any(?)"
                + " order by id for no key update")) {
      s.setArray(1, campaigns(c, campaigns.stream().sorted(CAMPAIGN_ORDER).toList()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          if (r.getBoolean(2)) {
            deleted.add(CampaignId.parse(r.getString(1)));
          }
        }
      }
    }
    return deleted;
  }

  /** Bounds how long a statement of the current transaction waits for a row lock. */
  static void lockTimeout(Connection c, Duration timeout) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("select set_config('lock_timeout', ?, true)")) {
      s.setString(1, timeout.toMillis() + "ms");
      s.executeQuery().close();
    }
  }
}
