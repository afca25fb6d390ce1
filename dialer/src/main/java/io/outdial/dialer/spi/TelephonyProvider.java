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

  /** Releases the provider's resources (SIP stack, sockets); calls still up are hung up. */
  @Override
  default void close() {}
}
