package io.outdial.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The application's clock: UTC system time, injected everywhere so that tests could replace it. */
@ApplicationScoped
public class ClockProducer {
  @Produces
  Clock clock() {
    return Clock.systemUTC();
  }
}
