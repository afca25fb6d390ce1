package io.outdial.carrier.sip.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.outdial.carrier.sip.BaresipPeer;
import io.outdial.core.campaign.Voice;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.CallId;
import io.outdial.dialer.spi.CallHandle;
import io.outdial.dialer.spi.CallRequest;
import io.outdial.dialer.spi.MediaQuality;
import io.outdial.dialer.spi.ProviderUnavailableException;
import io.outdial.media.audio.PcmAudio;
import io.outdial.media.audio.Wav;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code sip} provider against a real SIP phone (baresip on 127.0.0.1) that plays speech and
 * beeps made with espeak-ng and sox, with local stand-ins for the speech servers.
 */
class SipCarrierBaresipTest {
  private static final String CALLEE = "+15550123";
  private static final Duration EVENT = Duration.ofSeconds(10);

  @TempDir Path tmp;

  private final Random random = new Random(7);
  private ScheduledThreadPoolExecutor executor;
  private SipCarrier carrier;
  private BaresipPeer peer;
  private SpeechStubs stubs;

  @BeforeEach
  void setUp() {
    BaresipPeer.requireBaresip();
    Sounds.requireTools();
    executor = new ScheduledThreadPoolExecutor(2, Thread.ofPlatform().daemon().factory());
  }

  @AfterEach
  void tearDown() {
    if (carrier != null) {
      carrier.close();
    }
    if (peer != null) {
      peer.close();
    }
    if (stubs != null) {
      stubs.close();
    }
    executor.shutdownNow();
  }

  @Test
  void aPersonIsDetectedHeardSpokenToAndHungUp() throws Exception {
    Path hello = Sounds.speech(tmp, "hello", "Hello?");
    peer =
        BaresipPeer.in(tmp)
            .number(CALLEE)
            .play(Sounds.sequence(tmp, "human", 0.3, 20, 0, hello))
            .recording(true)
            .start();
    stubs = new SpeechStubs(Sounds.wideband(1500), "hello there");
    carrier = carrier(peer.port(), Map.of("tts-url", stubs.url(), "stt-url", stubs.url()));
    var log = new EventLog();

    CallHandle call = carrier.placeCall(request(), log);
    log.await("answered:human", EVENT);

    byte[] upload = stubs.uploads.poll(EVENT.toSeconds(), TimeUnit.SECONDS);
    assertThat(upload).as("the callee's Hello? went to speech to text").isNotNull();
    PcmAudio heard = Wav.read(upload);
    assertThat(heard.sampleRateHz()).isEqualTo(8000);
    assertThat(Sounds.voicedSpanMs(heard.samples()))
        .as("the uploaded utterance holds the whole Hello?")
        .isCloseTo(
            Sounds.voicedSpanMs(Sounds.narrowband(hello)),
            org.assertj.core.data.Offset.offset(300L));
    log.await("heard:hello there", EVENT);

    call.speak("Good morning, this is Outdial calling.", Voice.DEFAULT);
    log.await("speech_finished:false", EVENT);
    MediaQuality quality = call.quality();
    call.hangUp();

    assertThat(peer.awaitOutput(l -> l.contains("session closed"), EVENT))
        .as("baresip received our BYE")
        .isTrue();
    assertThat(withoutRinging(log))
        .containsExactly("answered:human", "heard:hello there", "speech_finished:false");
    assertThat(log.threads()).doesNotContain(Thread.currentThread().getName());
    assertThat(quality.machineDetection()).isPresent();
    assertThat(quality.firstAudio()).isPresent();
    assertThat(quality.firstAudio().get()).isGreaterThan(quality.machineDetection().get());
    assertThat(quality.deadAir()).isPresent();
    assertThat(quality.deadAir().get()).isLessThan(quality.firstAudio().get());
    assertThat(quality.voiceToVoice())
        .as("the one turn answered: from the end of Hello? to the agent's first audio")
        .containsExactly(quality.deadAir().get());
    assertThat(quality.endpointing()).hasSize(1);
    assertThat(quality.endpointing().get(0)).isPositive();
    assertThat(call.quality()).as("kept after the call ended").isEqualTo(quality);
    assertThat(carrier.engine().sessionCount()).isZero();

    short[] ours = ourAudioAtPeer();
    assertThat(Sounds.voicedMs(ours))
        .as("the peer heard the 1.5 s of synthesised speech")
        .isBetween(1200L, 1800L);
  }

