package io.outdial.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** The webhook settings, read once. */
@ApplicationScoped
public class WebhookProducers {
  @Produces
  @Singleton
  WebhookSettings settings() {
    Config config = ConfigProvider.getConfig();
    return WebhookSettings.from(key -> config.getOptionalValue(key, String.class));
  }
}
