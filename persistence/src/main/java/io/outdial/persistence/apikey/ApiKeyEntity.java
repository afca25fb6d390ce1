package io.outdial.persistence.apikey;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Row of {@code api_key}. Revoked keys keep their row (for audit) with {@code revoked_at} set. */
@Entity
@Table(name = "api_key")
class ApiKeyEntity {
  @Id
  @Column(name = "key_hash", nullable = false, updatable = false)
  String keyHash;

  @Column(name = "client_id", nullable = false, updatable = false)
  String clientId;

  @Column(name = "name", nullable = false)
  String name;

  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(name = "scopes", nullable = false)
  String[] scopes;

  @Column(name = "created_at", nullable = false, updatable = false)
  Instant createdAt;

  @Column(name = "last_used_at")
  Instant lastUsedAt;

  @Column(name = "revoked_at")
  Instant revokedAt;

  protected ApiKeyEntity() {}
}
