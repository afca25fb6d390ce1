package io.outdial.dialer.sms;

import io.outdial.core.calling.RecipientTimeZones;
import io.outdial.core.settings.Settings;
import io.outdial.dialer.dispatch.DialerSettings;
import io.outdial.dialer.messaging.MessagingContext;
import io.outdial.dialer.messaging.MessagingProvider;
import io.outdial.dialer.messaging.MessagingProviderFactory;
import io.outdial.dialer.messaging.MessagingProviders;
import io.outdial.persistence.sms.SmsMessages;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.Config;

/**
 * Sends the queued text messages on the servers that dial: every {@code
 * outdial.messaging.poll-interval} (250ms) it runs a {@link SmsDispatch} pass on the managed
 * scheduled executor, one pass at a time, through the provider named by {@code outdial.messaging}
 * ({@code simulator} by default) with its settings {@code outdial.messaging.<name>.<key>}.
 */
@ApplicationScoped
public class SmsSender {
  private static final System.Logger LOG = System.getLogger(SmsSender.class.getName());

  /** Messages claimed by one pass. */
  static final int BATCH = 20;

  @Resource ManagedScheduledExecutorService executor;
  @Resource ManagedThreadFactory threads;
  @Inject SmsMessages messages;
  @Inject DialerSettings dialer;
  @Inject Config config;
  @Inject Clock clock;

  private final AtomicBoolean sending = new AtomicBoolean();
  private MessagingProvider provider;
  private SmsDispatch dispatch;
  private ScheduledFuture<?> timer;

  /** Starts with the dispatcher, after the schema is migrated. */
  void start(@Observes @Priority(600) @Initialized(ApplicationScoped.class) Object event) {
    if (!dialer.enabled()) {
      return;
    }
    Settings in = Settings.from(this::setting, "outdial.messaging.");
    long every;
    try {
      every =
          in.duration(
                  "poll-interval",
                  Duration.ofMillis(250),
                  ChronoUnit.MILLIS,
                  Duration.ofMillis(50),
                  Duration.ofMinutes(1))
              .toMillis();
      String name = setting("outdial.messaging").orElse(MessagingProviders.DEFAULT);
      MessagingProviderFactory factory = MessagingProviders.factory(name);
      Map<String, String> values = new HashMap<>();
      for (String key : factory.settingKeys()) {
        setting("outdial.messaging." + factory.name() + "." + key)
            .ifPresent(v -> values.put(key, v));
      }
      provider = factory.create(new MessagingContext(clock, values, threads));
      dispatch =
          new SmsDispatch(
              messages,
              provider,
              clock,
              dialer.callingHours(),
              new RecipientTimeZones(dialer.fallbackZone()),
              in.integer("max-attempts", 5, 1, 100),
              in.duration(
                  "retry-delay",
                  Duration.ofSeconds(30),
                  ChronoUnit.SECONDS,
                  Duration.ofSeconds(1),
                  Duration.ofHours(1)),
              in.duration(
                  "lease",
                  Duration.ofMinutes(2),
                  ChronoUnit.SECONDS,
                  Duration.ofSeconds(10),
                  Duration.ofHours(1)));
    } catch (IllegalArgumentException e) {
      // a bad setting must not stop the API: messages stay queued until it is fixed
      LOG.log(
          System.Logger.Level.ERROR,
          "Text messages are not sent: " + e.getMessage() + "; they stay queued");
      return;
    }
    timer = executor.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
    LOG.log(System.Logger.Level.INFO, "Text messages go through the {0} provider", provider.name());
  }

  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    if (timer != null) {
      timer.cancel(false);
    }
    if (provider != null) {
      provider.close();
    }
  }

  /** The provider, once started; for tests and health checks. */
  public Optional<MessagingProvider> provider() {
    return Optional.ofNullable(provider);
  }

  void poll() {
    if (!sending.compareAndSet(false, true)) {
      return;
    }
    try {
      while (dispatch.sendDue(BATCH) == BATCH) {
        // a full batch: there may be more due now
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Could not send text messages", e);
    } finally {
      sending.set(false);
    }
  }

  private Optional<String> setting(String key) {
    return config.getOptionalValue(key, String.class).map(String::strip).filter(v -> !v.isEmpty());
  }
}
