package io.outdial.dialer.sim;

import io.outdial.dialer.spi.ProviderContext;
import io.outdial.dialer.spi.TelephonyProvider;
import io.outdial.dialer.spi.TelephonyProviderFactory;

/**
 * Registers the simulator with {@link java.util.ServiceLoader} under the name {@code simulator}.
 */
public final class SimulatedCarrierFactory implements TelephonyProviderFactory {
  @Override
  public String name() {
    return SimulatedCarrier.NAME;
  }

  @Override
  public TelephonyProvider create(ProviderContext context) {
    return new SimulatedCarrier(
        SimulatorConfig.fromSettings(context::setting), context.scheduler());
  }
}
