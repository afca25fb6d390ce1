package io.outdial.carrier.sip.provider;

import io.outdial.carrier.sip.SdpOffer;
import io.outdial.carrier.sip.SipCall;
import io.outdial.carrier.sip.SipEndpoint;
import io.outdial.core.campaign.Voice;
import io.outdial.core.transfer.TargetAddress;
import io.outdial.dialer.agent.SpeechRecognizer;
import io.outdial.dialer.agent.openai.OrpheusSpeechClient;
import io.outdial.dialer.agent.openai.TranscriptionClient;
import io.outdial.dialer.spi.CallFailure;
import io.outdial.dialer.spi.CallHandle;
import io.outdial.dialer.spi.CallListener;
import io.outdial.dialer.spi.CallRequest;
import io.outdial.dialer.spi.EventScheduler;
import io.outdial.dialer.spi.LegRequest;
import io.outdial.dialer.spi.ProviderContext;
import io.outdial.dialer.spi.ProviderUnavailableException;
import io.outdial.dialer.spi.TelephonyProvider;
import io.outdial.media.rtp.MediaEngine;
import io.outdial.media.rtp.MediaSession;
import io.outdial.media.rtp.MediaStats;
import io.outdial.media.rtp.PortsExhaustedException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.BiFunction;

/**
 * The {@code sip} telephony provider: real calls through a SIP trunk, with the agent's speech sent
 * and the callee's heard over RTP. One instance serves the application's whole life with one {@link
 * SipEndpoint} (one SIP stack: the stack cannot be started and stopped repeatedly without leaking
 * threads) and one {@link MediaEngine} (one receive thread and one 20 ms pacing thread for all
 * calls). Calls hold no thread; see the package documentation for the call flow.
 *
 * <p>{@link #placeCall} opens the call's RTP ports first (their port goes into the SDP offer, and
 * the callee may send audio before our ACK), then sends the INVITE, and returns at once. It throws
 * {@link ProviderUnavailableException} only when no call can be placed at all: the provider is
 * closed, or every RTP port pair of the configured range is taken. Anything specific to one call (a
 * number the trunk cannot take, a socket error) arrives later as {@link CallListener#onFailed}.
 */
public final class SipCarrier implements TelephonyProvider {
  /** The name the provider is configured by. */
  public static final String NAME = "sip";

  private static final System.Logger LOG = System.getLogger(SipCarrier.class.getName());

  private final CarrierSettings settings;
  private final EventScheduler scheduler;
  private final ScheduledExecutorService executor;
  private final Optional<ScheduledExecutorService> ownExecutor;
  private final MediaEngine engine;
  private final SipEndpoint endpoint;
  private final SpeechSource speech;
  private final SpeechCache speechCache;
  private final Optional<SpeechRecognizer> recognizer;
  private final Set<CarrierCall> calls = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private SipCarrier(
      CarrierSettings settings,
      EventScheduler scheduler,
      ScheduledExecutorService executor,
      Optional<ScheduledExecutorService> ownExecutor,
      MediaEngine engine,
      SipEndpoint endpoint,
      SpeechSource speech,
      Optional<SpeechRecognizer> recognizer) {
    this.settings = settings;
    this.scheduler = scheduler;
    this.executor = executor;
    this.ownExecutor = ownExecutor;
    this.engine = engine;
    this.endpoint = endpoint;
    this.speech = speech;
    this.speechCache = new SpeechCache(settings.ttsCacheEntries());
    this.recognizer = recognizer;
  }

  /**
   * Starts the media engine and the SIP endpoint.
   *
   * @throws IllegalStateException when the SIP stack cannot listen or RTP cannot be set up, naming
   *     what failed
   */
  static SipCarrier start(CarrierSettings settings, ProviderContext context) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(context, "context");
    Optional<ScheduledExecutorService> own =
        context.executor().isPresent() ? Optional.empty() : Optional.of(ownExecutor(context));
    ScheduledExecutorService executor = context.executor().or(() -> own).orElseThrow();
    MediaEngine engine = null;
    try {
      engine = new MediaEngine(settings.media(), context.threads(), executor);
      SipEndpoint endpoint = SipEndpoint.start(settings.sip(), context.scheduler());
      SpeechSource speech = speechSource(settings, executor);
      Optional<SpeechRecognizer> recognizer =
          settings.stt().map(config -> (SpeechRecognizer) new TranscriptionClient(config));
      LOG.log(Level.INFO, "SIP carrier started: {0}", settings);
      return new SipCarrier(
          settings, context.scheduler(), executor, own, engine, endpoint, speech, recognizer);
    } catch (IOException e) {
      own.ifPresent(ScheduledExecutorService::shutdownNow);
      throw new IllegalStateException("cannot start RTP media: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      if (engine != null) {
        engine.close();
      }
      own.ifPresent(ScheduledExecutorService::shutdownNow);
      throw e;
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Frames sent, late and skipped and packets received, lost and late, over every call since the
   * provider started (for benchmarks and diagnostics).
   */
  public MediaStats mediaStats() {
    return engine.stats();
  }

  /** Calls up now. */
  public int callsUp() {
    return calls.size();
  }

  @Override
  public CallHandle placeCall(CallRequest request, CallListener listener) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(listener, "listener");
    String callerId = request.callerId().e164();
    String number = request.to().e164();
    return place(
        new CarrierCall(request, listener, this),
        (offer, call) -> endpoint.call(callerId, number, offer, call));
  }