  @Test
  void aPersonTalkingOverTheAgentCutsItOff() throws Exception {
    Path hello = Sounds.speech(tmp, "hello", "Hello?");
    Path question = Sounds.speech(tmp, "question", "Wait, who is this?");
    peer =
        BaresipPeer.in(tmp)
            .number(CALLEE)
            .play(Sounds.sequence(tmp, "interrupting", 0.3, 15, 2.5, hello, question))
            .recording(true)
            .start();
    stubs = new SpeechStubs(Sounds.wideband(6000), "who is this");
    carrier = carrier(peer.port(), Map.of("tts-url", stubs.url(), "stt-url", stubs.url()));
    var log = new EventLog();

    CallHandle call = carrier.placeCall(request(), log);
    log.await("answered:human", EVENT);
    call.speak("Good morning, I am calling about your subscription renewal.", Voice.DEFAULT);
    log.await("speech_finished:true", EVENT);
    assertThat(stubs.uploads.poll(EVENT.toSeconds(), TimeUnit.SECONDS)).isNotNull();
    assertThat(stubs.uploads.poll(EVENT.toSeconds(), TimeUnit.SECONDS))
        .as("the words that interrupted went to speech to text")
        .isNotNull();
    log.await(e -> e.equals("heard:who is this") && countOf(log, e) == 2, EVENT);
    call.hangUp();

    assertThat(withoutRinging(log))
        .containsSubsequence("answered:human", "speech_finished:true", "heard:who is this")
        .doesNotContain("speech_finished:false");
    assertThat(Sounds.voicedMs(ourAudioAtPeer()))
        .as("the 6 s of speech stopped when the callee spoke")
        .isLessThan(4000);
  }

  @Test
  void playbackStartsAtTheFirstStreamedPieceOfSpeech() throws Exception {
    peer = BaresipPeer.in(tmp).number(CALLEE).recording(true).start();
    CountDownLatch rest = new CountDownLatch(1);
    stubs = new SpeechStubs(Sounds.wideband(1500), "").streamSpeech(44 + 24_000, rest);
    carrier = carrier(peer.port(), Map.of("amd", "false", "tts-url", stubs.url()));
    var log = new EventLog();

    CallHandle call = carrier.placeCall(request(), log);
    log.await("answered:unknown", EVENT);
    call.speak("Good morning, this is Outdial calling.", Voice.DEFAULT);

    // the first half second is on the wire while the server still holds back the rest
    await().atMost(EVENT).until(() -> call.quality().firstAudio().isPresent());
    rest.countDown();
    log.await("speech_finished:false", EVENT);
    call.hangUp();

    assertThat(peer.awaitOutput(l -> l.contains("session closed"), EVENT)).isTrue();
    assertThat(Sounds.voicedMs(ourAudioAtPeer()))
        .as("the peer heard all 1.5 s, the streamed pieces played one after the other")
        .isBetween(1200L, 1800L);
  }

  @Test
  void talkingOverStreamedSpeechClosesTheTextToSpeechStream() throws Exception {
    Path hello = Sounds.speech(tmp, "hello", "Hello?");
    Path question = Sounds.speech(tmp, "question", "Wait, who is this?");
    peer =
        BaresipPeer.in(tmp)
            .number(CALLEE)
            .play(Sounds.sequence(tmp, "interrupting", 0.3, 15, 2.5, hello, question))
            .start();
    stubs = new SpeechStubs(Sounds.wideband(2000), "who is this").streamSpeechEndlessly(44 + 9600);
    carrier = carrier(peer.port(), Map.of("tts-url", stubs.url(), "stt-url", stubs.url()));
    var log = new EventLog();

    CallHandle call = carrier.placeCall(request(), log);
    log.await("answered:human", EVENT);
    call.speak("Good morning, I am calling about your subscription renewal.", Voice.DEFAULT);
    log.await("speech_finished:true", EVENT);

    assertThat(stubs.speechClosedByClient.await(EVENT.toSeconds(), TimeUnit.SECONDS))
        .as("barge-in closed the text-to-speech server's stream")
        .isTrue();
    call.hangUp();
    assertThat(withoutRinging(log)).doesNotContain("speech_finished:false");
  }

