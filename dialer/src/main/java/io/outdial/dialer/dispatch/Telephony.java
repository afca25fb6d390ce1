package io.outdial.dialer.dispatch;

import io.outdial.core.id.CampaignId;
import io.outdial.dialer.agent.CampaignScript;
import io.outdial.dialer.call.CallConductor;
import io.outdial.dialer.call.CallObserver;
import io.outdial.dialer.call.CallSession;
import io.outdial.dialer.spi.CallRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * The one way calls are placed: through a MicroProfile Fault Tolerance circuit breaker and timeout.
 * While the breaker is open the dispatcher holds, {@code /health/ready} reports the provider down
 * and operations that need it answer 502. The provider, the agent and the call driver come from
 * {@link DialerProducers}, made on the first call placed.
 */
@ApplicationScoped
public class Telephony {
  private static final System.Logger LOG = System.getLogger(Telephony.class.getName());

  /** How long the breaker stays open before it lets a trial call through. */
  public static final Duration BREAKER_DELAY = Duration.ofSeconds(5);

  @Inject Provider<CallConductor> conductors;
  @Inject DialerSettings settings;
  @Inject Clock clock;

  private volatile CallConductor conductor;
  private volatile Instant unavailableSince;

  /**
   * Places a call. Every exception counts against the circuit breaker; when it is open this throws
   * {@link org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException} without
   * trying.
   *
   * @throws io.outdial.dialer.spi.ProviderUnavailableException when the provider refuses calls
   */
  @CircuitBreaker(
      requestVolumeThreshold = 4,
      failureRatio = 0.75,
      delay = 5,
      delayUnit = ChronoUnit.SECONDS,
      successThreshold = 1)
  @Timeout(value = 5, unit = ChronoUnit.SECONDS)
  public CallSession place(CallRequest request, CampaignScript script, CallObserver observer) {
    return conductor().start(request, script, observer);
  }

  /**
   * Has the provider prepare a campaign's reusable lines (its greeting, its voicemail message)
   * before its first call is answered; returns at once. A failure is logged and costs nothing else:
   * the calls then synthesise the lines themselves.
   */
  public void prepare(CampaignId campaign, CampaignScript script) {
    CompletableFuture<Void> ready;
    try {
      ready = conductor().prepare(script);
    } catch (RuntimeException e) {
      ready = CompletableFuture.failedFuture(e);
    }
    ready.whenComplete(
        (v, error) -> {
          if (error != null) {
            Throwable cause =
                error instanceof CompletionException && error.getCause() != null
                    ? error.getCause()
                    : error;
            LOG.log(
                System.Logger.Level.WARNING,
                "Could not prepare the greeting or voicemail audio of campaign {0}: {1}",
                campaign.value(),
                cause.getMessage());
          }
        });
  }

  /** Notes that the provider refused a call or the breaker is open. */
  public void unavailable() {
    if (unavailableSince == null) {
      unavailableSince = clock.instant();
      LOG.log(System.Logger.Level.WARNING, "The telephony provider is unavailable; dialing holds");
    }
  }

  /** Notes that the provider took a call. */
  public void available() {
    if (unavailableSince != null) {
      unavailableSince = null;
      LOG.log(System.Logger.Level.INFO, "The telephony provider is available again");
    }
  }

  /** Since when the provider has been refusing calls, if it is. */
  public Optional<Instant> unavailableSince() {
    return Optional.ofNullable(unavailableSince);
  }

  /** The provider's name, for health checks and logs. */
  public String providerName() {
    return settings.provider().toLowerCase(Locale.ROOT);
  }

  /** The call driver, made on first use; one that could not be made is tried again. */
  CallConductor conductor() {
    CallConductor current = conductor;
    if (current == null) {
      synchronized (this) {
        current = conductor;
        if (current == null) {
          current = conductors.get();
          conductor = current;
        }
      }
    }
    return current;
  }
}
