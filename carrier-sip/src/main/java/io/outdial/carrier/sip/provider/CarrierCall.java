package io.outdial.carrier.sip.provider;

import io.outdial.carrier.sip.SdpAnswer;
import io.outdial.carrier.sip.SipCall;
import io.outdial.carrier.sip.SipCallEnd;
import io.outdial.carrier.sip.SipCallListener;
import io.outdial.core.call.AnsweredBy;
import io.outdial.core.campaign.Voice;
import io.outdial.core.id.CallId;
import io.outdial.dialer.agent.SpeechRecognizer;
import io.outdial.dialer.spi.CallFailure;
import io.outdial.dialer.spi.CallHandle;
import io.outdial.dialer.spi.CallListener;
import io.outdial.dialer.spi.CallRequest;
import io.outdial.dialer.spi.Cancellable;
import io.outdial.dialer.spi.MediaQuality;
import io.outdial.media.audio.Narrowband;
import io.outdial.media.audio.Wav;
import io.outdial.media.rtp.MediaListener;
import io.outdial.media.rtp.MediaSession;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One call of the {@link SipCarrier}: the dialer's {@link CallHandle}, the SIP leg's listener and
 * the media session's listener in one state object, holding no thread.
 *
 * <p><b>Threads.</b> SIP events arrive on the stack's threads, audio frames on the media pacing
 * task, synthesised speech and transcriptions on HTTP client threads or the provider's executor,
 * handle calls on the dialer's threads. Every decision is taken under {@link #lock}, briefly and
 * without calling out; every listener event is then queued on a per-call {@link SerialEvents}, so
 * the listener runs in order, one event at a time, never under this lock and never on the pacing
 * task. Once the dialer called {@link #hangUp()} nothing more is delivered, as the SPI promises.
 */
final class CarrierCall implements CallHandle, SipCallListener, MediaListener, FrameAnalyzer.Sink {
  private static final System.Logger LOG = System.getLogger(CarrierCall.class.getName());

  /** Extra time after the longest analysis before detection is given up (no audio came at all). */
  private static final Duration AMD_GRACE = Duration.ofSeconds(1);

  private enum State {
    DIALING,
    ANSWERED,
    ENDED
  }

  private final CallRequest request;
  private final CallListener listener;
  private final SipCarrier carrier;
  private final SerialEvents events;
  private final FrameAnalyzer analyzer;
  private final Object lock = new Object();

  // pacing thread only
  private final short[] reframed = new short[Narrowband.FRAME_SAMPLES];
  private int reframedCount;

  private volatile MediaSession session;
  private volatile SipCall leg;
  private volatile boolean hungUp;

  // guarded by lock
  private State state = State.DIALING;
  private boolean verdictGiven;
  private Cancellable amdTimeout = () -> {};
  private long nextSpeechId;
  private final List<Long> queuedSpeech = new ArrayList<>();
  private CompletableFuture<Void> transcriptions = CompletableFuture.completedFuture(null);
  private int failedTranscriptionsInARow;
  private long answeredAt = -1;
  private long verdictAt = -1;
  private long firstAudioAt = -1;
  private long lastSpeechEndBeforeAudio = -1;

  CarrierCall(CallRequest request, CallListener listener, SipCarrier carrier) {
    this.request = Objects.requireNonNull(request, "request");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.carrier = carrier;
    this.events = new SerialEvents(carrier.executor());
    this.analyzer =
        new FrameAnalyzer(
            this,
            carrier.settings().amdSettings(),
            carrier.settings().beepFallbackMs(),
            System::nanoTime);
  }

  /** The media session opened for this call, before the INVITE. */
  void attach(MediaSession session) {
    this.session = session;
  }

  /** The SIP leg, once placed. */
  void attach(SipCall leg) {
    this.leg = leg;
  }

  /** The call could not be placed at all: report {@code failure} asynchronously, nothing else. */
  void failBeforeDialing(CallFailure failure) {
    synchronized (lock) {
      state = State.ENDED;
    }
    closeMedia();
    deliver(l -> l.onFailed(failure));
  }

  // ---- CallHandle ----

  @Override
  public CallId callId() {
    return request.callId();
  }

  @Override
  public void speak(String text, Voice voice) {
    Objects.requireNonNull(voice, "voice");
    long id;
    synchronized (lock) {
      if (state != State.ANSWERED) {
        return;
      }
      id = ++nextSpeechId;
    }
    if (text == null || text.isBlank()) {
      deliver(l -> l.onSpeechFinished(false));
      return;
    }
    CompletionStage<short[]> audio;
    try {
      audio = carrier.speech().speak(text, voice);
    } catch (RuntimeException e) {
      audio = CompletableFuture.failedFuture(e);
    }
    audio.whenComplete((pcm, error) -> synthesised(id, pcm, error));
  }

  @Override
  public void hangUp() {
    hangUp(true);
  }

  /**
   * The provider is closing: no more events and the media released, while the SIP endpoint, which
   * closes next, ends the leg itself (its stack stops right after, so a BYE queued here could not
   * go out).
   */
  void abandon() {
    hangUp(false);
  }

  private void hangUp(boolean sendBye) {
    boolean wasUp;
    synchronized (lock) {
      if (hungUp) {
        return;
      }
      hungUp = true;
      wasUp = state != State.ENDED;
      state = State.ENDED;
      amdTimeout.cancel();
      queuedSpeech.clear();
    }
    if (wasUp) {
      SipCall sip = leg;
      if (sip != null && sendBye) {
        sip.hangUp();
      }
      // returns once the RTP receive thread freed the ports: microseconds
      closeMedia();
    }
  }

  @Override
  public void sendDtmf(String digits) {
    Objects.requireNonNull(digits, "digits");
    synchronized (lock) {
      if (state != State.ANSWERED) {
        return;
      }
    }
    session.sendDtmf(digits);
  }

  @Override
  public MediaQuality quality() {
    synchronized (lock) {
      if (answeredAt < 0) {
        return MediaQuality.NONE;
      }
      Optional<Duration> firstAudio = since(answeredAt, firstAudioAt);
      Optional<Duration> detection =
          carrier.settings().amd() ? since(answeredAt, verdictAt) : Optional.empty();
      Optional<Duration> deadAir =
          since(Math.max(answeredAt, lastSpeechEndBeforeAudio), firstAudioAt);
      return new MediaQuality(firstAudio, detection, deadAir);
    }
  }

  // ---- SipCallListener (SIP stack threads, endpoint scheduler) ----

  @Override
  public void onRinging() {
    synchronized (lock) {
      if (state != State.DIALING) {
        return;
      }
    }
    deliver(CallListener::onRinging);
  }

  @Override
  public void onAnswered(SdpAnswer answer) {
    synchronized (lock) {
      if (state != State.DIALING) {
        return;
      }
      state = State.ANSWERED;
      answeredAt = System.nanoTime();
    }
    try {
      session.start(answer.remoteRtp(), answer.payloadType(), answer.telephoneEventPayloadType());
    } catch (RuntimeException e) {
      fail(CallFailure.of(CallFailure.Reason.MEDIA, "cannot start RTP: " + e.getMessage()));
      return;
    }
    if (!carrier.settings().amd()) {
      analyzer.start(false);
      verdict(AnsweredBy.UNKNOWN);
      return;
    }
    analyzer.start(true);
    Duration bound = Duration.ofMillis(carrier.settings().amdSettings().totalAnalysisMs());
    Cancellable timer =
        carrier.scheduler().schedule(this::detectionTimedOut, bound.plus(AMD_GRACE));
    synchronized (lock) {
      if (!verdictGiven && state == State.ANSWERED) {
        amdTimeout = timer;
        return;
      }
    }
    timer.cancel();
  }

  @Override
  public void onEnded(SipCallEnd end) {
    boolean report;
    synchronized (lock) {
      amdTimeout.cancel();
      queuedSpeech.clear();
      report = state != State.ENDED;
      state = State.ENDED;
    }
    carrier.forget(this);
    closeMedia();
    if (report) {
      EndMapping.event(end).ifPresent(this::deliver);
    }
  }

  // ---- MediaListener (pacing thread) ----

  @Override
  public void onAudioFrame(short[] samples) {
    if (samples.length == Narrowband.FRAME_SAMPLES && reframedCount == 0) {
      analyzer.accept(samples);
      return;
    }
    // a far end with another packet time (10, 30 ms ...): cut into the detectors' 20 ms frames
    for (short sample : samples) {
      reframed[reframedCount++] = sample;
      if (reframedCount == reframed.length) {
        analyzer.accept(reframed); // the detectors do not keep the array
        reframedCount = 0;
      }
    }
  }

  @Override
  public void onDtmf(char digit) {
    synchronized (lock) {
      if (state != State.ANSWERED) {
        return;
      }
    }
    deliver(l -> l.onDtmf(digit));
  }

  // ---- FrameAnalyzer.Sink (pacing thread) ----

  @Override
  public void verdict(AnsweredBy answeredBy) {
    synchronized (lock) {
      if (state != State.ANSWERED || verdictGiven) {
        return;
      }
      verdictGiven = true;
      verdictAt = System.nanoTime();
      amdTimeout.cancel();
    }
    LOG.log(Level.DEBUG, "Call {0} answered by {1}", request.callId(), answeredBy);
    deliver(l -> l.onAnswered(answeredBy));
  }

  @Override
  public void speechStarted() {
    List<Long> interrupted;
    synchronized (lock) {
      if (state != State.ANSWERED || queuedSpeech.isEmpty() || !session.stopPlayback()) {
        return;
      }
      interrupted = List.copyOf(queuedSpeech);
      queuedSpeech.clear();
    }
    for (int i = 0; i < interrupted.size(); i++) {
      deliver(l -> l.onSpeechFinished(true));
    }
  }

  @Override
  public void speechEnded(long endNanos) {
    synchronized (lock) {
      if (firstAudioAt < 0 || endNanos <= firstAudioAt) {
        lastSpeechEndBeforeAudio = Math.max(lastSpeechEndBeforeAudio, endNanos);
      }
    }
  }

  @Override
  public void utterance(short[] pcm) {
    Optional<SpeechRecognizer> stt = carrier.recognizer();
    if (stt.isEmpty()) {
      LOG.log(
          Level.DEBUG,
          "Call {0}: an utterance was heard but no speech-to-text is configured ({1}stt-url)",
          request.callId(),
          CarrierSettings.PREFIX);
      return;
    }
    // encoding and the upload start off the pacing thread
    CompletableFuture<String> text =
        CompletableFuture.supplyAsync(
                () -> Wav.write(pcm, Narrowband.SAMPLE_RATE_HZ), carrier.executor())
            .thenCompose(wav -> stt.get().transcribe(wav, carrier.settings().sttLanguage()));
    synchronized (lock) {
      if (state != State.ANSWERED) {
        return;
      }
      // results are delivered in the order the callee spoke, whatever order the server answers in
      transcriptions =
          transcriptions.thenCompose(done -> text.handle((t, error) -> transcribed(t, error)));
    }
  }

  @Override
  public void recording() {
    synchronized (lock) {
      if (state != State.ANSWERED) {
        return;
      }
    }
    deliver(CallListener::onMachineBeep);
  }

  // ---- internals ----

  private void detectionTimedOut() {
    analyzer.forceConversation();
    verdict(AnsweredBy.UNKNOWN);
  }

  /**
   * A transcription came back. One failure is skipped with a warning: the callee usually goes on or
   * repeats, and hanging up on a person for one lost sentence is worse. Two in a row mean the
   * server is down or misconfigured, and the call fails rather than talking past the callee.
   */
  private Void transcribed(String text, Throwable error) {
    if (error != null) {
      boolean giveUp;
      synchronized (lock) {
        giveUp = ++failedTranscriptionsInARow >= 2;
      }
      String why = describe(error);
      if (giveUp) {
        fail(CallFailure.of(CallFailure.Reason.MEDIA, "speech to text failed twice: " + why));
      } else {
        LOG.log(
            Level.WARNING,
            "Call {0}: speech to text failed, utterance skipped: {1}",
            request.callId(),
            why);
      }
      return null;
    }
    synchronized (lock) {
      failedTranscriptionsInARow = 0;
      if (state != State.ANSWERED) {
        return null;
      }
    }
    if (text != null && !text.isBlank()) {
      String said = text.strip();
      deliver(l -> l.onUtterance(said));
    }
    return null;
  }

  private void synthesised(long id, short[] pcm, Throwable error) {
    if (error != null) {
      fail(CallFailure.of(CallFailure.Reason.MEDIA, "text to speech failed: " + describe(error)));
      return;
    }
    synchronized (lock) {
      if (state != State.ANSWERED) {
        return;
      }
      queuedSpeech.add(id);
      session.play(pcm, this::firstFrameSent, () -> playedOut(id));
    }
  }

  private void firstFrameSent(long sentAt) {
    synchronized (lock) {
      if (firstAudioAt < 0) {
        firstAudioAt = sentAt;
      }
    }
  }

  private void playedOut(long id) {
    synchronized (lock) {
      if (!queuedSpeech.remove(Long.valueOf(id))) {
        return; // interrupted or hung up meanwhile
      }
    }
    deliver(l -> l.onSpeechFinished(false));
  }

  /** The call broke while up: hang it up and report {@code failure} as its end. */
  private void fail(CallFailure failure) {
    synchronized (lock) {
      if (state == State.ENDED) {
        return;
      }
      state = State.ENDED;
      amdTimeout.cancel();
      queuedSpeech.clear();
    }
    LOG.log(Level.WARNING, "Call {0} failed: {1}", request.callId(), failure.detail());
    SipCall sip = leg;
    if (sip != null) {
      sip.hangUp();
    }
    closeMedia();
    deliver(l -> l.onFailed(failure));
  }

  private void closeMedia() {
    MediaSession media = session;
    if (media != null) {
      media.close();
    }
  }

  /** Queues an event; dropped at delivery time once the dialer has hung up. */
  private void deliver(Consumer<CallListener> event) {
    events.post(
        () -> {
          if (!hungUp) {
            event.accept(listener);
          }
        });
  }

  private static Optional<Duration> since(long from, long to) {
    if (from < 0 || to < 0) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos(Math.max(0, to - from)));
  }

  private static String describe(Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
  }

  @Override
  public String toString() {
    return "CarrierCall[" + request.callId() + "]";
  }
}