  @Test
  void oneFailedTranscriptionIsSkippedAndASecondInARowFailsTheCall() throws Exception {
    Path hello = Sounds.speech(tmp, "hello", "Hello?");
    Path again = Sounds.speech(tmp, "again", "Hello? Anybody there?");
    peer =
        BaresipPeer.in(tmp)
            .number(CALLEE)
            .play(Sounds.sequence(tmp, "twice", 0.3, 15, 2, hello, again))
            .start();
    stubs = new SpeechStubs(Sounds.wideband(200), "").failTranscription(500);
    carrier = carrier(peer.port(), Map.of("tts-url", stubs.url(), "stt-url", stubs.url()));
    var log = new EventLog();

    carrier.placeCall(request(), log);
    log.await("answered:human", EVENT);
    assertThat(stubs.uploads.poll(EVENT.toSeconds(), TimeUnit.SECONDS)).isNotNull();

    log.await("failed:media", EVENT);
    assertThat(stubs.uploads).as("the call failed on the second utterance").hasSize(1);
    assertThat(log.failure().detail()).contains("speech to text failed twice", "500");
    assertThat(withoutRinging(log)).containsExactly("answered:human", "failed:media");
  }

  @Test
  void aMachineGetsTheVoicemailAfterItsBeep() throws Exception {
    Path greeting =
        Sounds.speech(
            tmp,
            "greeting",
            "Hi, you have reached the voicemail of Sam Taylor. I cannot take your call right"
                + " now. Please leave your name and number after the tone.");
    Path beep = Sounds.tone(tmp, "beep", 1000, 0.4);
    Path played = Sounds.sequence(tmp, "machine", 0.3, 15, 0.5, greeting, beep);
    short[] playedPcm = Sounds.narrowband(played);
    long beepEndMs = Sounds.voicedSpanMs(playedPcm) + Sounds.firstVoicedMsAfter(playedPcm, 0);
    peer = BaresipPeer.in(tmp).number(CALLEE).play(played).recording(true).start();
    stubs = new SpeechStubs(Sounds.wideband(1200), "");
    carrier = carrier(peer.port(), Map.of("tts-url", stubs.url()));
    var log = new EventLog();

    CallHandle call = carrier.placeCall(request(), log);
    log.await("answered:machine", EVENT);
    log.await("beep", Duration.ofSeconds(20));
    call.speak("Please call us back.", Voice.DEFAULT);
    log.await("speech_finished:false", EVENT);
    MediaQuality quality = call.quality();
    call.hangUp();

    assertThat(withoutRinging(log))
        .containsExactly("answered:machine", "beep", "speech_finished:false");
    assertThat(quality.machineDetection()).isPresent();
    assertThat(quality.firstAudio()).isPresent();
    assertThat(stubs.uploads).as("a machine's greeting is not transcribed").isEmpty();
    short[] ours = ourAudioAtPeer();
    long voicemailStartMs = Sounds.firstVoicedMsAfter(ours, 0);
    assertThat(voicemailStartMs)
        .as("the voicemail starts after the beep ended at %d ms", beepEndMs)
        .isGreaterThan(beepEndMs - 100);
    assertThat(Sounds.voicedMs(ours)).isBetween(960L, 1440L);
  }

  @Test
  void aPersonWithALongGreetingIsTakenForAMachineUntilTheyWaitAndThenSpokenTo() throws Exception {
    Path greeting =
        Sounds.speech(tmp, "greeting", "Good afternoon, Miller residence, Dana speaking.");
    peer =
        BaresipPeer.in(tmp)
            .number(CALLEE)
            .play(Sounds.sequence(tmp, "long-hello", 0.3, 20, 0, greeting))
            .recording(true)
            .start();
    stubs = new SpeechStubs(Sounds.wideband(1200), "miller residence");
    carrier = carrier(peer.port(), Map.of("tts-url", stubs.url(), "stt-url", stubs.url()));
    var log = new EventLog();

    CallHandle call = carrier.placeCall(request(), log);
    log.await("detected:human", EVENT);
    log.await("heard:miller residence", EVENT);
    call.speak("Good afternoon, this is Outdial calling.", Voice.DEFAULT);
    log.await("speech_finished:false", EVENT);
    MediaQuality quality = call.quality();
    call.hangUp();

    assertThat(withoutRinging(log))
        .containsExactly(
            "answered:machine",
            "detected:human",
            "heard:miller residence",
            "speech_finished:false");
    byte[] upload = stubs.uploads.poll(EVENT.toSeconds(), TimeUnit.SECONDS);
    assertThat(upload).as("the greeting held back during detection was transcribed").isNotNull();
    assertThat(Sounds.voicedSpanMs(Wav.read(upload).samples()))
        .isCloseTo(
            Sounds.voicedSpanMs(Sounds.narrowband(greeting)),
            org.assertj.core.data.Offset.offset(400L));
    assertThat(quality.machineDetection()).isPresent();
    assertThat(quality.machineDetection().get())
        .as("the time to the verdict that stood: after the greeting")
        .isGreaterThan(Duration.ofMillis(Sounds.voicedSpanMs(Sounds.narrowband(greeting))));
    assertThat(Sounds.voicedMs(ourAudioAtPeer()))
        .as("the person heard the agent, not a voicemail")
        .isBetween(900L, 1500L);
  }

