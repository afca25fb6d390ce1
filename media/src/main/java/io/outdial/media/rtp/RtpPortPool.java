package io.outdial.media.rtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands out RTP port pairs from a range: the even RTP port and the odd RTCP port above it (RFC 3550
 * section 11), each already bound to a non-blocking {@link DatagramChannel}, so a port given out is
 * really ours and another process cannot take it between the SDP offer and the first packet. A port
 * bound by someone else is skipped. The search starts after the last pair handed out, so a pair
 * just released is reused last and stray packets of a finished call are unlikely to reach the next
 * one. Thread-safe.
 */
final class RtpPortPool {
  private final InetAddress bindAddress;
  private final int firstPort;
  private final boolean[] inUse;
  private int used;
  private int cursor;

  /**
   * @param firstPort lowest port of the range; an odd value starts at the even port above it
   * @param lastPort highest port of the range; the last pair's RTCP port does not exceed it
   */
  RtpPortPool(InetAddress bindAddress, int firstPort, int lastPort) {
    this.bindAddress = bindAddress;
    this.firstPort = (firstPort + 1) & ~1;
    int pairs = (lastPort - this.firstPort + 1) / 2;
    if (firstPort < 1 || lastPort > 65535 || pairs < 1) {
      throw new IllegalArgumentException(
          "RTP port range " + firstPort + "-" + lastPort + " holds no even/odd port pair");
    }
    inUse = new boolean[pairs];
  }

  /** Pairs in the range. */
  int capacity() {
    return inUse.length;
  }

  /** Pairs handed out and not yet closed. */
  synchronized int inUse() {
    return used;
  }

  /**
   * Binds the next free pair.
   *
   * @throws PortsExhaustedException when every pair is in use by a call or bound elsewhere
   */
  synchronized PortPair allocate() throws IOException {
    IOException lastFailure = null;
    int unbindable = 0;
    for (int i = 0; i < inUse.length; i++) {
      int pair = (cursor + i) % inUse.length;
      if (inUse[pair]) {
        continue;
      }
      int port = firstPort + 2 * pair;
      DatagramChannel rtp = null;
      try {
        rtp = bind(port);
        DatagramChannel rtcp = bind(port + 1);
        inUse[pair] = true;
        used++;
        cursor = (pair + 1) % inUse.length;
        return new PortPair(this, pair, port, rtp, rtcp);
      } catch (IOException e) {
        closeQuietly(rtp);
        unbindable++;
        lastFailure = e;
      }
    }
    throw new PortsExhaustedException(
        "no free RTP port pair in "
            + firstPort
            + "-"
            + (firstPort + 2 * inUse.length - 1)
            + " on "
            + bindAddress.getHostAddress()
            + ": "
            + used
            + " pairs in use by calls, "
            + unbindable
            + " could not be bound"
            + (lastFailure == null ? "" : " (last: " + lastFailure.getMessage() + ")"),
        lastFailure);
  }

  private DatagramChannel bind(int port) throws IOException {
    DatagramChannel channel = DatagramChannel.open();
    try {
      channel.configureBlocking(false);
      channel.bind(new InetSocketAddress(bindAddress, port));
      return channel;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private synchronized void release(int pair) {
    if (inUse[pair]) {
      inUse[pair] = false;
      used--;
    }
  }

  private static void closeQuietly(DatagramChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing a socket we failed to set up; nothing else to do
      }
    }
  }

  /** One allocated pair; {@link #close()} closes both channels and returns the pair. Idempotent. */
  static final class PortPair implements AutoCloseable {
    private final RtpPortPool pool;
    private final int pair;
    private final int rtpPort;
    private final DatagramChannel rtp;
    private final DatagramChannel rtcp;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PortPair(
        RtpPortPool pool, int pair, int rtpPort, DatagramChannel rtp, DatagramChannel rtcp) {
      this.pool = pool;
      this.pair = pair;
      this.rtpPort = rtpPort;
      this.rtp = rtp;
      this.rtcp = rtcp;
    }

    int rtpPort() {
      return rtpPort;
    }

    DatagramChannel rtp() {
      return rtp;
    }

    DatagramChannel rtcp() {
      return rtcp;
    }

    @Override
    public void close() {
      if (!closed.compareAndSet(false, true)) {
        return; // a second release could free the pair of the call that holds it now
      }
      closeQuietly(rtp);
      closeQuietly(rtcp);
      pool.release(pair);
    }
  }
}
