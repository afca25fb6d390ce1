package io.outdial.dialer.sim;

import io.outdial.dialer.spi.CallHandle;
import io.outdial.dialer.spi.CallListener;
import io.outdial.dialer.spi.CallRequest;
import io.outdial.dialer.spi.EventScheduler;
import io.outdial.dialer.spi.LegRequest;
import io.outdial.dialer.spi.ProviderUnavailableException;
import io.outdial.dialer.spi.TelephonyProvider;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulator of a telephone carrier, not a carrier: no call leaves the machine. Each placed call
 * draws its fate from {@link SimulatorConfig#outcomes()} and, when a person answers, a {@link
 * Persona}; from then on it is a handful of tasks on the scheduler that report ringing, answer,
 * words, beeps and hang-ups to the listener, exactly as a real provider would.
 *
 * <p>Determinism: the n-th call placed draws everything from a random source seeded with the n-th
 * number of a sequence seeded with {@link SimulatorConfig#seed()}. With concurrent dialing the
 * order calls are placed in decides which call gets which fate.
 */
public final class SimulatedCarrier implements TelephonyProvider {
  /** The name the simulator is configured by. */
  public static final String NAME = "simulator";

  private final SimulatorConfig config;
  private final EventScheduler scheduler;
  private final SplittableRandom seeds;
  private final AtomicLong placed = new AtomicLong();
  private volatile boolean available = true;

  public SimulatedCarrier(SimulatorConfig config, EventScheduler scheduler) {
    this.config = Objects.requireNonNull(config, "config");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.seeds = new SplittableRandom(config.seed());
  }

  @Override
  public String name() {
    return NAME;
  }

  public SimulatorConfig config() {
    return config;
  }

  /**
   * Switches the simulated carrier on or off. While off, {@link #placeCall} throws {@link
   * ProviderUnavailableException}, which lets tests exercise the dispatcher's circuit breaker.
   * Calls already up are not affected.
   */
  public void setAvailable(boolean available) {
    this.available = available;
  }

  /** How many calls were placed since start. */
  public long callsPlaced() {
    return placed.get();
  }

  @Override
  public SimulatedCall placeCall(CallRequest request, CallListener listener) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(listener, "listener");
    if (!available) {
      throw new ProviderUnavailableException("the simulated carrier is switched off");
    }
    long callSeed;
    synchronized (seeds) {
      callSeed = seeds.nextLong();
    }
    placed.incrementAndGet();
    SimulatedCall call =
        new SimulatedCall(
            request.callId(),
            config,
            scheduler,
            listener,
            callSeed,
            TestNumbers.fateOf(request.to()));
    call.start();
    return call;
  }

  /** A simulated human ({@link SimulatedHumanLeg}); its address decides whether they answer. */
  @Override
  public SimulatedHumanLeg placeLeg(LegRequest request, CallListener listener) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(listener, "listener");
    if (!available) {
      throw new ProviderUnavailableException("the simulated carrier is switched off");
    }
    SimulatedHumanLeg leg =
        new SimulatedHumanLeg(request.callId(), request.to(), config, scheduler, listener);
    leg.start();
    return leg;
  }

  @Override
  public void bridge(CallHandle callee, CallHandle human) {
    if (!(callee instanceof SimulatedCall call) || !(human instanceof SimulatedHumanLeg leg)) {
      throw new IllegalArgumentException("the simulator bridges its own call with its own leg");
    }
    call.bridgeTo(leg);
    leg.bridgeTo(call);
  }
}
