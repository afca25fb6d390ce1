package io.outdial.rest.idempotency;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The settings of {@code Idempotency-Key}. */
@ApplicationScoped
public class IdempotencySettings {
  /**
   * How long a key counts after its first request ({@code OUTDIAL_IDEMPOTENCY_LIFETIME_SECONDS});
   * afterwards the key may be used for another request.
   */
  @Inject
  @ConfigProperty(name = "outdial.idempotency.lifetime-seconds", defaultValue = "86400")
  long lifetimeSeconds;

  /**
   * How long a request may hold its key unfinished before a retry with the same key and body takes
   * it over, presuming its server died ({@code OUTDIAL_IDEMPOTENCY_TAKEOVER_SECONDS}). Ten minutes
   * is many times the slowest request that holds a key (a synchronous 50 MB JSON upload), so no
   * live request is taken over, and still frees a key a dead server left within minutes.
   */
  @Inject
  @ConfigProperty(name = "outdial.idempotency.takeover-seconds", defaultValue = "600")
  long takeoverSeconds;

  public Duration lifetime() {
    return Duration.ofSeconds(Math.max(1, lifetimeSeconds));
  }

  public Duration takeoverAfter() {
    return Duration.ofSeconds(Math.max(1, takeoverSeconds));
  }

  /** {@code 24 hours}, {@code 90 minutes} or {@code 45 seconds}. */
  static String describe(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds % 3600 == 0) {
      return plural(seconds / 3600, "hour");
    }
    if (seconds % 60 == 0) {
      return plural(seconds / 60, "minute");
    }
    return plural(seconds, "second");
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
