package io.outdial.media.rtp;

import static io.outdial.media.rtp.TestPorts.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outgoing frame schedule, on a clock the test moves: no real time passes. */
class PacingTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  private final AtomicLong now = new AtomicLong(1_000 * MS);
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
  private MediaEngine engine;
  private MediaSession session;
  private DatagramSocket rtpSink;
  private DatagramSocket rtcpSink;

  @BeforeEach
  void open() throws Exception {
    int first = TestPorts.freeRange(45_000, 2);
    engine =
        new MediaEngine(
            MediaSettings.defaults().withBindAddress(LOOPBACK).withPortRange(first, first + 1),
            Thread.ofPlatform().daemon().factory(),
            executor,
            now::get,
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
            new SplittableRandom(7),
            false);
    session = engine.openSession(new Recorder(1, 0));
    rtpSink = new DatagramSocket(new InetSocketAddress(LOOPBACK, first + 2));
    rtcpSink = new DatagramSocket(new InetSocketAddress(LOOPBACK, first + 3));
    rtpSink.setSoTimeout(5_000);
    rtcpSink.setSoTimeout(5_000);
    session.start(new InetSocketAddress(LOOPBACK, first + 2), 0, -1);
  }

  @AfterEach
  void close() {
    engine.close();
    executor.shutdownNow();
    rtpSink.close();
    rtcpSink.close();
  }

  private void tickAt(long millisAfterStart) {
    now.set(1_000 * MS + millisAfterStart * MS);
    engine.tick();
  }

  private List<RtpPacket> receive(int packets) throws Exception {
    List<RtpPacket> received = new ArrayList<>();
    for (int i = 0; i < packets; i++) {
      DatagramPacket datagram = new DatagramPacket(new byte[512], 512);
      rtpSink.receive(datagram);
      received.add(RtpPacket.parse(ByteBuffer.wrap(datagram.getData(), 0, datagram.getLength())));
    }
    return received;
  }

  @Test
  void aLateTickCatchesUpOnTheAbsoluteScheduleAndSkipsWhatIsTooOld() throws Exception {
    tickAt(0);
    tickAt(20);
    assertThat(session.stats().framesSent()).isEqualTo(2);

    tickAt(80); // frames due at 40 (40 ms late), 60 (20 ms: not late) and 80
    assertThat(session.stats())
        .extracting(MediaStats::framesSent, MediaStats::framesLate, MediaStats::framesSkipped)
        .containsExactly(5L, 1L, 0L);

    tickAt(400); // due 100..380 and 400: those more than 100 ms overdue (100..280) are skipped
    assertThat(session.stats())
        .extracting(MediaStats::framesSent, MediaStats::framesLate, MediaStats::framesSkipped)
        .containsExactly(11L, 5L, 10L);
    assertThat(engine.stats().framesSent()).isEqualTo(11);

    List<RtpPacket> packets = receive(11);
    RtpPacket first = packets.get(0);
    assertThat(first.marker()).isTrue();
    for (int i = 1; i < packets.size(); i++) {
      RtpPacket packet = packets.get(i);
      assertThat(packet.sequence()).isEqualTo((first.sequence() + i) & 0xFFFF);
      int frame = i < 5 ? i : i + 10; // skipped frames advance the clock, not the sequence
      assertThat(packet.timestamp()).isEqualTo((first.timestamp() + 160L * frame) & 0xFFFF_FFFFL);
      assertThat(packet.marker()).isFalse();
      assertThat(packet.ssrc()).isEqualTo(first.ssrc());
    }
  }

  @Test
  void aTickBeforeTheNextFrameIsDueSendsNothing() {
    tickAt(0);
    tickAt(10);
    tickAt(17); // 3 ms early: beyond the 2 ms a timer may fire early
    assertThat(session.stats().framesSent()).isEqualTo(1);
    tickAt(18);
    assertThat(session.stats().framesSent()).isEqualTo(2);
  }

  @Test
  void playedAudioKeepsToRealTimeAcrossSkippedFramesAndItsCallbackRunsOnce() throws Exception {
    AtomicLong finished = new AtomicLong();
    CountDownLatch done = new CountDownLatch(1);
    session.play(
        new short[160 * 20],
        () -> {
          finished.incrementAndGet();
          done.countDown();
        });
    tickAt(0);
    executor.submit(() -> {}).get(); // the single-thread executor has run any callback by now
    assertThat(finished).hasValue(0);
    tickAt(400); // 20 more frames due: 14 skipped and 6 sent, which uses up the clip's 20 frames

    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(finished).hasValue(1);
    assertThat(session.stats().framesSkipped()).isEqualTo(14);
  }

  @Test
  void aSenderReportFollowsEveryFiveSecondsToTheRtcpPort() throws Exception {
    for (int frame = 0; frame < 250; frame++) {
      tickAt(20L * frame);
    }
    RtpPacket rtp = receive(1).get(0);
    DatagramPacket datagram = new DatagramPacket(new byte[512], 512);
    rtcpSink.receive(datagram);
    ByteBuffer report = ByteBuffer.wrap(datagram.getData(), 0, datagram.getLength());

    assertThat(report.get(0)).isEqualTo((byte) 0x80);
    assertThat(report.get(1) & 0xFF).isEqualTo(200);
    assertThat(report.getShort(2)).isEqualTo((short) 6);
    assertThat(Integer.toUnsignedLong(report.getInt(4))).isEqualTo(rtp.ssrc());
    assertThat(Integer.toUnsignedLong(report.getInt(8))) // NTP seconds of 2026-01-01
        .isEqualTo(Instant.parse("2026-01-01T00:00:00Z").getEpochSecond() + 2_208_988_800L);
    assertThat(report.getInt(20)).isEqualTo(250); // packets sent
    assertThat(report.getInt(24)).isEqualTo(250 * 160); // payload octets sent
    assertThat(report.get(28) & 0xFF).isEqualTo(0x81); // then the source description
    assertThat(report.get(29) & 0xFF).isEqualTo(202);
    assertThat(datagram.getLength()).isEqualTo(28 + 4 * (1 + (report.getShort(30) & 0xFFFF)));
  }
}
