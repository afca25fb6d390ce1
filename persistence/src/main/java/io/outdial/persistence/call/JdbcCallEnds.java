package io.outdial.persistence.call;

import io.outdial.core.id.CallId;
import io.outdial.core.id.ClientId;
import io.outdial.persistence.dialing.Transactor;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * {@link CallEnds} on PostgreSQL: one conditional update of the call's row (open calls only), and,
 * when it changed nothing, one look-up to tell an unknown call from an ended one. A call that ends
 * between the two is answered as ended, which it is.
 */
public final class JdbcCallEnds implements CallEnds {
  private final Transactor tx;

  public JdbcCallEnds(Transactor tx) {
    this.tx = Objects.requireNonNull(tx, "tx");
  }

  @Override
  public EndRequest request(ClientId client, CallId call, Instant now) {
    return tx.inTransaction(
        "request the end of a call",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update call c set end_requested_at = coalesce(c.end_requested_at, ?)"
                      + " from campaign cp where cp.id = c.campaign_id and cp.deleted_at is null"
                      + " and c.id = ? and c.client_id = ? and c.ended_at is null"
                      + " returning c.end_requested_at")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, call.value());
            s.setString(3, client.value());
            try (ResultSet r = s.executeQuery()) {
              if (r.next()) {
                return new EndRequest.Requested(
                    call, r.getObject(1, OffsetDateTime.class).toInstant());
              }
            }
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "select 1 from call c join campaign cp on cp.id = c.campaign_id"
                      + " where c.id = ? and c.client_id = ? and cp.deleted_at is null")) {
            s.setString(1, call.value());
            s.setString(2, client.value());
            try (ResultSet r = s.executeQuery()) {
              return r.next() ? new EndRequest.NotActive() : new EndRequest.NotFound();
            }
          }
        });
  }
}
