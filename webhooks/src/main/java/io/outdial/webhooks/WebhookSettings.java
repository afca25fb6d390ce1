package io.outdial.webhooks;

import io.outdial.core.ValidationException;
import io.outdial.core.webhook.DestinationPolicy;
import io.outdial.core.webhook.RetrySchedule;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The webhook settings, read once at start from MicroProfile Config (each also an environment
 * variable: {@code outdial.webhooks.timeout-seconds} is {@code OUTDIAL_WEBHOOKS_TIMEOUT_SECONDS}).
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
 */
public record WebhookSettings(
    boolean enabled,
    DestinationPolicy destinations,
    RetrySchedule retry,
    Duration timeout,
    Duration disableAfter,
    Duration poll,
    int concurrency,
    Duration secretOverlap) {

  /** Reads every setting through {@code setting} (a MicroProfile Config look-up). */
  public static WebhookSettings from(Function<String, Optional<String>> setting) {
    String allowed = setting.apply("outdial.webhooks.allowed-destinations").orElse("");
    String schedule =
        setting.apply("outdial.webhooks.retry-schedule").map(String::strip).orElse("");
    DestinationPolicy destinations;
    RetrySchedule retry;
    try {
      destinations = DestinationPolicy.parse(allowed);
    } catch (ValidationException e) {
      throw invalid("outdial.webhooks.allowed-destinations", allowed, e.getMessage());
    }
    try {
      retry = schedule.isEmpty() ? RetrySchedule.STANDARD : RetrySchedule.parse(schedule);
    } catch (ValidationException e) {
      throw invalid("outdial.webhooks.retry-schedule", schedule, e.getMessage());
    }
    return new WebhookSettings(
        setting
            .apply("outdial.webhooks.enabled")
            .map(v -> !v.strip().equalsIgnoreCase("false"))
            .orElse(true),
        destinations,
        retry,
        Duration.ofSeconds(integer(setting, "outdial.webhooks.timeout-seconds", 15, 1, 60)),
        Duration.ofHours(integer(setting, "outdial.webhooks.disable-after-hours", 120, 1, 24 * 60)),
        Duration.ofMillis(integer(setting, "outdial.webhooks.poll-ms", 200, 10, 60_000)),
        integer(setting, "outdial.webhooks.concurrency", 32, 1, 1_000),
        Duration.ofHours(integer(setting, "outdial.webhooks.secret-overlap-hours", 24, 0, 720)));
  }

  private static int integer(
      Function<String, Optional<String>> setting, String key, int fallback, int min, int max) {
    Optional<String> value = setting.apply(key).map(String::strip).filter(v -> !v.isEmpty());
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.get());
      if (n < min || n > max) {
        throw invalid(key, value.get(), "a whole number from " + min + " to " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw invalid(key, value.get(), "a whole number from " + min + " to " + max);
    }
  }

  private static IllegalArgumentException invalid(String key, String value, String expected) {
    return new IllegalArgumentException(
        "Setting " + key + "='" + value + "' is not valid: expected " + expected);
  }
}
