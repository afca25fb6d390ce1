package io.outdial.dialer.call;

import io.outdial.dialer.agent.CampaignScript;
import io.outdial.dialer.agent.VoiceAgent;
import io.outdial.dialer.spi.CallRequest;
import io.outdial.dialer.spi.EventScheduler;
import io.outdial.dialer.spi.ProviderUnavailableException;
import io.outdial.dialer.spi.TelephonyProvider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Starts calls: one instance per application (or per provider and agent pair), thread-safe, holding
 * no per-call state itself.
 */
public final class CallConductor {
  private final TelephonyProvider provider;
  private final VoiceAgent agent;
  private final EventScheduler scheduler;
  private final Clock clock;
  private final CallLimits limits;

  public CallConductor(
      TelephonyProvider provider,
      VoiceAgent agent,
      EventScheduler scheduler,
      Clock clock,
      CallLimits limits) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.agent = Objects.requireNonNull(agent, "agent");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * Places the call and returns its session at once. {@code observer} is then called exactly once,
   * on whichever thread delivered the last event (possibly before this method returns, if the
   * provider failed the call synchronously); it should hand the outcome off quickly, e.g. to a
   * transactional store on the managed executor.
   *
   * @throws ProviderUnavailableException when the provider takes no calls: no call exists and
   *     {@code observer} is never called, so the dispatcher can leave the contact pending
   */
  public CallSession start(CallRequest request, CampaignScript script, CallObserver observer) {
    CallSession session =
        new CallSession(request, script, provider, agent, scheduler, clock, limits, observer);
    session.begin();
    return session;
  }

  /**
   * Has the provider prepare the lines every call of {@code script} may say word for word: the
   * agent's opening, when it does not depend on the callee, and the voicemail message. Returns at
   * once; the future completes when both are ready and fails with the first failure.
   */
  public CompletableFuture<Void> prepare(CampaignScript script) {
    List<String> lines = new ArrayList<>(2);
    agent.opening(script).filter(s -> !s.isBlank()).ifPresent(lines::add);
    script.voicemailText().ifPresent(lines::add);
    List<CompletableFuture<Void>> ready = new ArrayList<>(lines.size());
    for (String line : lines) {
      try {
        ready.add(provider.prepareReusable(line, script.voice()));
      } catch (RuntimeException e) {
        ready.add(CompletableFuture.failedFuture(e));
      }
    }
    return CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new));
  }
}
