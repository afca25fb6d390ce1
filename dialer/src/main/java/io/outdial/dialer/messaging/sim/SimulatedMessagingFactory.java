package io.outdial.dialer.messaging.sim;

import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.settings.Settings;
import io.outdial.dialer.messaging.MessagingContext;
import io.outdial.dialer.messaging.MessagingProvider;
import io.outdial.dialer.messaging.MessagingProviderFactory;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The {@code simulator} messaging provider. Settings ({@code outdial.messaging.simulator.*}):
 * {@code fail-to} and {@code unavailable-to}, comma-separated E.164 numbers the simulator refuses
 * or is unavailable for.
 */
public final class SimulatedMessagingFactory implements MessagingProviderFactory {
  public static final String NAME = "simulator";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> settingKeys() {
    return Set.of("fail-to", "unavailable-to");
  }

  @Override
  public MessagingProvider create(MessagingContext context) {
    Settings in = Settings.of(context.settings(), "outdial.messaging.simulator.");
    return new SimulatedMessaging(numbers(in, "fail-to"), numbers(in, "unavailable-to"));
  }

  private static Set<PhoneNumber> numbers(Settings in, String key) {
    Set<PhoneNumber> numbers = new LinkedHashSet<>();
    for (String part : in.string(key, "").split(",")) {
      if (part.isBlank()) {
        continue;
      }
      try {
        numbers.add(PhoneNumber.ofE164(part.strip()));
      } catch (RuntimeException e) {
        throw in.invalid(key, part.strip(), "comma-separated E.164 numbers");
      }
    }
    return numbers;
  }
}
