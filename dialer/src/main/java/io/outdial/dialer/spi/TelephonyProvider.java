package io.outdial.dialer.spi;

/**
 * A carrier that places outbound calls: the simulator, later a SIP trunk. One instance serves all
 * calls of the application and is thread-safe.
 */
public interface TelephonyProvider extends AutoCloseable {
  /** The name it is configured by, e.g. {@code simulator}. */
  String name();

  /**
   * Starts dialing and returns at once; everything that happens to the call arrives on {@code
   * listener}. Events are never delivered on the calling thread before this method returns.
   *
   * @throws ProviderUnavailableException when the provider cannot take calls at all
   */
  CallHandle placeCall(CallRequest request, CallListener listener);

  /**
   * Places a second leg of a call (a warm transfer's call to a human), like {@link #placeCall}: it
   * returns at once, and the leg's events arrive on {@code listener} ({@code onAnswered} when the
   * human picks up, {@code onUtterance} with their words once bridged, {@code onRemoteHangUp},
   * {@code onNoAnswer}, {@code onBusy}, {@code onFailed}). Providers that cannot place legs throw
   * {@link UnsupportedOperationException}.
   */
  default CallHandle placeLeg(LegRequest request, CallListener listener) {
    throw new UnsupportedOperationException(name() + " cannot place a second leg");
  }

  /**
   * Connects the audio of two legs of this provider both ways, inside Outdial, so that each leg's
   * listener still hears its party's words ({@code onUtterance}): the transcript goes on. Stops any
   * hold audio. Providers that cannot bridge throw {@link UnsupportedOperationException}.
   */
  default void bridge(CallHandle callee, CallHandle human) {
    throw new UnsupportedOperationException(name() + " cannot bridge legs");
  }

  /** Releases the provider's resources (SIP stack, sockets); calls still up are hung up. */
  @Override
  default void close() {}
}
