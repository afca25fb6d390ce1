package io.outdial.carrier.sip.provider;

import io.outdial.carrier.sip.SdpAnswer;
import io.outdial.carrier.sip.SipCall;
import io.outdial.carrier.sip.SipCallEnd;
import io.outdial.carrier.sip.SipCallListener;
import io.outdial.core.call.AnsweredBy;
import io.outdial.core.campaign.Voice;
import io.outdial.core.id.CallId;
import io.outdial.core.transfer.TargetAddress;
import io.outdial.dialer.agent.SpeechRecognizer;
import io.outdial.dialer.spi.CallFailure;
import io.outdial.dialer.spi.CallHandle;
import io.outdial.dialer.spi.CallListener;
import io.outdial.dialer.spi.CallRequest;
import io.outdial.dialer.spi.Cancellable;
import io.outdial.dialer.spi.MediaQuality;
import io.outdial.dialer.spi.ReferResult;
import io.outdial.media.audio.Narrowband;
import io.outdial.media.audio.Wav;
import io.outdial.media.rtp.MediaListener;
import io.outdial.media.rtp.MediaSession;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
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

  /** Turns of the callee whose delays are kept: bounds the memory of a long call. */
  static final int MAX_TURNS_MEASURED = 200;

  /** Lines synthesised ahead of the one playing, so that each follows the last without a gap. */
  static final int LOOK_AHEAD = 2;

  /** Extra time after the longest analysis before detection is given up (no audio came at all). */
  private static final Duration AMD_GRACE = Duration.ofSeconds(1);

  private enum State {
    DIALING,
    ANSWERED,
    ENDED
  }

  private final CallId callId;
  private final boolean humanLeg;
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
  private final ArrayDeque<Line> lines = new ArrayDeque<>(); // being spoken, in order
  private CompletableFuture<Void> transcriptions = CompletableFuture.completedFuture(null);
  private int failedTranscriptionsInARow;
  private long answeredAt = -1;
  private long verdictAt = -1;
  private long firstAudioAt = -1;
  private long lastSpeechEndBeforeAudio = -1;
  private long lastSpeechEnd = -1;
  private final List<Duration> endpointing = new ArrayList<>(); // per turn of the callee
  private final List<Duration> voiceToVoice = new ArrayList<>(); // per turn answered
  private long turnEndedAt = -1; // the end of the callee's latest turn, until the agent answers
  private long turnLastLine; // the last line queued before that turn ended
  private boolean holding; // hold() asked for hold audio, and no line nor bridge came since
  private boolean holdQueued; // a round of the hold audio is queued in the media session
  private long holdRound; // tells a round's played-out callback from a later round's
  private long holdRounds; // rounds of hold audio played out in full (for tests)
  private volatile CarrierCall bridged; // the other leg of a bridge, which hears this one

  CarrierCall(CallRequest request, CallListener listener, SipCarrier carrier) {
    this(Objects.requireNonNull(request, "request").callId(), false, listener, carrier);
  }

  /**
   * @param humanLeg a warm transfer's leg to a human: no answering-machine detection, answered as
   *     {@link AnsweredBy#HUMAN} at once
   */
  CarrierCall(CallId callId, boolean humanLeg, CallListener listener, SipCarrier carrier) {
    this.callId = Objects.requireNonNull(callId, "callId");
    this.humanLeg = humanLeg;
    this.listener = Objects.requireNonNull(listener, "listener");
    this.carrier = carrier;
    this.events = new SerialEvents(carrier.executor());
    this.analyzer =
        new FrameAnalyzer(
            this,
            carrier.settings().amdSettings(),
            carrier.settings().beepFallbackMs(),
            carrier.settings().endOfTurnSilenceMs(),
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
    return callId;
  }

  /**
   * Plays {@link HoldAudio} in a loop once the lines queued have played out, until the next {@link
   * #speak}, a bridge or the end of the call. Barge-in still cuts a line that plays; the hold audio
   * then starts at once.
   */
  @Override
  public void hold() {
    synchronized (lock) {
      if (state != State.ANSWERED || bridged != null) {
        return;
      }
      holding = true;
      loopHold();
    }
  }

  /**
   * Blind transfer by SIP REFER; see {@link SipCall#refer}. 202 (any 2xx) is accepted, a 3xx-6xx
   * refused; no answer, or a call that is not up, fails the stage. It completes on the provider's
   * executor.
   */
  @Override
  public CompletionStage<ReferResult> refer(TargetAddress to) {
    Objects.requireNonNull(to, "to");
    SipCall sip = leg;
    synchronized (lock) {
      if (state != State.ANSWERED || sip == null) {
        return CompletableFuture.failedFuture(new IllegalStateException("the call is not up"));
      }
    }
    return sip.refer(to.value())
        .thenApplyAsync(
            status ->
                status / 100 == 2 ? ReferResult.accepted(status) : ReferResult.refused(status),
            carrier.executor());
  }

  /**
   * Queues the line: its synthesis starts at once when fewer than {@link #LOOK_AHEAD} lines wait
   * behind the one playing, and its audio is played from the first piece the synthesis streams, as
   * soon as the lines before it have been played.
   */
  @Override
  public void speak(String text, Voice voice) {
    speak(text, voice, false);
  }

  /** Like {@link #speak}, its audio taken from and kept in the carrier's {@link SpeechCache}. */
  @Override
  public void speakReusable(String text, Voice voice) {
    speak(text, voice, true);
  }

  private void speak(String text, Voice voice, boolean reusable) {
    Objects.requireNonNull(voice, "voice");
    List<Line> start;
    synchronized (lock) {
      if (state != State.ANSWERED) {
        return;
      }
      stopHold();
      if (text == null || text.isBlank()) {
        start = List.of();
      } else {
        lines.add(new Line(++nextSpeechId, text, voice, reusable));
        start = linesToSynthesize();
      }
    }
    if (text == null || text.isBlank()) {
      deliver(l -> l.onSpeechFinished(false));
      return;
    }
    synthesize(start);
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
    List<CompletableFuture<Void>> dropped;
    synchronized (lock) {
      if (hungUp) {
        return;
      }
      hungUp = true;
      wasUp = state != State.ENDED;
      state = State.ENDED;
      amdTimeout.cancel();
      dropped = dropLines();
      holding = false;
    }
    unbridge();
    cancel(dropped);
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
      // the agent never spoke: the silence lasted until now, the call's end (quality is read as
      // the call ends); a person who hangs up at once met next to none
      Optional<Duration> deadAir =
          since(
              Math.max(answeredAt, lastSpeechEndBeforeAudio),
              firstAudioAt >= 0 ? firstAudioAt : System.nanoTime());
      return new MediaQuality(
          firstAudio, detection, deadAir, List.copyOf(voiceToVoice), List.copyOf(endpointing));
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
    if (humanLeg) {
      analyzer.start(false);
      verdict(AnsweredBy.HUMAN);
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
    List<CompletableFuture<Void>> dropped;
    synchronized (lock) {
      amdTimeout.cancel();
      dropped = dropLines();
      report = state != State.ENDED;
      state = State.ENDED;
      holding = false;
    }
    cancel(dropped);
    unbridge();
    carrier.forget(this);
    closeMedia();
    if (report) {
      EndMapping.event(end).ifPresent(this::deliver);
    }
  }

  // ---- MediaListener (pacing thread) ----

  @Override
  public void onAudioFrame(short[] samples) {
    CarrierCall other = bridged;
    if (other != null) {
      other.relay(samples); // the other leg hears it; the detectors below only read the array
    }
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
    LOG.log(Level.DEBUG, "Call {0} answered by {1}", callId, answeredBy);
    deliver(l -> l.onAnswered(answeredBy));
  }

  /**
   * Detection withdrew its MACHINE verdict (a person who answered with a long greeting and waits):
   * the dialer hears {@link CallListener#onAnsweredByDetected}, before any utterance held back
   * during detection, and starts the conversation. The machine-detection time becomes the time to
   * this verdict, the one that stood.
   */
  @Override
  public void verdictChanged(AnsweredBy answeredBy) {
    synchronized (lock) {
      if (state != State.ANSWERED || !verdictGiven) {
        return;
      }
      verdictAt = System.nanoTime();
    }
    LOG.log(Level.DEBUG, "Call {0} answered by {1} after all", callId, answeredBy);
    deliver(l -> l.onAnsweredByDetected(answeredBy));
  }

  /**
   * Barge-in: when the callee starts talking while a line is being played, the audio stops at once
   * and every queued line is dropped, their syntheses cancelled (the text-to-speech server's
   * streams closed); each line is reported as interrupted. Lines queued while nothing has been
   * played yet are left to play: the callee may be finishing their greeting.
   */
  @Override
  public void speechStarted() {
    int interrupted;
    List<CompletableFuture<Void>> dropped;
    synchronized (lock) {
      if (state != State.ANSWERED || lines.isEmpty()) {
        return;
      }
      boolean stopped = session.stopPlayback();
      if (!stopped && !lines.peek().begun) {
        return;
      }
      interrupted = lines.size();
      dropped = dropLines();
      loopHold();
    }
    cancel(dropped);
    for (int i = 0; i < interrupted; i++) {
      deliver(l -> l.onSpeechFinished(true));
    }
  }

  @Override
  public void speechEnded(long endNanos) {
    synchronized (lock) {
      lastSpeechEnd = endNanos;
      if (firstAudioAt < 0 || endNanos <= firstAudioAt) {
        lastSpeechEndBeforeAudio = Math.max(lastSpeechEndBeforeAudio, endNanos);
      }
    }
  }

  @Override
  public void utterance(short[] pcm) {
    long heardAt = System.nanoTime();
    synchronized (lock) {
      if (lastSpeechEnd >= 0 && state == State.ANSWERED) {
        // the agent's next line answers this turn (the latest, when the callee spoke twice)
        turnEndedAt = lastSpeechEnd;
        turnLastLine = nextSpeechId;
      }
      if (lastSpeechEnd >= 0 && endpointing.size() < MAX_TURNS_MEASURED) {
        // the end-of-turn silence waited, plus the frame clock's lag: the endpointing delay
        Duration delay = Duration.ofNanos(Math.max(0, heardAt - lastSpeechEnd));
        endpointing.add(delay);
        LOG.log(
            Level.DEBUG,
            "Call {0}: turn {1} of the callee ended, endpointing {2} ms",
            callId,
            endpointing.size(),
            delay.toMillis());
      }
    }
    Optional<SpeechRecognizer> stt = carrier.recognizer();
    if (stt.isEmpty()) {
      LOG.log(
          Level.DEBUG,
          "Call {0}: an utterance was heard but no speech-to-text is configured ({1}stt-url)",
          callId,
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
            Level.WARNING, "Call {0}: speech to text failed, utterance skipped: {1}", callId, why);
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

  /** One line being spoken: its synthesis, audio that came before its turn, its playback. */
  private static final class Line {
    final long id;
    final String text;
    final Voice voice;
    final boolean reusable;
    // guarded by the call's lock
    boolean started; // synthesis asked for
    CompletableFuture<Void> synthesis; // once started
    boolean synthesized; // every piece arrived
    final List<short[]> early = new ArrayList<>(); // pieces that came while lines before it played
    short[] partial = new short[0]; // less than a frame, kept so that only whole frames are queued
    int unplayed; // clips given to the media session and not yet played out
    boolean begun; // some of it was given to the media session

    Line(long id, String text, Voice voice, boolean reusable) {
      this.id = id;
      this.text = text;
      this.voice = voice;
      this.reusable = reusable;
    }
  }

  /** The lines whose synthesis may start now (the head and {@link #LOOK_AHEAD} behind); locked. */
  private List<Line> linesToSynthesize() {
    List<Line> start = new ArrayList<>(1);
    int i = 0;
    for (Line line : lines) {
      if (i++ > LOOK_AHEAD) {
        break;
      }
      if (!line.started) {
        line.started = true;
        start.add(line);
      }
    }
    return start;
  }

  /** Starts the syntheses of {@code start}; never under the lock (a cache answers at once). */
  private void synthesize(List<Line> start) {
    for (Line line : start) {
      CompletableFuture<Void> synthesis;
      try {
        Consumer<short[]> pieces = pcm -> audio(line, pcm);
        synthesis =
            line.reusable
                ? carrier.speechCache().stream(carrier.speech(), line.text, line.voice, pieces)
                : carrier.speech().stream(line.text, line.voice, pieces);
      } catch (RuntimeException e) {
        synthesis = CompletableFuture.failedFuture(e);
      }
      boolean dropped;
      synchronized (lock) {
        dropped = state != State.ANSWERED || !lines.contains(line);
        line.synthesis = synthesis;
      }
      if (dropped) {
        synthesis.cancel(true);
      }
      synthesis.whenComplete((done, error) -> synthesized(line, error));
    }
  }

  /** A piece of a line's audio (HTTP client threads): played now if its turn came, else kept. */
  private void audio(Line line, short[] pcm) {
    synchronized (lock) {
      if (state != State.ANSWERED || !lines.contains(line)) {
        return;
      }
      if (lines.peek() == line) {
        play(line, pcm, false);
      } else {
        line.early.add(pcm);
      }
    }
  }

  /** Queues whole frames of {@code pcm} (all of it when {@code last}) after the partial frame. */
  private void play(Line line, short[] pcm, boolean last) {
    short[] all = new short[line.partial.length + pcm.length];
    System.arraycopy(line.partial, 0, all, 0, line.partial.length);
    System.arraycopy(pcm, 0, all, line.partial.length, pcm.length);
    int whole =
        last ? all.length : all.length / Narrowband.FRAME_SAMPLES * Narrowband.FRAME_SAMPLES;
    line.partial = Arrays.copyOfRange(all, whole, all.length);
    if (whole > 0) {
      line.unplayed++;
      line.begun = true;
      session.play(
          Arrays.copyOf(all, whole), sentAt -> clipSent(line, sentAt), () -> clipPlayed(line));
    }
  }

  private void synthesized(Line line, Throwable error) {
    if (error != null) {
      synchronized (lock) {
        if (state != State.ANSWERED || !lines.contains(line)) {
          return; // cancelled by barge-in or hang-up
        }
      }
      fail(CallFailure.of(CallFailure.Reason.MEDIA, "text to speech failed: " + describe(error)));
      return;
    }
    advance(line, l -> l.synthesized = true);
  }

  private void clipPlayed(Line line) {
    advance(line, l -> l.unplayed--);
  }

  /**
   * Applies {@code change} to {@code line}, then moves on past every line played out: each is
   * reported finished, the next one's early audio is queued, and further syntheses start.
   */
  private void advance(Line line, Consumer<Line> change) {
    int finished = 0;
    List<Line> start;
    synchronized (lock) {
      if (state != State.ANSWERED || !lines.contains(line)) {
        return;
      }
      change.accept(line);
      Line head = lines.peek();
      while (head != null) {
        if (!head.early.isEmpty()) {
          for (short[] pcm : head.early) {
            play(head, pcm, false);
          }
          head.early.clear();
        }
        if (head.synthesized && head.partial.length > 0) {
          play(head, new short[0], true);
        }
        if (!head.synthesized || head.unplayed > 0) {
          break;
        }
        lines.poll();
        finished++;
        head = lines.peek();
      }
      loopHold();
      start = linesToSynthesize();
    }
    for (int i = 0; i < finished; i++) {
      deliver(l -> l.onSpeechFinished(false));
    }
    synthesize(start);
  }

  /** Forgets every queued line (under the lock); returns their syntheses, to cancel after it. */
  private List<CompletableFuture<Void>> dropLines() {
    List<CompletableFuture<Void>> syntheses = new ArrayList<>(lines.size());
    for (Line line : lines) {
      if (line.synthesis != null) {
        syntheses.add(line.synthesis);
      }
    }
    lines.clear();
    return syntheses;
  }

  /** Cancels syntheses of dropped lines: their servers' streams are closed. */
  private static void cancel(List<CompletableFuture<Void>> syntheses) {
    for (CompletableFuture<Void> synthesis : syntheses) {
      synthesis.cancel(true);
    }
  }

  /** A clip's first frame went out: the first audio of the call, or of an answer to a turn. */
  private void clipSent(Line line, long sentAt) {
    synchronized (lock) {
      if (firstAudioAt < 0) {
        firstAudioAt = sentAt;
      }
      if (turnEndedAt >= 0 && line.id > turnLastLine && sentAt >= turnEndedAt) {
        if (voiceToVoice.size() < MAX_TURNS_MEASURED) {
          voiceToVoice.add(Duration.ofNanos(sentAt - turnEndedAt));
        }
        turnEndedAt = -1;
      }
    }
  }

  /** The call broke while up: hang it up and report {@code failure} as its end. */
  private void fail(CallFailure failure) {
    List<CompletableFuture<Void>> dropped;
    synchronized (lock) {
      if (state == State.ENDED) {
        return;
      }
      state = State.ENDED;
      amdTimeout.cancel();
      dropped = dropLines();
      holding = false;
    }
    cancel(dropped);
    unbridge();
    LOG.log(Level.WARNING, "Call {0} failed: {1}", callId, failure.detail());
    SipCall sip = leg;
    if (sip != null) {
      sip.hangUp();
    }
    closeMedia();
    deliver(l -> l.onFailed(failure));
  }

  // ---- hold and bridge ----

  /** Queues a round of hold audio if on hold, nothing is to be said and none is queued; locked. */
  private void loopHold() {
    if (!holding || holdQueued || !lines.isEmpty() || state != State.ANSWERED) {
      return;
    }
    holdQueued = true;
    long round = ++holdRound;
    session.play(HoldAudio.pattern(), () -> holdPlayed(round));
  }

  private void holdPlayed(long round) {
    synchronized (lock) {
      if (round != holdRound) {
        return; // stopped meanwhile
      }
      holdQueued = false;
      holdRounds++;
      loopHold();
    }
  }

  /** Ends hold audio at once; locked. Only hold audio can be queued while it plays. */
  private void stopHold() {
    holding = false;
    if (holdQueued) {
      holdQueued = false;
      holdRound++;
      session.stopPlayback();
    }
  }

  /** Rounds of hold audio played out in full so far. */
  long holdRounds() {
    synchronized (lock) {
      return holdRounds;
    }
  }

  /**
   * Connects this leg's audio with {@code other}'s both ways: from the next frame on, each one's
   * received audio is sent on the other's stream. Hold audio stops, and lines still playing on
   * either leg are cut (reported as interrupted): the two parties now talk to each other. Voice
   * activity detection and speech to text go on for both.
   *
   * @throws IllegalStateException when either leg is not answered or already bridged
   */
  void bridge(CarrierCall other) {
    if (other == this) {
      throw new IllegalArgumentException("a call cannot be bridged with itself");
    }
    // both locks, always in the same order, so that two bridges cannot deadlock
    CarrierCall first =
        System.identityHashCode(this) <= System.identityHashCode(other) ? this : other;
    CarrierCall second = first == this ? other : this;
    int cutHere;
    int cutThere;
    List<CompletableFuture<Void>> dropped = new ArrayList<>();
    synchronized (first.lock) {
      synchronized (second.lock) {
        if (state != State.ANSWERED || other.state != State.ANSWERED) {
          throw new IllegalStateException("both legs must be answered to be bridged");
        }
        if (bridged != null || other.bridged != null) {
          throw new IllegalStateException("a leg is already bridged");
        }
        cutHere = quiet(dropped);
        cutThere = other.quiet(dropped);
        bridged = other;
        other.bridged = this;
      }
    }
    cancel(dropped);
    for (int i = 0; i < cutHere; i++) {
      deliver(l -> l.onSpeechFinished(true));
    }
    for (int i = 0; i < cutThere; i++) {
      other.deliver(l -> l.onSpeechFinished(true));
    }
    LOG.log(Level.DEBUG, "Call {0}: legs bridged", callId);
  }

  /** Stops hold audio and lines for a bridge; returns the lines cut. Under this leg's lock. */
  private int quiet(List<CompletableFuture<Void>> dropped) {
    stopHold();
    int cut = lines.size();
    if (cut > 0) {
      session.stopPlayback();
      dropped.addAll(dropLines());
    }
    return cut;
  }

  /** A frame the bridged leg received: sent on this leg's stream (pacing thread). */
  private void relay(short[] samples) {
    MediaSession media = session;
    if (media != null && !hungUp) {
      media.relay(samples);
    }
  }

  /** This leg ended: the other leg stops relaying to it and is left alone (its own end decides). */
  private void unbridge() {
    CarrierCall other = bridged;
    if (other != null) {
      other.bridged = null;
    }
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
    return "CarrierCall[" + callId + "]";
  }
}
