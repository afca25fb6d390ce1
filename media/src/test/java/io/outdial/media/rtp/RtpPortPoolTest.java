package io.outdial.media.rtp;

import static io.outdial.media.rtp.TestPorts.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.media.rtp.RtpPortPool.PortPair;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RtpPortPoolTest {
  @Test
  void aPairIsAnEvenRtpPortAndTheOddRtcpPortAboveItBothBound() throws Exception {
    int first = TestPorts.freeRange(41_000, 2);
    RtpPortPool pool = new RtpPortPool(LOOPBACK, first + 1, first + 3); // odd start: rounded up

    try (PortPair pair = pool.allocate()) {
      assertThat(pair.rtpPort()).isEqualTo(first + 2);
      assertThat(((InetSocketAddress) pair.rtp().getLocalAddress()).getPort()).isEqualTo(first + 2);
      assertThat(((InetSocketAddress) pair.rtcp().getLocalAddress()).getPort())
          .isEqualTo(first + 3);
      assertThat(pair.rtp().isBlocking()).isFalse();
    }
    assertThat(pool.capacity()).isEqualTo(1);
  }

  @Test
  void exhaustionNamesTheRangeAndWhyAndClosingReturnsThePair() throws Exception {
    int first = TestPorts.freeRange(41_100, 2);
    RtpPortPool pool = new RtpPortPool(LOOPBACK, first, first + 3);
    PortPair a = pool.allocate();
    PortPair b = pool.allocate();

    assertThatThrownBy(pool::allocate)
        .isInstanceOf(PortsExhaustedException.class)
        .hasMessage(
            "no free RTP port pair in %d-%d on 127.0.0.1: 2 pairs in use by calls, 0 could not be bound",
            first, first + 3);

    a.close();
    a.close(); // a second close must not free the pair again once someone else holds it
    assertThat(pool.inUse()).isEqualTo(1);
    try (PortPair again = pool.allocate()) {
      assertThat(again.rtpPort()).isEqualTo(first);
      assertThat(pool.inUse()).isEqualTo(2);
    }
    b.close();
    assertThat(pool.inUse()).isZero();
  }

  @Test
  void aPortBoundByAnotherProcessIsSkipped() throws Exception {
    int first = TestPorts.freeRange(41_200, 2);
    RtpPortPool pool = new RtpPortPool(LOOPBACK, first, first + 3);
    try (DatagramChannel squatter = DatagramChannel.open()) {
      squatter.bind(new InetSocketAddress(LOOPBACK, first + 1)); // the first pair's RTCP port

      try (PortPair pair = pool.allocate()) {
        assertThat(pair.rtpPort()).isEqualTo(first + 2);
        assertThatThrownBy(pool::allocate)
            .isInstanceOf(PortsExhaustedException.class)
            .hasMessageContaining("1 pairs in use by calls, 1 could not be bound (last: ");
      }
      // the first pair's RTP port was given back when its RTCP port failed
      try (DatagramChannel probe = DatagramChannel.open()) {
        probe.bind(new InetSocketAddress(LOOPBACK, first));
      }
    }
  }

  @Test
  void concurrentAllocationsGetDistinctPairsUntilTheRangeIsFull() throws Exception {
    int pairs = 16;
    int first = TestPorts.freeRange(41_300, pairs);
    RtpPortPool pool = new RtpPortPool(LOOPBACK, first, first + 2 * pairs - 1);
    Set<Integer> ports = ConcurrentHashMap.newKeySet();
    List<PortPair> held = new ArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<PortPair>>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(
            threads.submit(
                () -> {
                  go.await();
                  List<PortPair> mine = new ArrayList<>();
                  for (int i = 0; i < pairs / 4; i++) {
                    PortPair pair = pool.allocate();
                    ports.add(pair.rtpPort());
                    mine.add(pair);
                  }
                  return mine;
                }));
      }
      go.countDown();
      for (Future<List<PortPair>> result : results) {
        held.addAll(result.get());
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(ports).hasSize(pairs);
    assertThat(ports).allMatch(port -> port % 2 == 0 && port >= first && port < first + 2 * pairs);
    assertThat(pool.inUse()).isEqualTo(pairs);
    assertThatThrownBy(pool::allocate).isInstanceOf(PortsExhaustedException.class);
    held.forEach(PortPair::close);
    assertThat(pool.inUse()).isZero();
  }

  @Test
  void aRangeWithoutAPairIsRefused() {
    assertThatThrownBy(() -> new RtpPortPool(LOOPBACK, 20_001, 20_002))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("20001-20002 holds no even/odd port pair");
  }
}
