package io.outdial.persistence.apikey;

import io.outdial.core.apikey.ApiKey;
import io.outdial.core.apikey.KeyHash;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The API keys of every client. Only active (not revoked) keys are ever returned. */
@ApplicationScoped
@Transactional
public class ApiKeyStore {
  @Inject EntityManager em;
  @Inject Event<ApiKeyRevoked> revocations;

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
    boolean revoked =
        em.createQuery(
                    "update ApiKeyEntity k set k.revokedAt = :at"
                        + " where k.keyHash = :hash and k.revokedAt is null")
                .setParameter("at", at)
                .setParameter("hash", hash.value())
                .executeUpdate()
            == 1;
    if (revoked) {
      revocations.fire(new ApiKeyRevoked(hash));
    }
    return revoked;
  }

  /** Hashes of every active key. */
  public List<KeyHash> activeHashes() {
    return em.createQuery(
            "select k.keyHash from ApiKeyEntity k where k.revokedAt is null", String.class)
        .getResultStream()
        .map(KeyHash::new)
        .toList();
  }

  /** Hashes of the active keys created at or after {@code since}. */
  public List<KeyHash> activeHashesCreatedSince(Instant since) {
    return em.createQuery(
            "select k.keyHash from ApiKeyEntity k where k.revokedAt is null"
                + " and k.createdAt >= :since",
            String.class)
        .setParameter("since", since)
        .getResultStream()
        .map(KeyHash::new)
        .toList();
  }

  /** Hashes of the keys revoked at or after {@code since}. */
  public List<KeyHash> revokedSince(Instant since) {
    return em.createQuery(
            "select k.keyHash from ApiKeyEntity k where k.revokedAt >= :since", String.class)
        .setParameter("since", since)
        .getResultStream()
        .map(KeyHash::new)
        .toList();
  }

  /** Records that these keys were used at {@code at} (kept coarse: callers batch it). */
  public void recordUse(Collection<KeyHash> hashes, Instant at) {
    if (hashes.isEmpty()) {
      return;
    }
    em.createQuery(
            "update ApiKeyEntity k set k.lastUsedAt = :at"
                + " where k.keyHash in :hashes and k.revokedAt is null")
        .setParameter("at", at)
        .setParameter("hashes", hashes.stream().map(KeyHash::value).toList())
        .executeUpdate();
  }
}
