package io.outdial.dialer.spi;

import io.outdial.core.campaign.Voice;
import java.util.concurrent.CompletableFuture;

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

  /**
   * Gets ready to say {@code text} with {@code voice} on many calls ({@link
   * CallHandle#speakReusable}: a campaign's opening line, its voicemail message) before the first
   * call says it, so that no call waits for its synthesis after the answer. The dialer calls it
   * when it starts placing a campaign's calls; it returns at once, and the future completes when
   * the line is ready or fails with what went wrong (the calls then synthesise it themselves). The
   * default, for providers that keep no audio, does nothing.
   */
  default CompletableFuture<Void> prepareReusable(String text, Voice voice) {
    return CompletableFuture.completedFuture(null);
  }

  /** Releases the provider's resources (SIP stack, sockets); calls still up are hung up. */
  @Override
  default void close() {}
}
