package io.outdial.persistence.admin;

import io.outdial.core.apikey.KeyHash;
import io.outdial.core.apikey.Secrets;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides which admin key is valid and checks presented keys against it.
 *
 * <p>{@code ADMIN_API_KEY}, when configured, is the admin key. Otherwise the hash stored in the
 * database is; at the very first start there is none, so a key is generated, its hash stored and
 * the key itself printed once in a marked log line. {@code OUTDIAL_ADMIN_KEY_ROTATE=true} replaces
 * a stored key the same way.
 */
@ApplicationScoped
public class AdminKeys {
  private static final Logger LOG = Logger.getLogger(AdminKeys.class.getName());

  @Inject
  @ConfigProperty(name = "ADMIN_API_KEY")
  Optional<String> configuredKey;

  @Inject
  @ConfigProperty(name = "outdial.admin.key.rotate", defaultValue = "false")
  boolean rotate;

  @Inject AdminCredentialStore store;
  @Inject Clock clock;

  private volatile KeyHash expected;

  /** Settles the admin key once the schema exists (the persistence unit starts at priority 100). */
  void start(@Observes @Priority(200) @Initialized(ApplicationScoped.class) Object event) {
    Optional<String> configured = configuredKey.map(String::strip).filter(k -> !k.isEmpty());
    if (configured.isPresent()) {
      expected = KeyHash.of(configured.get());
      LOG.info("Admin key: using ADMIN_API_KEY from the configuration");
      return;
    }
    Optional<KeyHash> stored = store.current();
    if (stored.isPresent() && !rotate) {
      expected = stored.get();
      LOG.info("Admin key: using the key generated at first start (its hash is stored)");
      return;
    }
    String generated = Secrets.newAdminKey();
    KeyHash hash = KeyHash.of(generated);
    if (stored.isPresent()) {
      store.replace(hash, clock.instant());
    } else if (!store.storeIfAbsent(hash, clock.instant()).equals(hash)) {
      // another server generated and printed the key first; it is the one in force
      expected = store.current().orElseThrow();
      return;
    }
    expected = hash;
    announce(generated, stored.isPresent());
  }

  /** Whether {@code candidate} is the admin key; compares digests in constant time. */
  public boolean matches(String candidate) {
    KeyHash current = expected;
    return current != null && candidate != null && current.matches(candidate);
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