  @Test
  void aBusyLineIsReportedBusyAndClosingTheProviderHangsUpWhatIsUp() throws Exception {
    peer = BaresipPeer.in(tmp).number(CALLEE).maxCalls(1).start();
    carrier = carrier(peer.port(), Map.of("amd", "false"));
    var first = new EventLog();
    carrier.placeCall(request(), first);
    first.await("answered:unknown", EVENT);

    var second = new EventLog();
    carrier.placeCall(request(), second);

    second.await("busy", EVENT);
    assertThat(second.events()).doesNotContain("answered:unknown").endsWith("busy");

    carrier.close();
    assertThat(peer.awaitOutput(l -> l.startsWith("BYE sip:"), EVENT))
        .as("closing the provider hung up the call still up")
        .isTrue();
    assertThat(withoutRinging(first)).containsExactly("answered:unknown");
    assertThat(carrier.engine().sessionCount()).isZero();
  }

  @Test
  void aCodecRejectionIsARejectedFailureWith488() throws Exception {
    peer = BaresipPeer.in(tmp).number(CALLEE).codecs("pcma").start();
    carrier = carrier(peer.port(), Map.of("codecs", "pcmu"));
    var log = new EventLog();

    carrier.placeCall(request(), log);

    log.await("failed:rejected:488", EVENT);
    assertThat(carrier.engine().sessionCount()).isZero();
  }

  @Test
  void aDeadTrunkFailsAsNetworkWithinTheFailureTimeout() throws Exception {
    carrier = carrier(BaresipPeer.freeUdpPort(), Map.of("failure-timeout", "1s"));
    var log = new EventLog();

    carrier.placeCall(request(), log);

    log.await("failed:network", Duration.ofSeconds(4));
    assertThat(log.failure().providerStatus()).isEmpty();
    assertThat(carrier.engine().sessionCount()).isZero();
  }

  @Test
  void anUnansweredCallIsCancelledAtTheRingTimeout() throws Exception {
    peer = BaresipPeer.in(tmp).number(CALLEE).answerMode(BaresipPeer.AnswerMode.MANUAL).start();
    carrier = carrier(peer.port(), Map.of("ring-timeout", "1s"));
    var log = new EventLog();

    carrier.placeCall(request(), log);

    log.await("no_answer", EVENT);
    assertThat(log.events()).containsExactly("ringing", "no_answer");
    assertThat(peer.awaitOutput(l -> l.startsWith("CANCEL sip:"), EVENT)).isTrue();
    assertThat(carrier.engine().sessionCount()).isZero();
  }

  @Test
  void digitsGoBothWaysAndEspeakSpeaksWithoutATextToSpeechServer() throws Exception {
    peer = BaresipPeer.in(tmp).number(CALLEE).console(true).start();
    carrier = carrier(peer.port(), Map.of("amd", "false"));
    var log = new EventLog();

    CallHandle call = carrier.placeCall(request(), log);
    log.await("answered:unknown", EVENT);
    peer.press("7");
    log.await("dtmf:7", EVENT);
    call.sendDtmf("12#");
    call.speak("One moment please.", Voice.DEFAULT);
    log.await("speech_finished:false", EVENT);

    for (String digit : List.of("1", "2", "#")) {
      assertThat(
              peer.awaitOutput(l -> l.contains("received event: '" + digit + "' (end=0)"), EVENT))
          .as("baresip received DTMF %s", digit)
          .isTrue();
    }
    call.hangUp();
  }

  @Test
  void aTextToSpeechFailureEndsTheCallAsAMediaFailure() throws Exception {
    peer = BaresipPeer.in(tmp).number(CALLEE).start();
    stubs = new SpeechStubs(Sounds.wideband(200), "").failSpeech(503);
    carrier = carrier(peer.port(), Map.of("amd", "false", "tts-url", stubs.url()));
    var log = new EventLog();

    CallHandle call = carrier.placeCall(request(), log);
    log.await("answered:unknown", EVENT);
    call.speak("Hello.", Voice.DEFAULT);

    log.await("failed:media", EVENT);
    assertThat(log.failure().detail()).contains("text to speech failed", "503");
    assertThat(peer.awaitOutput(l -> l.startsWith("BYE sip:"), EVENT))
        .as("the call was hung up")
        .isTrue();
    assertThat(carrier.engine().sessionCount()).isZero();
  }

