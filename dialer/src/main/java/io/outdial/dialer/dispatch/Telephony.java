package io.outdial.dialer.dispatch;

import io.outdial.dialer.agent.CampaignScript;
import io.outdial.dialer.agent.ScriptedAgent;
import io.outdial.dialer.agent.VoiceAgent;
import io.outdial.dialer.agent.openai.ChatCompletionsAgent;
import io.outdial.dialer.agent.openai.ChatCompletionsConfig;
import io.outdial.dialer.call.CallConductor;
import io.outdial.dialer.call.CallObserver;
import io.outdial.dialer.call.CallSession;
import io.outdial.dialer.spi.CallRequest;
import io.outdial.dialer.spi.EventScheduler;
import io.outdial.dialer.spi.ProviderContext;
import io.outdial.dialer.spi.TelephonyProvider;
import io.outdial.dialer.spi.TelephonyProviderFactory;
import io.outdial.dialer.spi.TelephonyProviders;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * The configured telephony provider and voice agent, and the one way calls are placed: through a
 * MicroProfile Fault Tolerance circuit breaker and timeout. While the breaker is open the
 * dispatcher holds, {@code /health/ready} reports the provider down and operations that need it
 * answer 502.
 */
@ApplicationScoped
public class Telephony {
  private static final System.Logger LOG = System.getLogger(Telephony.class.getName());

  /** How long the breaker stays open before it lets a trial call through. */
  public static final Duration BREAKER_DELAY = Duration.ofSeconds(5);

  @Resource ManagedScheduledExecutorService executor;
  @Resource ManagedThreadFactory threads;
  @Inject Config config;
  @Inject Clock clock;

  private volatile DialerSettings settings;
  private volatile TelephonyProvider provider;
  private volatile CallConductor conductor;
  private volatile CallTimer timer;
  private volatile Instant unavailableSince;

  /** The dispatcher's settings (read on first use; a malformed one fails the start, naming it). */
  public DialerSettings settings() {
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
  public EventScheduler events() {
    CallTimer current = timer;
    if (current == null) {
      synchronized (this) {
        current = timer;
        if (current == null) {
          current = new CallTimer(threads, executor);
          timer = current;
        }
      }
    }
    return current;
  }

  private CallConductor conductor() {
    CallConductor current = conductor;
    if (current == null) {
      synchronized (this) {
        current = conductor;
        if (current == null) {
          DialerSettings s = settings();
          TelephonyProvider created =
              TelephonyProviders.create(
                  s.provider(),
                  new ProviderContext(
                      clock,
                      events(),
                      providerSettings(s.provider()),
                      threads,
                      Optional.of(executor)));
          VoiceAgent agent = agent();
          LOG.log(
              System.Logger.Level.INFO,
              "Dialing through the {0} provider with the {1} agent, {2} lines on this server",
              created.name(),
              agent.name(),
              s.capacity());
          provider = created;
          current = new CallConductor(created, agent, events(), clock, s.limits());
          conductor = current;
        }
      }
    }
    return current;
  }

  /**
   * Places a call. Every exception counts against the circuit breaker; when it is open this throws
   * {@link org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException} without
   * trying.
   *
   * @throws io.outdial.dialer.spi.ProviderUnavailableException when the provider refuses calls
   */
  @CircuitBreaker(
      requestVolumeThreshold = 4,
      failureRatio = 0.75,
      delay = 5,
      delayUnit = ChronoUnit.SECONDS,
      successThreshold = 1)
  @Timeout(value = 5, unit = ChronoUnit.SECONDS)
  public CallSession place(CallRequest request, CampaignScript script, CallObserver observer) {
    return conductor().start(request, script, observer);
  }

  /** Notes that the provider refused a call or the breaker is open. */
  public void unavailable() {
    if (unavailableSince == null) {
      unavailableSince = clock.instant();
      LOG.log(System.Logger.Level.WARNING, "The telephony provider is unavailable; dialing holds");
    }
  }

  /** Notes that the provider took a call. */
  public void available() {
    if (unavailableSince != null) {
      unavailableSince = null;
      LOG.log(System.Logger.Level.INFO, "The telephony provider is available again");
    }
  }

  /** Since when the provider has been refusing calls, if it is. */
  public Optional<Instant> unavailableSince() {
    return Optional.ofNullable(unavailableSince);
  }

  /** The provider's name, for health checks and logs. */
  public String providerName() {
    return settings().provider().toLowerCase(Locale.ROOT);
  }

  private Map<String, String> providerSettings(String name) {
    Map<String, String> values = new HashMap<>();
    for (TelephonyProviderFactory factory : ServiceLoader.load(TelephonyProviderFactory.class)) {
      if (factory.name().equalsIgnoreCase(name)) {
        String prefix = "outdial.telephony." + factory.name() + ".";
        for (String key : factory.settingKeys()) {
          setting(prefix + key).ifPresent(v -> values.put(key, v));
        }
      }
    }
    return values;
  }

  private VoiceAgent agent() {
    String kind = setting("outdial.agent").orElse("scripted").toLowerCase(Locale.ROOT);
    return switch (kind) {
      case "scripted" -> new ScriptedAgent();
      case "openai" ->
          new ChatCompletionsAgent(
              new ChatCompletionsConfig(
                  URI.create(
                      setting("outdial.agent.openai.base-url")
                          .orElseThrow(
                              () ->
                                  new IllegalArgumentException(
                                      "outdial.agent.openai.base-url is required when"
                                          + " outdial.agent=openai"))),
                  setting("outdial.agent.openai.model").orElse("gpt-4o-mini"),
                  setting("outdial.agent.openai.api-key"),
                  Duration.ofSeconds(
                      Long.parseLong(setting("outdial.agent.openai.timeout-seconds").orElse("20"))),
                  Boolean.parseBoolean(setting("outdial.agent.openai.json-mode").orElse("true"))));
      default ->
          throw new IllegalArgumentException(
              "outdial.agent must be scripted or openai, got '" + kind + "'");
    };
  }

  private Optional<String> setting(String key) {
    return config.getOptionalValue(key, String.class).map(String::strip).filter(v -> !v.isEmpty());
  }

  @PreDestroy
  void close() {
    TelephonyProvider current = provider;
    if (current != null) {
      current.close();
    }
    CallTimer events = timer;
    if (events != null) {
      events.shutdown();
    }
  }
}