  /**
   * A warm transfer's leg to a human, placed like {@link #placeCall}: a {@code sip:} address is
   * called directly (Request-URI and To are the address; the trunk's credentials are only offered
   * when its host is the trunk's), a phone number through the trunk. The leg skips
   * answering-machine detection: its listener hears {@code onAnswered(HUMAN)} at the 200 OK.
   */
  @Override
  public CallHandle placeLeg(LegRequest request, CallListener listener) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(listener, "listener");
    String callerId = request.callerId().e164();
    TargetAddress to = request.to();
    return place(
        new CarrierCall(request.callId(), true, listener, this),
        (offer, call) ->
            to.isSip()
                ? endpoint.callUri(callerId, to.value(), offer, call)
                : endpoint.call(callerId, to.value(), offer, call));
  }

  /**
   * Bridges two answered calls of this provider inside Outdial: each one's received frames (decoded
   * from its codec) go out on the other's RTP stream (encoded with that one's codec), one frame per
   * 20 ms tick, so that the pair hears each other about 20 ms later than a direct call; hold audio
   * and lines still playing stop. Each leg still runs voice activity detection and speech to text,
   * so both listeners go on receiving {@code onUtterance}. When either leg ends, the other stops
   * hearing it and stays up: the dialer decides what follows.
   *
   * @throws IllegalArgumentException when a handle is not a call of this provider
   * @throws IllegalStateException when a leg is not answered (any more) or already bridged
   */
  @Override
  public void bridge(CallHandle callee, CallHandle human) {
    if (!(callee instanceof CarrierCall a) || !calls.contains(a)) {
      throw new IllegalArgumentException("not a call of this provider: " + callee);
    }
    if (!(human instanceof CarrierCall b) || !calls.contains(b)) {
      throw new IllegalArgumentException("not a call of this provider: " + human);
    }
    a.bridge(b);
  }

  /**
   * Opens the call's media, then dials with {@code dial} (given the SDP offer and the call, which
   * is the leg's SIP listener).
   */
  private CallHandle place(CarrierCall call, BiFunction<SdpOffer, CarrierCall, SipCall> dial) {
    if (closed) {
      throw new ProviderUnavailableException("the sip provider is closed");
    }
    MediaSession session;
    try {
      session = engine.openSession(call);
    } catch (PortsExhaustedException e) {
      throw new ProviderUnavailableException(
          "no RTP port pair free in "
              + settings.media().firstPort()
              + "-"
              + settings.media().lastPort()
              + " ("
              + CarrierSettings.PREFIX
              + "rtp-port-min/max): too many calls for the range",
          e);
    } catch (IllegalStateException e) {
      throw new ProviderUnavailableException("the sip provider's media engine is closed", e);
    } catch (IOException e) {
      call.failBeforeDialing(
          CallFailure.of(CallFailure.Reason.MEDIA, "cannot open RTP ports: " + e.getMessage()));
      return call;
    }
    call.attach(session);
    calls.add(call);
    SipCall leg;
    try {
      leg = dial.apply(SdpOffer.onPort(session.localPort()), call);
    } catch (IllegalArgumentException e) {
      calls.remove(call);
      call.failBeforeDialing(
          CallFailure.of(CallFailure.Reason.INVALID_NUMBER, "cannot dial: " + e.getMessage()));
      return call;
    } catch (IllegalStateException e) {
      calls.remove(call);
      session.close();
      throw new ProviderUnavailableException("the SIP endpoint is closed", e);
    }
    call.attach(leg);
    return call;
  }

  /**
   * Hangs up every call still up (no events follow for them), then stops the SIP endpoint, the
   * media engine and the executor the provider made for itself. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (CarrierCall call : List.copyOf(calls)) {
      call.abandon();
    }
    endpoint.close();
    engine.close();
    ownExecutor.ifPresent(ScheduledExecutorService::shutdown);
    LOG.log(Level.INFO, "SIP carrier closed");
  }

  // ---- for the calls ----

  CarrierSettings settings() {
    return settings;
  }

  EventScheduler scheduler() {
    return scheduler;
  }

  ScheduledExecutorService executor() {
    return executor;
  }

  SpeechSource speech() {
    return speech;
  }

  /**
   * Synthesises the line into the {@link SpeechCache} now, unless it is there or under way; calls
   * answered while it runs join it.
   */
  @Override
  public CompletableFuture<Void> prepareReusable(String text, Voice voice) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(voice, "voice");
    if (text.isBlank()) {
      return CompletableFuture.completedFuture(null);
    }
    return speechCache.prepare(speech, text, voice);
  }

  /** The audio of greetings and voicemail messages, synthesised once. */
  SpeechCache speechCache() {
    return speechCache;
  }

  Optional<SpeechRecognizer> recognizer() {
    return recognizer;
  }

  void forget(CarrierCall call) {
    calls.remove(call);
  }

  // ---- for tests ----

  MediaEngine engine() {
    return engine;
  }

  SipEndpoint endpoint() {
    return endpoint;
  }

  int activeCalls() {
    return calls.size();
  }

  private static ScheduledExecutorService ownExecutor(ProviderContext context) {
    // call events, playback callbacks and resampling (the 20 ms pacing has a thread of its own)
    var executor = new ScheduledThreadPoolExecutor(2, context.threads());
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  private static SpeechSource speechSource(CarrierSettings settings, ScheduledExecutorService ex) {
    if (settings.tts().isPresent()) {
      return new HttpSpeech(new OrpheusSpeechClient(settings.tts().get()), ex);
    }
    Optional<java.nio.file.Path> espeak = EspeakSpeech.find();
    if (espeak.isPresent()) {
      LOG.log(
          Level.INFO,
          "No {0}tts-url: the agent speaks with espeak-ng ({1})",
          CarrierSettings.PREFIX,
          espeak.get());
      return new EspeakSpeech(espeak.get(), ex);
    }
    LOG.log(
        Level.WARNING,
        "No {0}tts-url and no espeak-ng: answered calls will fail when the agent speaks",
        CarrierSettings.PREFIX);
    return new NoSpeech();
  }
}
