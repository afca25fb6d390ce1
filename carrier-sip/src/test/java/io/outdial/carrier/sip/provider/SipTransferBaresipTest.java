package io.outdial.carrier.sip.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.outdial.carrier.sip.BaresipPeer;
import io.outdial.carrier.sip.RefusingReferUas;
import io.outdial.core.campaign.Voice;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.CallId;
import io.outdial.core.transfer.TargetAddress;
import io.outdial.dialer.spi.CallHandle;
import io.outdial.dialer.spi.CallRequest;
import io.outdial.dialer.spi.LegRequest;
import io.outdial.dialer.spi.ReferResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Warm and cold transfer over real SIP: the {@code sip} provider calls a callee (one baresip) and a
 * human (a second baresip), puts the callee on hold, whispers to the human, bridges the two, and
 * refers calls; what each phone heard is checked in its recording by frequency: the callee plays
 * 1400 Hz bursts, the human 1000 Hz bursts, the text-to-speech stand-in says 300 Hz, the hold audio
 * chimes at 523 and 659 Hz.
 */
class SipTransferBaresipTest {
  private static final String CALLEE = "+15550123";
  private static final String HUMAN = "agent";
  private static final Duration EVENT = Duration.ofSeconds(10);
  private static final int CALLEE_HZ = 1400;
  private static final int HUMAN_HZ = 1000;
  private static final int SPEECH_HZ = 300;

  @TempDir Path tmp;

