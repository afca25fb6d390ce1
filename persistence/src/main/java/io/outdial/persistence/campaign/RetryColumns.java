package io.outdial.persistence.campaign;

import io.outdial.core.contact.Disposition;
import io.outdial.core.retry.CampaignRetry;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A campaign's own retry policy in its four nullable columns ({@code retry_max_attempts}, {@code
 * retry_statuses}, {@code retry_delay_seconds}, {@code retry_backoff}); null is the server's
 * setting.
 */
public final class RetryColumns {
  private RetryColumns() {}

  /** The policy read from the columns' values, each possibly null. */
  public static CampaignRetry read(
      Integer maxAttempts, String statuses, Integer delaySeconds, String backoff) {
    return new CampaignRetry(
        Optional.ofNullable(maxAttempts),
        Optional.ofNullable(statuses).map(RetryColumns::statuses),
        Optional.ofNullable(delaySeconds).map(Duration::ofSeconds),
        Optional.ofNullable(backoff).map(CampaignRetry.Kind::fromWire));
  }

  public static Integer maxAttempts(CampaignRetry r) {
    return r.maxAttempts().orElse(null);
  }

  public static String statuses(CampaignRetry r) {
    return r.retryable().map(CampaignRetry::wireNames).orElse(null);
  }

  public static Integer delaySeconds(CampaignRetry r) {
    return r.delay().map(d -> (int) d.toSeconds()).orElse(null);
  }

  public static String backoff(CampaignRetry r) {
    return r.backoff().map(CampaignRetry.Kind::wireName).orElse(null);
  }

  private static Set<Disposition> statuses(String column) {
    Set<Disposition> set = EnumSet.noneOf(Disposition.class);
    Arrays.stream(column.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(Disposition::fromWire)
        .forEach(set::add);
    return set;
  }
}
