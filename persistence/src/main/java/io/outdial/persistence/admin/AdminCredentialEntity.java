package io.outdial.persistence.admin;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The single row of {@code admin_credential}: the hash of the generated admin key. */
@Entity
@Table(name = "admin_credential")
class AdminCredentialEntity {
  static final short SINGLE_ROW = 1;

  @Id
  @Column(name = "id")
  short id = SINGLE_ROW;

  @Column(name = "key_hash", nullable = false)
  String keyHash;

  @Column(name = "created_at", nullable = false)
  Instant createdAt;

  protected AdminCredentialEntity() {}

  AdminCredentialEntity(String keyHash, Instant createdAt) {
    this.keyHash = keyHash;
    this.createdAt = createdAt;
  }
}
