package io.outdial.persistence.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outdial.persistence.dialing.Transactor;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link IdempotencyKeys} on PostgreSQL ({@code idempotency_key}), plain JDBC on a {@link
 * Transactor}. A reservation is an {@code insert ... on conflict do nothing}: PostgreSQL lets one
 * of concurrent inserts of a key win and makes the others wait for its commit and insert nothing;
 * the losers then read the winner's row under a row lock and decide from it.
 */
public final class JdbcIdempotencyKeys implements IdempotencyKeys {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

  /** A row deleted between the insert and the read is inserted again, at most this often. */
  private static final int ATTEMPTS = 5;

  private final Transactor tx;

  public JdbcIdempotencyKeys(Transactor tx) {
    this.tx = Objects.requireNonNull(tx, "tx");
  }

  @Override
  public Begin begin(
      KeyScope scope, byte[] fingerprint, Instant now, Duration lifetime, Duration takeoverAfter) {
    return tx.inTransaction(
        "reserve an idempotency key",
        c -> {
          for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            UUID token = UUID.randomUUID();
            if (insert(c, scope, fingerprint, token, now, lifetime)) {
              return new Begin.Reserved(token, false);
            }
            Optional<Begin> decided = decide(c, scope, fingerprint, now, lifetime, takeoverAfter);
            if (decided.isPresent()) {
              return decided.get();
            }
            // the row was released (deleted) after the insert saw it: try the insert again
          }
          // a key released again and again while this request tried: it is being run right now
          return new Begin.InProgress(now);
        });
  }

  private static boolean insert(
      Connection c, KeyScope scope, byte[] fingerprint, UUID token, Instant now, Duration lifetime)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into idempotency_key (client_id, scope, idem_key, fingerprint, token,"
                + " reserved_at, expires_at) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing")) {
      bindScope(s, scope);
      s.setBytes(4, fingerprint);
      s.setObject(5, token);
      s.setTimestamp(6, Timestamp.from(now));
      s.setTimestamp(7, Timestamp.from(now.plus(lifetime)));
      return s.executeUpdate() == 1;
    }
  }

  /** The answer from the key's existing row, locked; empty when the row is gone. */
  private static Optional<Begin> decide(
      Connection c,
      KeyScope scope,
      byte[] fingerprint,
      Instant now,
      Duration lifetime,
      Duration takeoverAfter)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select fingerprint, reserved_at, expires_at, status, content_type, headers::text,"
                + " body from idempotency_key where client_id = ? and scope = ? and idem_key = ?"
                + " for update")) {
      bindScope(s, scope);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        Instant reservedAt = instant(r, 2);
        Instant expiresAt = instant(r, 3);
        if (!expiresAt.isAfter(now)) {
          // the key's lifetime is over: it is free for any request again
          return Optional.of(
              new Begin.Reserved(renew(c, scope, fingerprint, now, lifetime), false));
        }
        if (!MessageDigest.isEqual(r.getBytes(1), fingerprint)) {
          return Optional.of(new Begin.Mismatch());
        }
        int status = r.getInt(4);
        if (r.wasNull()) {
          if (reservedAt.plus(takeoverAfter).isAfter(now)) {
            return Optional.of(new Begin.InProgress(reservedAt));
          }
          return Optional.of(new Begin.Reserved(renew(c, scope, fingerprint, now, lifetime), true));
        }
        String headers = r.getString(6);
        byte[] body = r.getBytes(7);
        return Optional.of(
            new Begin.Replay(
                new StoredResponse(
                    status,
                    Optional.ofNullable(r.getString(5)),
                    headers == null ? Map.of() : readHeaders(headers),
                    body == null ? new byte[0] : body)));
      }
    }
  }

  /** Makes the locked row a fresh reservation of this request; answers its token. */
  private static UUID renew(
      Connection c, KeyScope scope, byte[] fingerprint, Instant now, Duration lifetime)
      throws SQLException {
    UUID token = UUID.randomUUID();
    try (PreparedStatement s =
        c.prepareStatement(
            "update idempotency_key set fingerprint = ?, token = ?, reserved_at = ?,"
                + " expires_at = ?, status = null, content_type = null, headers = null,"
                + " body = null, completed_at = null"
                + " where client_id = ? and scope = ? and idem_key = ?")) {
      s.setBytes(1, fingerprint);
      s.setObject(2, token);
      s.setTimestamp(3, Timestamp.from(now));
      s.setTimestamp(4, Timestamp.from(now.plus(lifetime)));
      s.setString(5, scope.clientId());
      s.setString(6, scope.endpoint());
      s.setString(7, scope.key());
      s.executeUpdate();
    }
    return token;
  }

  @Override
  public boolean complete(KeyScope scope, UUID token, StoredResponse response, Instant now) {
    String headers = writeHeaders(response.headers());
    return tx.inTransaction(
        "store the answer of an idempotency key",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update idempotency_key set status = ?, content_type = ?,"
                      + " headers = cast(? as jsonb), body = ?, completed_at = ?"
                      + " where client_id = ? and scope = ? and idem_key = ? and token = ?"
                      + " and status is null")) {
            s.setInt(1, response.status());
            if (response.contentType().isPresent()) {
              s.setString(2, response.contentType().get());
            } else {
              s.setNull(2, Types.VARCHAR);
            }
            s.setString(3, headers);
            s.setBytes(4, response.body());
            s.setTimestamp(5, Timestamp.from(now));
            s.setString(6, scope.clientId());
            s.setString(7, scope.endpoint());
            s.setString(8, scope.key());
            s.setObject(9, token);
            return s.executeUpdate() == 1;
          }
        });
  }

  @Override
  public void release(KeyScope scope, UUID token) {
    tx.inTransaction(
        "release an idempotency key",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "delete from idempotency_key where client_id = ? and scope = ?"
                      + " and idem_key = ? and token = ? and status is null")) {
            bindScope(s, scope);
            s.setObject(4, token);
            return s.executeUpdate();
          }
        });
  }

  @Override
  public int purge(Instant now, int limit) {
    return tx.inTransaction(
        "purge expired idempotency keys",
        c -> {
          // bounded by limit, through the index on expires_at; rows locked meanwhile are skipped
          try (PreparedStatement s =
              c.prepareStatement(
                  "delete from idempotency_key where ctid = any(array(select ctid from"
                      + " idempotency_key where expires_at <= ? limit ? for update skip locked))")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setInt(2, limit);
            return s.executeUpdate();
          }
        });
  }

  private static void bindScope(PreparedStatement s, KeyScope scope) throws SQLException {
    s.setString(1, scope.clientId());
    s.setString(2, scope.endpoint());
    s.setString(3, scope.key());
  }

  private static Instant instant(ResultSet r, int column) throws SQLException {
    return r.getObject(column, OffsetDateTime.class).toInstant();
  }

  private static String writeHeaders(Map<String, String> headers) {
    try {
      return JSON.writeValueAsString(headers);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("headers cannot be stored", e);
    }
  }

  private static Map<String, String> readHeaders(String json) {
    try {
      return JSON.readValue(json, HEADERS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored headers are not a JSON object", e);
    }
  }
}
