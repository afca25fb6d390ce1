package io.outdial.messaging.smpp;

import io.outdial.dialer.messaging.MessagingContext;
import io.outdial.dialer.messaging.MessagingProvider;
import io.outdial.dialer.messaging.MessagingProviderFactory;
import java.util.Set;

/** The {@code smpp} messaging provider; settings in {@link SmppSettings}. */
public final class SmppMessagingFactory implements MessagingProviderFactory {
  public static final String NAME = "smpp";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> settingKeys() {
    return SmppSettings.KEYS;
  }

  @Override
  public MessagingProvider create(MessagingContext context) {
    return new SmppMessaging(SmppSettings.from(context.settings()));
  }
}