  private final Random random = new Random(17);
  private ScheduledThreadPoolExecutor executor;
  private SipCarrier carrier;
  private BaresipPeer callee;
  private BaresipPeer human;
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
    for (BaresipPeer peer : new BaresipPeer[] {callee, human}) {
      if (peer != null) {
        peer.close();
      }
    }
    if (stubs != null) {
      stubs.close();
    }
    executor.shutdownNow();
  }

  @Test
  void theCalleeHoldsTheHumanHearsTheWhisperAndThenBothHearEachOther() throws Exception {
    callee =
        BaresipPeer.in(tmp)
            .number(CALLEE)
            .play(bursts("callee", CALLEE_HZ, 0.3))
            .recording(true)
            .start();
    // silent while the whisper plays, talking afterwards
    human =
        BaresipPeer.in(tmp)
            .number(HUMAN)
            .play(bursts("human", HUMAN_HZ, 4))
            .recording(true)
            .start();
    stubs = new SpeechStubs(Sounds.wideband(1000), "words");
    carrier =
        carrier(
            callee.port(), Map.of("amd", "false", "tts-url", stubs.url(), "stt-url", stubs.url()));
    var calleeLog = new EventLog();
    var humanLog = new EventLog();

    CallRequest request = request();
    CallHandle call = carrier.placeCall(request, calleeLog);
    calleeLog.await("answered:unknown", EVENT);
    call.speak("Please hold for a moment while I connect you with a colleague.", Voice.DEFAULT);
    call.hold();
    calleeLog.await(e -> e.startsWith("speech_finished:"), EVENT); // the callee may talk over it
    await().atMost(EVENT).until(() -> ((CarrierCall) call).holdRounds() >= 1);

    CallHandle leg =
        carrier.placeLeg(
            new LegRequest(request.callId(), request.callerId(), humanAddress()), humanLog);
    humanLog.await("answered:human", EVENT);
    leg.speak("Jordan wants the night shift.", Voice.DEFAULT);
    humanLog.await("speech_finished:false", EVENT);
    long calleeHeardBefore = countOf(calleeLog, "heard:words");
    long humanHeardBefore = countOf(humanLog, "heard:words");
    carrier.bridge(call, leg);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                countOf(humanLog, "heard:words") > humanHeardBefore
                    && countOf(calleeLog, "heard:words") > calleeHeardBefore);
    leg.hangUp();
    assertThat(human.awaitOutput(l -> l.contains("session closed"), EVENT)).isTrue();
    await().atMost(EVENT).until(() -> carrier.callsUp() == 1); // the human's BYE was answered
    assertThat(calleeLog.events())
        .as("the callee's leg stays up for the dialer to decide")
        .noneMatch(e -> e.equals("remote_hang_up") || e.startsWith("failed"));
    call.hangUp();

    assertThat(withoutRinging(humanLog)).startsWith("answered:human", "speech_finished:false");
    assertThat(humanLog.events())
        .doesNotContain("remote_hang_up")
        .noneMatch(e -> e.startsWith("failed"));
    assertThat(calleeLog.events())
        .doesNotContain("remote_hang_up")
        .noneMatch(e -> e.startsWith("failed"));

    short[] atHuman = heardBy(human);
    assertThat(Sounds.toneMs(atHuman, SPEECH_HZ))
        .as("the human heard the 1 s whisper")
        .isBetween(700L, 1300L);
    assertThat(Sounds.toneMs(atHuman, CALLEE_HZ))
        .as("the human heard the callee after the bridge")
        .isGreaterThan(400L);
    assertThat(Sounds.firstToneMs(atHuman, CALLEE_HZ))
        .isGreaterThan(Sounds.firstToneMs(atHuman, SPEECH_HZ));
    assertThat(Sounds.toneMs(atHuman, HoldAudio.FIRST_HZ))
        .as("hold audio is the callee's")
        .isZero();

    short[] atCallee = heardBy(callee);
    assertThat(Sounds.toneMs(atCallee, HoldAudio.FIRST_HZ))
        .as("the callee heard the hold chime")
        .isGreaterThanOrEqualTo(200L);
    assertThat(Sounds.toneMs(atCallee, HoldAudio.SECOND_HZ)).isGreaterThanOrEqualTo(200L);
    assertThat(Sounds.toneMs(atCallee, HUMAN_HZ))
        .as("the callee heard the human after the bridge")
        .isGreaterThan(400L);
    assertThat(Sounds.firstToneMs(atCallee, HUMAN_HZ))
        .isGreaterThan(Sounds.firstToneMs(atCallee, HoldAudio.FIRST_HZ));
    assertThat(carrier.engine().sessionCount()).isZero();
  }

  @Test
  void whenTheHumanHangsUpTheCalleeStaysUpAndCanBeSpokenTo() throws Exception {
    callee = BaresipPeer.in(tmp).number(CALLEE).start();
    human = BaresipPeer.in(tmp).number(HUMAN).playSeconds(2).start(); // hangs up after 2 s
    stubs = new SpeechStubs(Sounds.wideband(500), "");
    carrier = carrier(callee.port(), Map.of("amd", "false", "tts-url", stubs.url()));
    var calleeLog = new EventLog();
    var humanLog = new EventLog();

    CallRequest request = request();
    CallHandle call = carrier.placeCall(request, calleeLog);
    calleeLog.await("answered:unknown", EVENT);
    call.hold();
    CallHandle leg =
        carrier.placeLeg(
            new LegRequest(request.callId(), request.callerId(), humanAddress()), humanLog);
    humanLog.await("answered:human", EVENT);
    carrier.bridge(call, leg);

    humanLog.await("remote_hang_up", EVENT);
    call.speak("I am sorry, the line dropped.", Voice.DEFAULT);
    calleeLog.await("speech_finished:false", EVENT);
    assertThat(withoutRinging(calleeLog))
        .containsExactly("answered:unknown", "speech_finished:false");
    call.hangUp();
    assertThat(callee.awaitOutput(l -> l.contains("session closed"), EVENT)).isTrue();
    assertThat(carrier.engine().sessionCount()).isZero();
  }

  @Test
  void aReferralTheCalleeAcceptsIsAcceptedAndTheCalleeCallsTheHuman() throws Exception {
    callee = BaresipPeer.in(tmp).number(CALLEE).start();
    human = BaresipPeer.in(tmp).number(HUMAN).start();
    carrier = carrier(callee.port(), Map.of("amd", "false"));
    var calleeLog = new EventLog();

    CallHandle call = carrier.placeCall(request(), calleeLog);
    calleeLog.await("answered:unknown", EVENT);
    ReferResult result =
        call.refer(humanAddress()).toCompletableFuture().get(EVENT.toSeconds(), TimeUnit.SECONDS);

    assertThat(result).isEqualTo(ReferResult.accepted(202));
    assertThat(human.awaitOutput(l -> l.startsWith("INVITE sip:" + HUMAN + "@"), EVENT))
        .as("the callee called the human it was referred to")
        .isTrue();
    call.hangUp();
    assertThat(calleeLog.events()).noneMatch(e -> e.startsWith("failed"));
  }

  @Test
  void aReferralGoesOnWhenWeHangUpRightAfterItWasAccepted() throws Exception {
    // what the dialer does: once the referral is accepted, its leg is hung up at once
    callee = BaresipPeer.in(tmp).number(CALLEE).start();
    human = BaresipPeer.in(tmp).number(HUMAN).start();
    carrier = carrier(callee.port(), Map.of("amd", "false"));
    var calleeLog = new EventLog();
    CallHandle call = carrier.placeCall(request(), calleeLog);
    calleeLog.await("answered:unknown", EVENT);

    ReferResult result =
        call.refer(humanAddress()).toCompletableFuture().get(EVENT.toSeconds(), TimeUnit.SECONDS);
    call.hangUp();

    assertThat(result.accepted()).isTrue();
    assertThat(human.awaitOutput(l -> l.contains("Call established"), EVENT))
        .as("the callee and the human talk without Outdial")
        .isTrue();
  }

  @Test
  void aReferralTheTrunkRefusesIsRefusedWithItsStatus() throws Exception {
    var uas = new RefusingReferUas();
    try {
      carrier = carrier(uas.sipPort(), Map.of("amd", "false"));
      var calleeLog = new EventLog();
      CallHandle call = carrier.placeCall(request(), calleeLog);
      calleeLog.await("answered:unknown", EVENT);

      ReferResult result =
          call.refer(new TargetAddress("+15550199"))
              .toCompletableFuture()
              .get(EVENT.toSeconds(), TimeUnit.SECONDS);

      assertThat(result).isEqualTo(ReferResult.refused(403));
      call.hangUp();
    } finally {
      if (carrier != null) {
        carrier.close();
        carrier = null;
      }
      uas.stop();
    }
  }

  // ---- helpers ----

  private TargetAddress humanAddress() {
    return new TargetAddress("sip:" + HUMAN + "@127.0.0.1:" + human.port());
  }

  /** 0.8 s bursts of {@code hz} every 2 s for 30 s after {@code leadSeconds} of silence. */
  private Path bursts(String name, int hz, double leadSeconds) throws Exception {
    Path tone = Sounds.tone(tmp, name + "-tone", hz, 0.8);
    Path[] parts = new Path[15];
    java.util.Arrays.fill(parts, tone);
    return Sounds.sequence(tmp, name, leadSeconds, 20, 1.2, parts);
  }

  private SipCarrier carrier(int trunkPort, Map<String, String> extra) {
    return LocalCarriers.create(trunkPort, 48000, executor, extra);
  }

  private CallRequest request() {
    return new CallRequest(
        CallId.random(random), PhoneNumber.ofE164("+15550100"), PhoneNumber.ofE164(CALLEE));
  }

  private static long countOf(EventLog log, String event) {
    return log.events().stream().filter(event::equals).count();
  }

  private static List<String> withoutRinging(EventLog log) {
    return log.events().stream().filter(e -> !e.equals("ringing")).toList();
  }

  /** What a peer decoded from our RTP stream, as its sndfile module recorded it. */
  private static short[] heardBy(BaresipPeer peer) throws Exception {
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
