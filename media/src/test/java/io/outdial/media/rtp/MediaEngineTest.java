package io.outdial.media.rtp;

import static io.outdial.media.rtp.TestPorts.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two sessions of one engine talking over the loopback interface, with real 20 ms pacing. */
class MediaEngineTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final int TELEPHONE_EVENT = 101;

  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private final ThreadFactory threadFactory =
      task -> {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        threads.add(thread);
        return thread;
      };
  private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
  private MediaEngine engine;

  private MediaEngine engine(int pairs) throws Exception {
    int first = TestPorts.freeRange(43_000, pairs);
    engine =
        new MediaEngine(
            MediaSettings.defaults()
                .withBindAddress(LOOPBACK)
                .withPortRange(first, first + 2 * pairs - 1),
            threadFactory,
            executor);
    return engine;
  }

  @AfterEach
  void stop() {
    if (engine != null) {
      engine.close();
    }
    executor.shutdownNow();
  }

  private static InetSocketAddress at(MediaSession session) {
    return new InetSocketAddress(LOOPBACK, session.localPort());
  }

  @Test
  void twoTonesCrossEachOtherIntactAndFrameByFrame() throws Exception {
    engine(4);
    Recorder heardByA = new Recorder(100, 0);
    Recorder heardByB = new Recorder(100, 0);
    MediaSession a = engine.openSession(heardByA);
    MediaSession b = engine.openSession(heardByB);
    a.start(at(b), 0, TELEPHONE_EVENT); // µ-law one way
    b.start(at(a), 8, TELEPHONE_EVENT); // A-law the other
    assertThat(heardByA.awaitWarmedUp(WAIT) && heardByB.awaitWarmedUp(WAIT)).isTrue();
    short[] fromA = Signals.tone(440, 2.0, 8000);
    short[] fromB = Signals.tone(1000, 2.0, 6000);
    CountDownLatch played = new CountDownLatch(2);

    a.play(fromA, played::countDown);
    b.play(fromB, played::countDown);

    assertThat(played.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    assertThat(heardByB.awaitSoundEnded(WAIT)).isTrue();
    assertThat(heardByA.awaitSoundEnded(WAIT)).isTrue();

    short[] atB = heardByB.firstSound();
    short[] atA = heardByA.firstSound();
    assertThat(atB).hasSize(fromA.length); // 100 frames of 160 samples, none lost or added
    assertThat(atA).hasSize(fromB.length);
    assertThat(Signals.correlation(atB, fromA)).isGreaterThan(0.99);
    assertThat(Signals.correlation(atA, fromB)).isGreaterThan(0.99);
    assertThat(Math.abs(Signals.correlation(atB, Signals.tone(1000, 2.0, 6000)))).isLessThan(0.1);
    assertThat(atB).isEqualTo(throughCodec(G711.PCMU, fromA));
    assertThat(atA).isEqualTo(throughCodec(G711.PCMA, fromB));
    assertThat(b.stats().packetsLost()).isZero();
    assertThat(a.stats().framesSent()).isGreaterThanOrEqualTo(100);
    assertThat(engine.stats().packetsReceived()).isGreaterThanOrEqualTo(200);
  }

  private static short[] throughCodec(G711 law, short[] pcm) {
    short[] out = new short[pcm.length];
    for (int i = 0; i < pcm.length; i++) {
      out[i] = law.decode(law.encode(pcm[i]));
    }
    return out;
  }

  @Test
  void dtmfDigitsArriveExactlyOnceEach() throws Exception {
    engine(4);
    Recorder heardByB = new Recorder(10, 4);
    MediaSession a = engine.openSession(new Recorder(1, 0));
    MediaSession b = engine.openSession(heardByB);
    a.start(at(b), 0, TELEPHONE_EVENT);
    b.start(at(a), 0, TELEPHONE_EVENT);
    assertThat(heardByB.awaitWarmedUp(WAIT)).isTrue();

    a.sendDtmf("123#");
    a.play(Signals.tone(440, 0.2, 8000), () -> {}); // voice waits for the digits, then follows

    assertThat(heardByB.awaitDigits(WAIT)).isTrue();
    assertThat(heardByB.awaitAudible(WAIT)).isTrue(); // every digit packet came before this
    assertThat(heardByB.digits()).isEqualTo("123#");
  }

  @Test
  void packetsArrivingBeforeStartAreHeardAndTheStreamLatchesOntoTheirSource() throws Exception {
    engine(2);
    Recorder heard = new Recorder(10, 0);
    MediaSession session = engine.openSession(heard);
    try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      peer.setSoTimeout((int) WAIT.toMillis());
      InetSocketAddress target = at(session);
      send(peer, target, new byte[] {1, 2, 3}); // not RTP
      send(peer, target, packet(99, 1, new byte[160])); // a payload type nobody offered
      short[] tone = Signals.tone(440, 0.2, 8000);
      for (int i = 0; i < 10; i++) {
        byte[] payload = new byte[160];
        G711.PCMU.encode(tone, 160 * i, 160, payload, 0);
        send(peer, target, packet(0, 100 + i, payload));
      }

      assertThat(heard.awaitAudible(WAIT)).isTrue();
      assertThat(session.stats().framesSent()).isZero();
      assertThat(session.stats().packetsRejected()).isEqualTo(2);

      InetSocketAddress signalled = new InetSocketAddress(LOOPBACK, peer.getLocalPort() + 2);
      session.start(signalled, 0, -1);
      DatagramPacket received = new DatagramPacket(new byte[512], 512);
      peer.receive(received);

      assertThat(session.remote()).contains((InetSocketAddress) peer.getLocalSocketAddress());
      RtpPacket first =
          RtpPacket.parse(ByteBuffer.wrap(received.getData(), 0, received.getLength()));
      assertThat(first.payloadType()).isZero();
      assertThat(first.marker()).isTrue();
      assertThat(first.payload()).hasSize(160);
    }
    assertThat(heard.firstSound()).isEqualTo(throughCodec(G711.PCMU, Signals.tone(440, 0.2, 8000)));
  }

  private static byte[] packet(int payloadType, int sequence, byte[] payload) {
    ByteBuffer buffer = ByteBuffer.allocate(12 + payload.length);
    RtpPacket.of(false, payloadType, sequence, 160L * sequence, 77, payload).writeTo(buffer);
    return buffer.array();
  }

  private static void send(DatagramSocket from, InetSocketAddress to, byte[] data)
      throws Exception {
    from.send(new DatagramPacket(data, data.length, to));
  }

  @Test
  void stoppedPlaybackIsDroppedAtOnceAndItsCallbackNeverRuns() throws Exception {
    engine(4);
    Recorder heardByB = new Recorder(5, 0);
    MediaSession a = engine.openSession(new Recorder(1, 0));
    MediaSession b = engine.openSession(heardByB);
    a.start(at(b), 0, -1);
    AtomicBoolean longOneFinished = new AtomicBoolean();
    a.play(Signals.tone(440, 30, 8000), () -> longOneFinished.set(true));
    assertThat(heardByB.awaitAudible(WAIT)).isTrue();

    assertThat(a.stopPlayback()).isTrue();
    CountDownLatch next = new CountDownLatch(1);
    a.play(new short[160], next::countDown);

    assertThat(next.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    assertThat(longOneFinished).isFalse();
    assertThat(a.stopPlayback()).isFalse();
    assertThat(heardByB.awaitSoundEnded(WAIT)).isTrue();
  }

  @Test
  void relayedFramesAreSentAndABacklogIsBoundedUntilTheSessionCloses() throws Exception {
    engine(4);
    Recorder heardByB = new Recorder(5, 0);
    MediaSession a = engine.openSession(new Recorder(1, 0));
    MediaSession b = engine.openSession(heardByB);
    short[] frame = java.util.Arrays.copyOf(Signals.tone(440, 0.02, 8000), 160);

    // not started yet: nothing is sent, so the backlog fills up to its bound
    for (int i = 0; i < MediaSession.MAX_RELAY_BACKLOG; i++) {
      assertThat(a.relay(frame)).isTrue();
    }
    assertThat(a.relay(frame)).as("a stalled relay drops frames").isFalse();

    a.start(at(b), 0, -1);
    assertThat(heardByB.awaitAudible(WAIT)).as("the relayed frames went out").isTrue();
    assertThat(heardByB.awaitSoundEnded(WAIT)).isTrue();
    a.close();
    assertThat(a.relay(frame)).isFalse();
  }

  @Test
  void portExhaustionIsAClearErrorAndClosingASessionGivesItsPortsBack() throws Exception {
    engine(2);
    MediaSession a = engine.openSession(new Recorder(1, 0));
    MediaSession b = engine.openSession(new Recorder(1, 0));

    assertThatThrownBy(() -> engine.openSession(new Recorder(1, 0)))
        .isInstanceOf(PortsExhaustedException.class)
        .hasMessageContaining("no free RTP port pair in")
        .hasMessageContaining("2 pairs in use by calls");

    int port = a.localPort();
    a.close();
    a.close();
    assertThat(engine.freePortPairs()).isEqualTo(1);
    MediaSession c = engine.openSession(new Recorder(1, 0));
    assertThat(c.localPort()).isEqualTo(port); // really unbound, not only marked free
    assertThat(engine.sessionCount()).isEqualTo(2);
    assertThatThrownBy(() -> a.start(at(b), 0, -1)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void closingTheEngineClosesItsSessionsAndStopsItsThreads() throws Exception {
    engine(2);
    MediaSession session = engine.openSession(new Recorder(1, 0));
    int port = session.localPort();

    engine.close();

    assertThat(engine.sessionCount()).isZero();
    assertThat(engine.freePortPairs()).isEqualTo(2);
    // the receive thread and the pacing thread, both from the factory, both ended
    assertThat(threads)
        .extracting(Thread::getName)
        .containsExactlyInAnyOrder("rtp-receive", "rtp-pacing");
    assertThat(threads).allSatisfy(t -> assertThat(t.isAlive()).isFalse());
    try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
    assertThatThrownBy(() -> engine.openSession(new Recorder(1, 0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void badArgumentsAreNamed() throws Exception {
    engine(2);
    MediaSession session = engine.openSession(new Recorder(1, 0));

    assertThatThrownBy(() -> session.start(at(session), 3, -1))
        .hasMessageContaining("payload type 3 is not G.711");
    assertThatThrownBy(() -> session.start(at(session), 0, 13))
        .hasMessageContaining("telephone-event payload type 13");
    assertThatThrownBy(() -> session.sendDtmf("12E"))
        .hasMessageContaining("'E' is not a DTMF digit");
  }
}
