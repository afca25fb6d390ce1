package io.outdial.dialer.sim;

import io.outdial.core.settings.Settings;
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

  /** The prefix operators write before every key. */
  static final String PREFIX = "outdial.telephony." + SimulatedCarrier.NAME + ".";

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
    Settings in = Settings.of(context.settings(), PREFIX);
    SimulatedCarrier carrier =
        new SimulatedCarrier(SimulatorConfig.fromSettings(in), context.scheduler());
    carrier.setAvailable(!in.bool(OUTAGE, false));
    return carrier;
  }
}
