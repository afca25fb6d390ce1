package io.outdial.persistence.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outdial.core.id.CallId;
import io.outdial.core.id.ClientId;
import io.outdial.persistence.dialing.JtaTransactor;
import io.outdial.persistence.dialing.Transactor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Objects;

/**
 * The metadata an integrator writes back onto an ended call ({@code call.metadata}), in plain JDBC
 * on a {@link Transactor}: the call's row is locked, its metadata read, merged in Java ({@link
 * JsonMergePatch}) or replaced, checked against its bounds and written, all in one transaction, so
 * that concurrent merges of one call never lose each other's keys. Scoped by client like the audit
 * trail: another client's call, or a call of a deleted campaign, is not found.
 */
@ApplicationScoped
public class CallMetadataStore {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Transactor tx;

  /** For CDI; the transactions are JTA's. */
  public CallMetadataStore() {}

  /** On {@code tx} (tests run it on a plain data source). */
  public CallMetadataStore(Transactor tx) {
    this.tx = Objects.requireNonNull(tx, "tx");
  }

  @Inject
  void onJta(JtaTransactor jta) {
    this.tx = jta;
  }

  /**
   * Writes {@code body} onto this client's call.
   *
   * @param mode merge {@code body} into the stored object, or replace it
   * @param maxBytes the most UTF-8 bytes the stored object's compact JSON may have
   * @return what was stored, or why nothing was
   */
  public MetadataWrite write(
      ClientId client,
      CallId call,
      MetadataWrite.Mode mode,
      ObjectNode body,
      long maxBytes,
      Instant now) {
    return tx.inTransaction(
        "write call metadata", c -> write(c, client, call, mode, body, maxBytes, now));
  }

  private static MetadataWrite write(
      Connection c,
      ClientId client,
      CallId call,
      MetadataWrite.Mode mode,
      ObjectNode body,
      long maxBytes,
      Instant now)
      throws SQLException {
    String stored;
    try (PreparedStatement s =
        c.prepareStatement(
            "select c.ended_at is not null, c.metadata::text from call c"
                + " join campaign cp on cp.id = c.campaign_id"
                + " where c.id = ? and c.client_id = ? and cp.deleted_at is null"
                + " for update of c")) {
      s.setString(1, call.value());
      s.setString(2, client.value());
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return new MetadataWrite.NotFound();
        }
        if (!r.getBoolean(1)) {
          return new MetadataWrite.NotEnded();
        }
        stored = r.getString(2);
      }
    }
    JsonNode result =
        mode == MetadataWrite.Mode.REPLACE ? body : JsonMergePatch.apply(parse(stored), body);
    String json;
    switch (MetadataBounds.check(result, maxBytes)) {
      case MetadataBounds.Verdict.Fits fits -> json = fits.json();
      case MetadataBounds.Verdict.TooLarge tooLarge -> {
        return new MetadataWrite.TooLarge(
            "The call's metadata would be larger than " + tooLarge.limit() + " bytes");
      }
      case MetadataBounds.Verdict.TooComplex complex -> {
        return new MetadataWrite.TooLarge("The call's metadata " + complex.reason());
      }
      case MetadataBounds.Verdict.NotAnObject notAnObject ->
          throw new IllegalArgumentException("metadata is a JSON object");
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "update call set metadata = ?::jsonb, metadata_updated_at = ? where id = ?")) {
      s.setString(1, json);
      s.setTimestamp(2, Timestamp.from(now));
      s.setString(3, call.value());
      s.executeUpdate();
    }
    return new MetadataWrite.Written(call.value(), (ObjectNode) result, now);
  }

  private static JsonNode parse(String stored) throws SQLException {
    if (stored == null) {
      return null;
    }
    try {
      return JSON.readTree(stored);
    } catch (IOException e) {
      throw new SQLException("stored call metadata is not JSON", e);
    }
  }
}
