package io.outdial.persistence.apikey;

import io.outdial.core.apikey.ApiKey;
import io.outdial.core.apikey.KeyHash;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The API keys of every client. Only active (not revoked) keys are ever returned. */
@ApplicationScoped
@Transactional
public class ApiKeyStore {
  @Inject EntityManager em;

  /** Stores a new key. */
  public void create(ApiKey key) {
    em.persist(ApiKeyMapper.toEntity(key));
  }

  /** The active key with this hash. */
  public Optional<ApiKey> findActive(KeyHash hash) {
    return em.createQuery(
            "select k from ApiKeyEntity k where k.keyHash = :hash and k.revokedAt is null",
            ApiKeyEntity.class)
        .setParameter("hash", hash.value())
        .getResultStream()
        .findFirst()
        .map(ApiKeyMapper::toDomain);
  }

  /** Every active key, oldest first. */
  public List<ApiKey> listActive() {
    return em.createQuery(
            "select k from ApiKeyEntity k where k.revokedAt is null"
                + " order by k.createdAt, k.keyHash",
            ApiKeyEntity.class)
        .getResultStream()
        .map(ApiKeyMapper::toDomain)
        .toList();
  }

  /** The active keys of one client, oldest first. */
  public List<ApiKey> listActive(String clientId) {
    return em.createQuery(
            "select k from ApiKeyEntity k where k.clientId = :client and k.revokedAt is null"
                + " order by k.createdAt, k.keyHash",
            ApiKeyEntity.class)
        .setParameter("client", clientId)
        .getResultStream()
        .map(ApiKeyMapper::toDomain)
        .toList();
  }

  /**
   * Revokes an active key.
   *
   * @return whether an active key with this hash existed (and is now revoked)
   */
  public boolean revoke(KeyHash hash, Instant at) {
    return em.createQuery(
                "update ApiKeyEntity k set k.revokedAt = :at"
                    + " where k.keyHash = :hash and k.revokedAt is null")
            .setParameter("at", at)
            .setParameter("hash", hash.value())
            .executeUpdate()
        == 1;
  }
}
