package io.outdial.dialer.dispatch;

import io.outdial.dialer.agent.VoiceAgent;
import io.outdial.dialer.agent.VoiceAgentFactory;
import io.outdial.dialer.agent.VoiceAgents;
import io.outdial.dialer.call.CallConductor;
import io.outdial.dialer.spi.EventScheduler;
import io.outdial.dialer.spi.ProviderContext;
import io.outdial.dialer.spi.TelephonyProvider;
import io.outdial.dialer.spi.TelephonyProviderFactory;
import io.outdial.dialer.spi.TelephonyProviders;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * Builds the dialer's parts from MicroProfile Config: the dispatcher's {@link DialerSettings}, the
 * calls' {@link EventScheduler} (a {@link CallTimer}), the {@link TelephonyProvider} that {@code
 * outdial.telephony.provider} names, the {@link VoiceAgent} that {@code outdial.agent} names, and
 * the {@link CallConductor} that joins them for {@link Telephony}.
 *
 * <p>The settings are read once, when first injected (the dispatcher's start): a malformed one
 * fails the start, naming its key. The timer, the provider and the agent are application-scoped, so
 * they are made on first use, which is the first call placed: a server with dialing switched off
 * ({@code outdial.dialer.enabled=false}) never starts its provider (no SIP stack, no sockets) nor
 * its agent. At shutdown the provider is closed and the timer stopped, by their disposers.
 */
@ApplicationScoped
public class DialerProducers {
  private static final System.Logger LOG = System.getLogger(DialerProducers.class.getName());

  /** The setting that names the voice agent. */
  static final String AGENT = "outdial.agent";

  @Resource ManagedScheduledExecutorService executor;
  @Resource ManagedThreadFactory threads;
  @Inject Config config;
  @Inject Clock clock;

  private volatile DialerSettings settings;

  /**
   * The dispatcher's settings, read on first injection and kept: every injection point gets the
   * same instance.
   *
   * @throws IllegalArgumentException when a setting is malformed, naming its key
   */
  @Produces
  DialerSettings settings() {
    DialerSettings current = settings;
    if (current == null) {
      synchronized (this) {
        current = settings;
        if (current == null) {
          current = DialerSettings.from(this::setting);
          settings = current;
        }
      }
    }
    return current;
  }

  /**
   * The scheduler every call's events run on: a timer whose due tasks run on the managed executor
   * (see {@link CallTimer} for why not the managed scheduled executor itself).
   */
  @Produces
  @ApplicationScoped
  EventScheduler events() {
    return new CallTimer(threads, executor);
  }

  void stop(@Disposes EventScheduler events) {
    if (events instanceof CallTimer timer) {
      timer.shutdown();
    }
  }

  /**
   * The provider {@code outdial.telephony.provider} names, with the settings its factory lists read
   * from {@code outdial.telephony.<name>.<key>}.
   *
   * @throws IllegalArgumentException when no provider has that name, or a setting is malformed
   */
  @Produces
  @ApplicationScoped
  TelephonyProvider provider(DialerSettings settings, EventScheduler events) {
    TelephonyProviderFactory factory = TelephonyProviders.factory(settings.provider());
    return factory.create(
        new ProviderContext(
            clock,
            events,
            settingsUnder("outdial.telephony." + factory.name() + ".", factory.settingKeys()),
            threads,
            Optional.of(executor)));
  }

  void close(@Disposes TelephonyProvider provider) {
    provider.close();
  }

  /**
   * The agent {@code outdial.agent} names ({@value VoiceAgents#DEFAULT} when unset), with the
   * settings its factory lists read from {@code outdial.agent.<name>.<key>}.
   *
   * @throws IllegalArgumentException when no agent has that name (listing those that exist), or a
   *     setting is missing or malformed (naming its key)
   */
  @Produces
  @ApplicationScoped
  VoiceAgent agent() {
    VoiceAgentFactory factory;
    try {
      factory = VoiceAgents.factory(setting(AGENT).orElse(VoiceAgents.DEFAULT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(AGENT + ": " + e.getMessage(), e);
    }
    return factory.create(settingsUnder(AGENT + "." + factory.name() + ".", factory.settingKeys()));
  }

  /**
   * The call driver over the provider, the agent and the timer. Naming the provider and the agent
   * for the log makes both at once, so that one that cannot be made fails this (and with it the
   * call being placed, counted by the circuit breaker) rather than every call it would carry.
   */
  @Produces
  CallConductor conductor(
      DialerSettings settings,
      TelephonyProvider provider,
      VoiceAgent agent,
      EventScheduler events) {
    LOG.log(
        System.Logger.Level.INFO,
        "Dialing through the {0} provider with the {1} agent, {2} lines on this server",
        provider.name(),
        agent.name(),
        settings.capacity());
    return new CallConductor(provider, agent, events, clock, settings.limits());
  }

  /** The settings present among {@code prefix + key} for each key, by key without the prefix. */
  Map<String, String> settingsUnder(String prefix, Set<String> keys) {
    Map<String, String> values = new HashMap<>();
    for (String key : keys) {
      setting(prefix + key).ifPresent(v -> values.put(key, v));
    }
    return values;
  }

  /** One setting, stripped; empty when unset or blank. */
  Optional<String> setting(String key) {
    return config.getOptionalValue(key, String.class).map(String::strip).filter(v -> !v.isEmpty());
  }
}
