package io.outdial.persistence.dialing;

import io.outdial.core.dialing.AbandonmentPolicy;
import io.outdial.core.settings.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

/** The dialing ports' JDBC implementations, as the server's CDI beans, on JTA transactions. */
@ApplicationScoped
public class DialingPorts {
  @Inject JtaTransactor tx;

  @Produces
  @ApplicationScoped
  ContactClaims claims() {
    return new JdbcContactClaims(tx);
  }

  @Produces
  @ApplicationScoped
  CallOutcomes outcomes() {
    // the server's abandonment rule (outdial.abandonment.*); a malformed setting fails the start
    return new JdbcCallOutcomes(
        tx,
        AbandonmentPolicy.from(
            Settings.from(
                key -> ConfigProvider.getConfig().getOptionalValue(key, String.class),
                "outdial.")));
  }

  @Produces
  @ApplicationScoped
  DialerLeases leases() {
    return new JdbcDialerLeases(tx);
  }
}
