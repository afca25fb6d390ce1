package io.outdial.media.rtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;

/** Finds port ranges free on the loopback address, since other builds may run on this machine. */
final class TestPorts {
  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private TestPorts() {}

  /** The first port of {@code pairs} free even/odd pairs at or above {@code from} (even). */
  static int freeRange(int from, int pairs) {
    for (int first = from; first + 2 * pairs < 65535; first += 2 * pairs) {
      if (allFree(first, 2 * pairs)) {
        return first;
      }
    }
    throw new IllegalStateException("no " + pairs + " free UDP port pairs above " + from);
  }

  private static boolean allFree(int first, int count) {
    for (int port = first; port < first + count; port++) {
      try (DatagramChannel probe = DatagramChannel.open()) {
        probe.bind(new InetSocketAddress(LOOPBACK, port));
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }
}
