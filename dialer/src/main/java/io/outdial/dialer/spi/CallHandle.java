package io.outdial.dialer.spi;

import io.outdial.core.campaign.Voice;
import io.outdial.core.id.CallId;
import io.outdial.core.transfer.TargetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The dialer's side of a call in flight. Every method returns at once and never blocks: the work
 * (synthesising and streaming audio, sending BYE or CANCEL) happens asynchronously and its result
 * arrives as {@link CallListener} events. Methods called after the call ended are ignored, because
 * a remote hang-up and a local action can always cross.
 */
public interface CallHandle {
  CallId callId();

  /**
   * Starts speaking {@code text} with {@code voice}. {@link CallListener#onSpeechFinished(boolean)}
   * follows when the audio has been played out or was cut off. Failures to synthesise or send audio
   * arrive as {@link CallListener#onFailed(CallFailure)} with {@link CallFailure.Reason#MEDIA}.
   */
  void speak(String text, Voice voice);

  /**
   * Like {@link #speak}, for words that many calls say word for word (a campaign's greeting, its
   * voicemail message): a provider may synthesise them once per voice and keep the audio, so that
   * the first audio after the answer costs no synthesis. The default is {@link #speak}.
   */
  default void speakReusable(String text, Voice voice) {
    speak(text, voice);
  }

  /**
   * Ends the call: BYE when answered, CANCEL while ringing. Idempotent. After it returns the
   * provider should deliver no further events, but listeners must tolerate a late one that was
   * already on its way.
   */
  void hangUp();

  /**
   * Sends DTMF digits ({@code 0-9*#A-D}) in-band or per RFC 4733. Providers that cannot send them
   * throw {@link UnsupportedOperationException}.
   */
  default void sendDtmf(String digits) {
    throw new UnsupportedOperationException("this provider does not send DTMF");
  }

  /**
   * Plays hold audio to this leg once what it is saying has played out, until the leg is bridged
   * ({@link TelephonyProvider#bridge}), spoken to again, or hung up. Providers without hold audio
   * throw {@link UnsupportedOperationException}.
   */
  default void hold() {
    throw new UnsupportedOperationException("this provider plays no hold audio");
  }

  /**
   * Blind transfer: asks the far end to call {@code to} itself (SIP REFER). The stage completes
   * with the carrier's answer; once accepted, the leg is the far end's and the dialer hangs it up.
   * Providers that cannot refer complete it exceptionally with {@link
   * UnsupportedOperationException}.
   */
  default CompletionStage<ReferResult> refer(TargetAddress to) {
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException("this provider cannot refer a call"));
  }

  /**
   * What the carrier has measured about the call's audio so far; the dialer reads it once the call
   * has ended (after its end event, or after its own {@link #hangUp()}), so a provider keeps the
   * measures after the call is over. Carriers without audio measure nothing.
   */
  default MediaQuality quality() {
    return MediaQuality.NONE;
  }
}
