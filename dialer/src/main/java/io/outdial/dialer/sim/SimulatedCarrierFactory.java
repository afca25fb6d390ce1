package io.outdial.dialer.sim;

import io.outdial.dialer.spi.ProviderContext;
import io.outdial.dialer.spi.TelephonyProvider;
import io.outdial.dialer.spi.TelephonyProviderFactory;
import java.util.Set;
import java.util.TreeSet;

/**
 * Registers the simulator with {@link java.util.ServiceLoader} under the name {@code simulator}.
 */
public final class SimulatedCarrierFactory implements TelephonyProviderFactory {
  /** The setting that starts the simulator refusing every call. */
  public static final String OUTAGE = "outage";

  @Override
  public String name() {
    return SimulatedCarrier.NAME;
  }

  @Override
  public Set<String> settingKeys() {
    Set<String> keys = new TreeSet<>(SimulatorConfig.KEYS);
    keys.add(OUTAGE);
    return keys;
  }

  /**
   * Creates the simulator; the setting {@code outage=true} starts it switched off (every call
   * refused as unavailable), to see the dispatcher's circuit breaker at work.
   */
  @Override
  public TelephonyProvider create(ProviderContext context) {
    SimulatedCarrier carrier =
        new SimulatedCarrier(SimulatorConfig.fromSettings(context::setting), context.scheduler());
    String outage = context.setting(OUTAGE).orElse("false");
    if (!outage.equalsIgnoreCase("true") && !outage.equalsIgnoreCase("false")) {
      throw new IllegalArgumentException(OUTAGE + " must be true or false, got '" + outage + "'");
    }
    carrier.setAvailable(!Boolean.parseBoolean(outage));
    return carrier;
  }
}
