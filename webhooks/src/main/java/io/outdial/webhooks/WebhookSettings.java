package io.outdial.webhooks;

import io.outdial.core.ValidationException;
import io.outdial.core.settings.Settings;
import io.outdial.core.webhook.DeliveryPace;
import io.outdial.core.webhook.DestinationPolicy;
import io.outdial.core.webhook.Retention;
import io.outdial.core.webhook.RetrySchedule;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Function;

/**
 * The webhook settings, read once at start from MicroProfile Config (each also an environment
 * variable: {@code outdial.webhooks.timeout-seconds} is {@code OUTDIAL_WEBHOOKS_TIMEOUT_SECONDS})
 * through the settings reader of {@code core} ({@link Settings}). The durations ({@code -seconds},
 * {@code -hours}, {@code -ms}) take its one syntax ({@code 15s}, {@code 2m}, {@code PT15S}), a bare
 * number being in the unit the name ends with.
 *
 * @param enabled whether this server sends ({@code outdial.webhooks.enabled}); the API and the
 *     outbox work either way
 * @param destinations where deliveries may go ({@code outdial.webhooks.allowed-destinations}: host
 *     names and address blocks allowed although not public, which alone may use plain http)
 * @param retry when failed deliveries and challenges are tried again ({@code
 *     outdial.webhooks.retry-schedule}, e.g. {@code 5s,5m,30m}; the Standard Webhooks schedule by
 *     default)
 * @param timeout how long an endpoint has to answer ({@code outdial.webhooks.timeout-seconds})
 * @param disableAfter an endpoint whose deliveries all failed for this long is disabled ({@code
 *     outdial.webhooks.disable-after-hours})
 * @param poll how often the sender looks for due deliveries ({@code outdial.webhooks.poll-ms})
 * @param concurrency the most deliveries this server has in flight ({@code
 *     outdial.webhooks.concurrency})
 * @param secretOverlap how long a rotated-out secret keeps signing ({@code
 *     outdial.webhooks.secret-overlap-hours})
 * @param yieldAt the dialing load (the share of time this server's dialer is busy, 0 to 1) at and
 *     above which the sender slows down to leave the machine to dialing ({@code
 *     outdial.webhooks.yield-to-dialing-at}; above 1: never)
 * @param retention how long the delivery log keeps finished deliveries and their events ({@code
 *     outdial.webhooks.retention-days}, 30 by default; 0 keeps them forever)
 */
public record WebhookSettings(
    boolean enabled,
    DestinationPolicy destinations,
    RetrySchedule retry,
    Duration timeout,
    Duration disableAfter,
    Duration poll,
    int concurrency,
    Duration secretOverlap,
    double yieldAt,
    Retention retention) {

  /** The prefix of every webhook setting. */
  static final String PREFIX = "outdial.webhooks.";

  /** Reads every setting through {@code setting} (a MicroProfile Config look-up). */
  public static WebhookSettings from(Function<String, Optional<String>> setting) {
    Settings in = Settings.from(setting, PREFIX);
    String allowed = in.string("allowed-destinations", "");
    String schedule = in.string("retry-schedule", "");
    DestinationPolicy destinations;
    RetrySchedule retry;
    try {
      destinations = DestinationPolicy.parse(allowed);
    } catch (ValidationException e) {
      throw in.invalid("allowed-destinations", allowed, explained(e));
    }
    try {
      retry = schedule.isEmpty() ? RetrySchedule.STANDARD : RetrySchedule.parse(schedule);
    } catch (ValidationException e) {
      throw in.invalid("retry-schedule", schedule, explained(e));
    }
    return new WebhookSettings(
        in.bool("enabled", true),
        destinations,
        retry,
        in.duration(
            "timeout-seconds",
            Duration.ofSeconds(15),
            ChronoUnit.SECONDS,
            Duration.ofSeconds(1),
            Duration.ofSeconds(60)),
        in.duration(
            "disable-after-hours",
            Duration.ofHours(120),
            ChronoUnit.HOURS,
            Duration.ofHours(1),
            Duration.ofDays(60)),
        in.duration(
            "poll-ms",
            Duration.ofMillis(200),
            ChronoUnit.MILLIS,
            Duration.ofMillis(10),
            Duration.ofMinutes(1)),
        in.integer("concurrency", 32, 1, 1_000),
        in.duration(
            "secret-overlap-hours",
            Duration.ofHours(24),
            ChronoUnit.HOURS,
            Duration.ZERO,
            Duration.ofDays(30)),
        in.number("yield-to-dialing-at", 0.75, 0.1, 2),
        new Retention(
            in.duration(
                "retention-days",
                Duration.ofDays(30),
                ChronoUnit.DAYS,
                Duration.ZERO,
                Duration.ofDays(3650))));
  }

  /** How many deliveries may be in flight as dialing gets busy. */
  public DeliveryPace pace() {
    return DeliveryPace.of(concurrency, yieldAt);
  }

  private static String explained(ValidationException e) {
    return "valid (" + e.getMessage() + ")";
  }
}
