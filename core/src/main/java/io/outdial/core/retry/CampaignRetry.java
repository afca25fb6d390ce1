package io.outdial.core.retry;

import io.outdial.core.ValidationException;
import io.outdial.core.WireNames;
import io.outdial.core.contact.Disposition;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A campaign's own retry policy ({@code retry_policy} on the wire): each part it leaves out is the
 * server's setting at the moment the dialer decides, see {@link #over(RetryPolicy)}.
 *
 * @param maxAttempts attempts in all, the first included, 1 to {@value #MAX_ATTEMPTS}
 * @param retryable the outcomes worth another attempt, a subset of {@link #RETRYABLE}
 * @param delay the wait before the first retry (before every retry when the backoff is fixed), 0 to
 *     24 hours
 * @param backoff fixed, or exponential (doubling, at most 2 hours or the delay if longer, ±20%
 *     jitter)
 */
public record CampaignRetry(
    Optional<Integer> maxAttempts,
    Optional<Set<Disposition>> retryable,
    Optional<Duration> delay,
    Optional<Kind> backoff) {
  public static final int MAX_ATTEMPTS = 10;
  public static final Duration MAX_DELAY = Duration.ofDays(1);

  /** The outcomes a campaign may retry on. */
  public static final Set<Disposition> RETRYABLE =
      Set.copyOf(
          EnumSet.of(
              Disposition.NO_ANSWER,
              Disposition.BUSY,
              Disposition.TIMEOUT,
              Disposition.FAILED,
              Disposition.VOICEMAIL));

  /** Every part from the server. */
  public static final CampaignRetry SERVER =
      new CampaignRetry(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  private static final String ALLOWED = "no_answer, busy, timeout, failed, voicemail";
  private static final Duration LONGEST_EXPONENTIAL = Duration.ofHours(2);
  private static final double MULTIPLIER = 2.0;
  private static final double JITTER = 0.2;

  /** How the wait grows from one retry to the next. */
  public enum Kind {
    FIXED,
    EXPONENTIAL;

    public String wireName() {
      return WireNames.of(this);
    }

    /** Parses a wire name; unknown names are refused for {@code retry_policy.backoff}. */
    public static Kind fromWire(String value) {
      return WireNames.parse(values(), Kind::wireName, "retry_policy.backoff", value);
    }

    /** The kind of a server's backoff. */
    static Kind of(Backoff backoff) {
      return switch (backoff) {
        case Backoff.Fixed f -> FIXED;
        case Backoff.Exponential e -> EXPONENTIAL;
      };
    }
  }

  public CampaignRetry {
    Objects.requireNonNull(maxAttempts, "maxAttempts");
    Objects.requireNonNull(retryable, "retryable");
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(backoff, "backoff");
    maxAttempts.ifPresent(
        n -> {
          if (n < 1 || n > MAX_ATTEMPTS) {
            throw new ValidationException(
                "retry_policy.max_attempts",
                "retry_policy.max_attempts must be between 1 and " + MAX_ATTEMPTS);
          }
        });
    retryable = retryable.map(CampaignRetry::checked);
    delay.ifPresent(
        d -> {
          if (d.isNegative() || d.compareTo(MAX_DELAY) > 0) {
            throw new ValidationException(
                "retry_policy.delay_seconds",
                "retry_policy.delay_seconds must be between 0 and " + MAX_DELAY.toSeconds());
          }
        });
  }

  private static Set<Disposition> checked(Set<Disposition> outcomes) {
    for (Disposition d : outcomes) {
      if (!RETRYABLE.contains(d)) {
        throw new ValidationException(
            "retry_policy.retryable_statuses",
            "retry_policy.retryable_statuses may hold only " + ALLOWED);
      }
    }
    return Set.copyOf(outcomes);
  }

  /** Parses a status of {@code retry_policy.retryable_statuses}. */
  public static Disposition retryableStatus(String value) {
    Disposition d =
        Arrays.stream(Disposition.values())
            .filter(x -> x.wireName().equals(value))
            .findFirst()
            .filter(RETRYABLE::contains)
            .orElseThrow(
                () ->
                    new ValidationException(
                        "retry_policy.retryable_statuses",
                        "retry_policy.retryable_statuses may hold only " + ALLOWED));
    return d;
  }

  /** Wire names in the order of {@link Disposition}, comma-separated. */
  public static String wireNames(Set<Disposition> outcomes) {
    return Arrays.stream(Disposition.values())
        .filter(outcomes::contains)
        .map(Disposition::wireName)
        .collect(Collectors.joining(","));
  }

  /**
   * The policy the dialer follows for this campaign: its own parts over the server's {@code
   * policy}. A fixed backoff waits {@code delay} before every retry; an exponential one waits
   * {@code delay} first, then doubles, at most 2 hours (or {@code delay} if longer), spread by
   * ±20%. The least wait is the server's, or {@code delay} when shorter.
   */
  public RetryPolicy over(RetryPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    if (this.equals(SERVER)) {
      return policy;
    }
    Duration first = delay.orElseGet(() -> firstDelay(policy.backoff()));
    Kind kind = backoff.orElseGet(() -> Kind.of(policy.backoff()));
    Backoff growth =
        switch (kind) {
          case FIXED -> new Backoff.Fixed(first);
          case EXPONENTIAL ->
              new Backoff.Exponential(
                  first,
                  MULTIPLIER,
                  first.compareTo(LONGEST_EXPONENTIAL) > 0 ? first : LONGEST_EXPONENTIAL,
                  JITTER);
        };
    Duration least = first.compareTo(policy.minDelay()) < 0 ? first : policy.minDelay();
    return new RetryPolicy(
        maxAttempts.orElse(policy.maxAttempts()),
        retryable.orElse(policy.retryable()),
        growth,
        least);
  }

  /** The wait before the first retry of {@code backoff}, without jitter. */
  public static Duration firstDelay(Backoff backoff) {
    return switch (backoff) {
      case Backoff.Fixed f -> f.delay();
      case Backoff.Exponential e -> e.initial();
    };
  }

  /** The kind of {@code backoff}. */
  public static Kind kindOf(Backoff backoff) {
    return Kind.of(backoff);
  }
}