  @Test
  void twentyCallsFourAtATimeEndAsExpectedLeakNoMediaSessionAndReuseTheGreeting() throws Exception {
    peer = BaresipPeer.in(tmp).number(CALLEE).maxCalls(4).start();
    stubs = new SpeechStubs(Sounds.wideband(200), "");
    carrier = carrier(peer.port(), Map.of("amd", "false", "tts-url", stubs.url()));
    int freePairs = carrier.engine().freePortPairs();

    for (int round = 0; round < 5; round++) {
      List<EventLog> logs = new ArrayList<>();
      List<CallHandle> calls = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        var log = new EventLog();
        logs.add(log);
        calls.add(carrier.placeCall(request(), log));
      }
      for (int i = 0; i < 4; i++) {
        logs.get(i).await("answered:unknown", EVENT);
        calls.get(i).speakReusable("Hello.", Voice.DEFAULT); // a campaign's greeting
      }
      for (int i = 0; i < 4; i++) {
        logs.get(i).await("speech_finished:false", EVENT);
        calls.get(i).hangUp();
        assertThat(withoutRinging(logs.get(i)))
            .as("round %d, call %d", round, i)
            .containsExactly("answered:unknown", "speech_finished:false");
      }
      assertThat(carrier.engine().sessionCount()).as("after round %d", round).isZero();
      // the next round starts once the peer has closed these calls (it takes four at most)
      int closed = 4 * (round + 1);
      var seen = new AtomicInteger();
      assertThat(
              peer.awaitOutput(
                  l -> l.contains("session closed") && seen.incrementAndGet() == closed, EVENT))
          .as("baresip closed the calls of round %d", round)
          .isTrue();
    }

    // the greeting is synthesised once, in the first round (calls answered while it runs join
    // that synthesis), then always comes from the cache
    assertThat(stubs.speechRequests.get()).isEqualTo(1);
    assertThat(carrier.speechCache().misses()).isEqualTo(1);
    assertThat(carrier.speechCache().hits() + carrier.speechCache().joins()).isEqualTo(19);
    assertThat(carrier.speechCache().hits()).isGreaterThanOrEqualTo(16); // rounds 2 to 5
    assertThat(carrier.engine().freePortPairs()).isEqualTo(freePairs);
  }

  @Test
  void withEveryRtpPortTakenOrClosedTheProviderIsUnavailable() throws Exception {
    carrier =
        carrier(
            BaresipPeer.freeUdpPort(),
            Map.of("rtp-port-min", "47100", "rtp-port-max", "47101", "failure-timeout", "5s"));
    CallHandle first = carrier.placeCall(request(), new EventLog());

    assertThatThrownBy(() -> carrier.placeCall(request(), new EventLog()))
        .isInstanceOf(ProviderUnavailableException.class)
        .hasMessageContaining("47100-47101");
    first.hangUp();
    carrier.placeCall(request(), new EventLog()).hangUp();
    carrier.close();
    assertThatThrownBy(() -> carrier.placeCall(request(), new EventLog()))
        .isInstanceOf(ProviderUnavailableException.class)
        .hasMessageContaining("closed");
  }

  // ---- helpers ----

  private SipCarrier carrier(int trunkPort, Map<String, String> extra) {
    return LocalCarriers.create(trunkPort, 47000, executor, extra);
  }

  private static long countOf(EventLog log, String event) {
    return log.events().stream().filter(event::equals).count();
  }

  /** 180 Ringing is optional and may even come after the answer: not asserted. */
  private static List<String> withoutRinging(EventLog log) {
    return log.events().stream().filter(e -> !e.equals("ringing")).toList();
  }

  private CallRequest request() {
    return new CallRequest(
        CallId.random(random), PhoneNumber.ofE164("+15550100"), PhoneNumber.ofE164(CALLEE));
  }

  /** What baresip decoded from our RTP stream, as its sndfile module recorded it. */
  private short[] ourAudioAtPeer() throws Exception {
    assertThat(peer.awaitOutput(l -> l.contains("session closed"), EVENT)).isTrue();
    List<Path> files = peer.recordings();
    Path dec =
        files.stream()
            .filter(p -> p.getFileName().toString().contains("dec"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no decoded recording among " + files));
    return Sounds.narrowband(dec);
  }
}
