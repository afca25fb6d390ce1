package io.outdial.rest.health;

import io.outdial.dialer.dispatch.Telephony;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Down while the telephony provider refuses calls and its circuit breaker holds dialing. */
@Readiness
@ApplicationScoped
public class TelephonyReadiness implements HealthCheck {
  @Inject Telephony telephony;

  @Override
  public HealthCheckResponse call() {
    var response =
        HealthCheckResponse.named("telephony").withData("provider", telephony.providerName());
    return telephony
        .unavailableSince()
        .map(since -> response.down().withData("unavailable_since", since.toString()).build())
        .orElseGet(() -> response.up().build());
  }
}
