package io.outdial.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.core.webhook.Retention;
import io.outdial.persistence.webhook.Purged;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PurgingTest {
  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Retention THIRTY_DAYS = new Retention(Duration.ofDays(30));

  private final MemoryDeliveries log = new MemoryDeliveries();

  @Test
  void batchesRunUntilOneIsNotFullWithTheCutoffOfTheRetention() {
    log.purges.add(new Purged(10, 3, false));
    log.purges.add(new Purged(4, 10, false));
    log.purges.add(new Purged(2, 1, false));
    log.purges.add(new Purged(10, 10, false)); // never asked for

    Purged run = new Purging(log, THIRTY_DAYS, CLOCK, 10, 100).run();

    assertThat(run).isEqualTo(new Purged(16, 14, false));
    assertThat(log.purgeCutoffs).hasSize(3).containsOnly(NOW.minus(Duration.ofDays(30)));
  }

  @Test
  void aRunStopsAtItsBatchLimitAndWhenAnotherServerPurges() {
    for (int i = 0; i < 5; i++) {
      log.purges.add(new Purged(10, 10, false));
    }
    assertThat(new Purging(log, THIRTY_DAYS, CLOCK, 10, 3).run())
        .isEqualTo(new Purged(30, 30, false));

    log.purges.clear();
    log.purges.add(Purged.SKIPPED);
    assertThat(new Purging(log, THIRTY_DAYS, CLOCK, 10, 3).run()).isEqualTo(Purged.SKIPPED);

    log.purges.add(new Purged(10, 0, false));
    log.purges.add(Purged.SKIPPED);
    assertThat(new Purging(log, THIRTY_DAYS, CLOCK, 10, 3).run())
        .as("what the first batch removed counts")
        .isEqualTo(new Purged(10, 0, false));
  }

  @Test
  void aRetentionOfZeroNeverPurges() {
    assertThat(new Purging(log, Retention.FOREVER, CLOCK, 10, 3).run().rows()).isZero();
    assertThat(log.purgeCutoffs).isEmpty();
  }
}
