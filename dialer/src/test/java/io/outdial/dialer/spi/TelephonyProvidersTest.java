package io.outdial.dialer.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.dialer.sim.SimulatedCarrier;
import io.outdial.dialer.testing.ManualScheduler;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelephonyProvidersTest {
  private final ManualScheduler scheduler = new ManualScheduler();

  @Test
  void serviceLoaderFindsTheSimulatorAsTheDefaultProvider() {
    assertThat(TelephonyProviders.available()).contains(TelephonyProviders.DEFAULT);

    TelephonyProvider provider =
        TelephonyProviders.create(
            "Simulator",
            new ProviderContext(
                scheduler.clock(), scheduler, Map.of("seed", "5", "time-scale", "0")));

    assertThat(provider).isInstanceOf(SimulatedCarrier.class);
    assertThat(provider.name()).isEqualTo("simulator");
    SimulatedCarrier sim = (SimulatedCarrier) provider;
    assertThat(sim.config().seed()).isEqualTo(5);
    assertThat(sim.config().timeScale()).isZero();
  }

  @Test
  void unknownProviderNameListsTheAvailableOnes() {
    ProviderContext context = new ProviderContext(scheduler.clock(), scheduler, Map.of());
    assertThatThrownBy(() -> TelephonyProviders.create("pstn", context))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pstn")
        .hasMessageContaining("simulator");
  }

  @Test
  void contextNeverPrintsSettingValues() {
    ProviderContext context =
        new ProviderContext(scheduler.clock(), scheduler, Map.of("password", "hunter2"));
    assertThat(context.toString()).doesNotContain("hunter2");
    assertThat(context.setting("password")).contains("hunter2");
    assertThat(context.setting("missing")).isEmpty();
  }
}
