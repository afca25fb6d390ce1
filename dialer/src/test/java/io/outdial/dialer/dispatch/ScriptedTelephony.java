package io.outdial.dialer.dispatch;

import io.outdial.core.id.CallId;
import io.outdial.dialer.agent.CampaignScript;
import io.outdial.dialer.agent.ScriptedAgent;
import io.outdial.dialer.call.CallConductor;
import io.outdial.dialer.call.CallObserver;
import io.outdial.dialer.call.CallSession;
import io.outdial.dialer.spi.CallRequest;
import io.outdial.dialer.spi.TelephonyProvider;
import io.outdial.dialer.testing.ManualScheduler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@link Telephony} without a server: {@link #place} starts real {@link CallSession}s through a
 * {@link CallConductor} on the test's provider, the scripted agent and the manual scheduler, or
 * throws what the test says (as the provider, the circuit breaker or the timeout would). The fault
 * tolerance annotations do nothing here: no interceptor runs.
 */
final class ScriptedTelephony extends Telephony {
  /** A call the provider took. */
  record Placed(CallRequest request, CampaignScript script, CallSession session) {
    CallId callId() {
      return request.callId();
    }

    boolean up() {
      return session.state() != CallSession.State.FINISHED;
    }
  }

  private final CallConductor conductor;
  private final Map<CallId, Placed> placed = new LinkedHashMap<>();
  private Consumer<CallRequest> beforePlacing = request -> {};
  private Supplier<? extends RuntimeException> failure;
  private int attempts;

  ScriptedTelephony(DialerSettings settings, TelephonyProvider provider, ManualScheduler time) {
    this.settings = settings;
    this.clock = time.clock();
    this.conductor =
        new CallConductor(provider, new ScriptedAgent(), time, time.clock(), settings.limits());
  }

  @Override
  public CallSession place(CallRequest request, CampaignScript script, CallObserver observer) {
    attempts++;
    beforePlacing.accept(request);
    if (failure != null) {
      throw failure.get();
    }
    CallSession session = conductor.start(request, script, observer);
    placed.put(request.callId(), new Placed(request, script, session));
    return session;
  }

  @Override
  CallConductor conductor() {
    return conductor;
  }

  /** Runs {@code check} before every placement, with the call the dispatcher is placing. */
  void beforePlacing(Consumer<CallRequest> check) {
    this.beforePlacing = check;
  }

  /** Every placement from now on throws what {@code failure} makes, until {@link #heal()}. */
  void failWith(Supplier<? extends RuntimeException> failure) {
    this.failure = failure;
  }

  void heal() {
    this.failure = null;
  }

  /** How many times the dispatcher asked to place a call, taken or not. */
  int attempts() {
    return attempts;
  }

  /** The calls the provider took, in the order it took them. */
  List<Placed> placed() {
    return new ArrayList<>(placed.values());
  }

  /** The calls the provider took that are still up. */
  List<Placed> up() {
    return placed.values().stream().filter(Placed::up).toList();
  }

  Optional<Placed> call(CallId id) {
    return Optional.ofNullable(placed.get(id));
  }
}
