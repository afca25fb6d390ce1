package io.outdial.persistence.admin;

import io.outdial.core.apikey.KeyHash;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/** Keeps the hash of the generated admin key. */
@ApplicationScoped
@Transactional
public class AdminCredentialStore {
  @Inject EntityManager em;

  /** The stored admin key hash, if a key was ever generated. */
  public Optional<KeyHash> current() {
    return Optional.ofNullable(
            em.find(AdminCredentialEntity.class, AdminCredentialEntity.SINGLE_ROW))
        .map(row -> new KeyHash(row.keyHash));
  }

  /**
   * Stores {@code hash} unless another server stored one first; returns the hash now in force.
   * Servers starting together on an empty database thus agree on one admin key.
   */
  public KeyHash storeIfAbsent(KeyHash hash, Instant at) {
    int inserted =
        em.createNativeQuery(
                "insert into admin_credential (id, key_hash, created_at) values (1, ?1, ?2)"
                    + " on conflict (id) do nothing")
            .setParameter(1, hash.value())
            .setParameter(2, at)
            .executeUpdate();
    if (inserted == 1) {
      return hash;
    }
    return current().orElseThrow();
  }

  /** Replaces the stored hash (rotation). */
  public void replace(KeyHash hash, Instant at) {
    AdminCredentialEntity row =
        em.find(
            AdminCredentialEntity.class,
            AdminCredentialEntity.SINGLE_ROW,
            LockModeType.PESSIMISTIC_WRITE);
    if (row == null) {
      em.persist(new AdminCredentialEntity(hash.value(), at));
    } else {
      row.keyHash = hash.value();
      row.createdAt = at;
    }
  }
}
