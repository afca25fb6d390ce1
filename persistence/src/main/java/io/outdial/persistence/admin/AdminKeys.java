package io.outdial.persistence.admin;

import io.outdial.core.admin.AdminKeyThrottle;
import io.outdial.core.admin.KeyAttempt;
import io.outdial.core.apikey.KeyHash;
import io.outdial.core.apikey.Secrets;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides which admin key is valid and checks presented keys against it, slowing down guesses.
 *
 * <p>{@code ADMIN_API_KEY}, when configured, is the admin key; it must have at least {@value
 * #MIN_CONFIGURED_LENGTH} characters, or the application does not start. Otherwise the hash stored
 * in the database is; at the very first start there is none, so a key is generated, its hash stored
 * and the key itself printed once in a marked log line. {@code OUTDIAL_ADMIN_KEY_ROTATE=true}
 * replaces a stored key the same way. A stored hash is read again at most every {@link
 * #REFRESH_EVERY} (by one request at a time, never a query per request), so that a rotation made by
 * one server takes effect on the others within that time.
 *
 * <p>Every way in (the admin API's {@code X-Admin-Key}, the admin pages' sign-in) goes through
 * {@link #attempt}, and so through one {@link AdminKeyThrottle}: an address's wrong keys count the
 * same wherever they were tried.
 */
@ApplicationScoped
public class AdminKeys {
  /** The fewest characters (after trimming) that {@code ADMIN_API_KEY} may have. */
  public static final int MIN_CONFIGURED_LENGTH = 32;

  /** How stale a server's copy of the stored admin key hash may get. */
  public static final Duration REFRESH_EVERY = Duration.ofSeconds(5);

  private static final Logger LOG = Logger.getLogger(AdminKeys.class.getName());

  @Inject
  @ConfigProperty(name = "ADMIN_API_KEY")
  Optional<String> configuredKey;

  @Inject
  @ConfigProperty(name = "outdial.admin.key.rotate", defaultValue = "false")
  boolean rotate;

  @Inject AdminCredentialStore store;
  @Inject Clock clock;

  private AdminKeyThrottle throttle;
  private volatile KeyHash expected;

  /** Whether {@link #expected} is the stored hash, and so read again from time to time. */
  private volatile boolean stored;

  private volatile Instant nextRefresh = Instant.MAX;
  private final AtomicBoolean refreshing = new AtomicBoolean();

  @PostConstruct
  void init() {
    throttle = new AdminKeyThrottle(clock);
  }

  /** Settles the admin key once the schema exists (the persistence unit starts at priority 100). */
  void start(@Observes @Priority(200) @Initialized(ApplicationScoped.class) Object event) {
    Optional<String> configured = configuredKey.map(String::strip).filter(k -> !k.isEmpty());
    if (configured.isPresent()) {
      String key = configured.get();
      if (key.codePointCount(0, key.length()) < MIN_CONFIGURED_LENGTH) {
        // never the key itself, nor its length: only what the operator must change
        String refusal =
            "Admin key: ADMIN_API_KEY is shorter than "
                + MIN_CONFIGURED_LENGTH
                + " characters; Outdial does not start with it. Set ADMIN_API_KEY to at least "
                + MIN_CONFIGURED_LENGTH
                + " random characters (e.g. openssl rand -base64 32), or unset it to use the key"
                + " generated at first start.";
        LOG.severe(refusal);
        throw new IllegalStateException(refusal);
      }
      expected = KeyHash.of(key);
      LOG.info("Admin key: using ADMIN_API_KEY from the configuration");
      return;
    }
    Optional<KeyHash> current = store.current();
    if (current.isPresent() && !rotate) {
      useStored(current.get());
      LOG.info("Admin key: using the key generated at first start (its hash is stored)");
      return;
    }
    String generated = Secrets.newAdminKey();
    KeyHash hash = KeyHash.of(generated);
    if (current.isPresent()) {
      store.replace(hash, clock.instant());
    } else if (!store.storeIfAbsent(hash, clock.instant()).equals(hash)) {
      // another server generated and printed the key first; it is the one in force
      useStored(store.current().orElseThrow());
      return;
    }
    useStored(hash);
    announce(generated, current.isPresent());
  }

  /**
   * One attempt from {@code address} (the client's TCP peer address) with {@code candidate}:
   * refused uncompared while the address is locked out, otherwise compared in constant time and
   * counted.
   */
  public KeyAttempt attempt(String address, String candidate) {
    refreshIfDue();
    KeyHash current = expected;
    // hashed before the throttle holds the address, so that the comparison inside is quick
    byte[] presented = digestText(KeyHash.of(candidate == null ? "" : candidate));
    return throttle.attempt(
        address, () -> current != null && MessageDigest.isEqual(digestText(current), presented));
  }

  private void useStored(KeyHash hash) {
    expected = hash;
    stored = true;
    nextRefresh = clock.instant().plus(REFRESH_EVERY);
  }

  /**
   * Reads the stored hash again when the last read is {@link #REFRESH_EVERY} old. One request does
   * it while the others go on with the last known hash; a failed read keeps that hash too.
   */
  private void refreshIfDue() {
    if (!stored
        || clock.instant().isBefore(nextRefresh)
        || !refreshing.compareAndSet(false, true)) {
      return;
    }
    try {
      if (!clock.instant().isBefore(nextRefresh)) { // else another request read it a moment ago
        try {
          refresh();
        } finally {
          nextRefresh = clock.instant().plus(REFRESH_EVERY);
        }
      }
    } finally {
      refreshing.set(false);
    }
  }

  private void refresh() {
    try {
      Optional<KeyHash> latest = store.current();
      if (latest.isEmpty()) {
        LOG.warning(
            "Admin key: the stored admin key hash is gone from the database; the last known one"
                + " stays in force");
      } else if (!latest.get().equals(expected)) {
        expected = latest.get();
        LOG.info(
            "Admin key: the stored admin key was replaced (rotated by another server); the new"
                + " one is in force here");
      }
    } catch (RuntimeException e) {
      LOG.warning(
          "Admin key: could not read the stored admin key hash again ("
              + e.getClass().getName()
              + ": "
              + e.getMessage()
              + "); the last known one stays in force");
    }
  }

  private static byte[] digestText(KeyHash hash) {
    return hash.value().getBytes(StandardCharsets.US_ASCII);
  }

  // The one place a secret is ever logged, and only at the moment it is created: the operator has
  // no other way to learn a generated key.
  private static void announce(String key, boolean rotated) {
    String rule = "=".repeat(78);
    LOG.warning(
        "\n"
            + rule
            + "\n  OUTDIAL ADMIN KEY "
            + (rotated ? "(rotated) " : "")
            + "- shown only this once, store it now:\n\n    "
            + key
            + "\n\n  Use it as the X-Admin-Key header. Only its hash is kept; to replace it, restart"
            + "\n  with OUTDIAL_ADMIN_KEY_ROTATE=true, or set ADMIN_API_KEY.\n"
            + rule);
  }
}
