package io.outdial.media.rtp;

import io.outdial.media.rtp.RtpPortPool.PortPair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The RTP media of every call of one telephony provider, on two threads in all, whatever the number
 * of calls: one receive thread and one pacing thread. Thread-safe.
 *
 * <p><b>Receiving.</b> One thread (from the thread factory passed in; the server's managed thread
 * factory) waits on a {@link Selector} over every session's RTP and RTCP sockets, parses each
 * datagram and puts it into its session's jitter buffer. It never calls a listener, so a slow
 * listener cannot make the socket buffers overflow; RTCP is read and dropped for the same reason.
 *
 * <p><b>Sending and play-out.</b> One pacing thread (from the same thread factory) wakes every 20
 * ms and sends, for every started session, the frames that are due, then hands every session's next
 * received frame and digits to its {@link MediaListener}. The schedule is absolute: a session's
 * frame n is due at its first tick + n × 20 ms on a grid fixed when the engine was made, so a late
 * tick sends what is due on catching up instead of drifting; frames more than 100 ms overdue are
 * skipped rather than sent in a burst that the far end's jitter buffer would drop. Counters ({@link
 * #stats()}) say how many frames were sent, late (more than 20 ms after due) and skipped, for
 * benchmarks. Callbacks of played audio run as separate tasks on the executor passed in, never on
 * the pacing thread.
 */
public final class MediaEngine implements AutoCloseable {
  /** Samples per second of G.711 and of every PCM array here. */
  public static final int SAMPLE_RATE = 8000;

  /** Milliseconds of one frame (one RTP packet). */
  public static final int FRAME_MILLIS = 20;

  /** Samples of one 20 ms frame. */
  public static final int FRAME_SAMPLES = SAMPLE_RATE * FRAME_MILLIS / 1000;

  static final long FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(FRAME_MILLIS);
  static final long TOLERANCE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
  static final long MAX_CATCH_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  static final int RTCP_INTERVAL_FRAMES = 5000 / FRAME_MILLIS;

  private static final System.Logger LOG = System.getLogger(MediaEngine.class.getName());
  private static final long CLOSE_WAIT_MILLIS = 1000;

  private final MediaSettings settings;
  private final RtpPortPool ports;
  private final ScheduledExecutorService executor;
  private final LongSupplier nanoTime;
  private final Clock wallClock;
  private final RandomGenerator random;
  private final Selector selector;
  private final Thread receiver;
  private final Set<MediaSession> sessions = ConcurrentHashMap.newKeySet();
  private final Queue<Runnable> receiverTasks = new ConcurrentLinkedQueue<>();
  private final Counters counters = new Counters(null);
  private final Scratch scratch = new Scratch();
  private final ByteBuffer received = ByteBuffer.allocateDirect(2048);
  private final long epoch;
  private final Thread pacing;
  private volatile boolean closed;
  private volatile boolean receiverStopping;

  /**
   * Opens the selector, starts the receive thread and the pacing thread.
   *
   * @param threads makes the one receive thread (production: the managed thread factory)
   * @param executor runs the playback callbacks (production: the managed scheduled executor)
   * @throws IOException when the selector cannot be opened
   */
  public MediaEngine(
      MediaSettings settings, ThreadFactory threads, ScheduledExecutorService executor)
      throws IOException {
    this(
        settings, threads, executor, System::nanoTime, Clock.systemUTC(), new SecureRandom(), true);
  }

  /**
   * @param nanoTime the monotonic clock of the frame schedule
   * @param random draws each session's SSRC, first sequence number and timestamp (random per RFC
   *     3550, so that streams of successive calls cannot be confused)
   * @param schedulePacing false in tests that call {@link #tick()} themselves
   */
  MediaEngine(
      MediaSettings settings,
      ThreadFactory threads,
      ScheduledExecutorService executor,
      LongSupplier nanoTime,
      Clock wallClock,
      RandomGenerator random,
      boolean schedulePacing)
      throws IOException {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.nanoTime = nanoTime;
    this.wallClock = wallClock;
    this.random = random;
    this.ports = new RtpPortPool(settings.bindAddress(), settings.firstPort(), settings.lastPort());
    this.selector = Selector.open();
    this.receiver = Objects.requireNonNull(threads, "threads").newThread(this::receiveLoop);
    if (receiver == null) {
      selector.close();
      throw new IllegalStateException("the thread factory refused the RTP receive thread");
    }
    receiver.setName("rtp-receive");
    receiver.start();
    this.epoch = nanoTime.getAsLong();
    this.pacing = schedulePacing ? threads.newThread(this::paceLoop) : null;
    if (schedulePacing) {
      if (pacing == null) {
        close();
        throw new IllegalStateException("the thread factory refused the RTP pacing thread");
      }
      pacing.setName("rtp-pacing");
      pacing.start();
    }
  }

  /**
   * The pacing thread: a tick on every 20 ms boundary of the engine's grid. A thread of its own
   * rather than a periodic task on the shared executor, where a burst of other work (call events,
   * resampling a line of speech for many calls at once, a dispatcher's database transaction) could
   * queue in front of a tick and make every call's frame late together.
   */
  private void paceLoop() {
    long next = nanoTime.getAsLong();
    while (!closed) {
      try {
        tick();
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "RTP pacing tick failed; continuing", e);
      }
      long now = nanoTime.getAsLong();
      next += FRAME_NANOS;
      if (next < now) {
        next = now; // behind: catch up from now on (tick sends what is due on the grid)
      }
      LockSupport.parkNanos(next - now);
    }
  }

  /**
   * Binds a port pair and makes a session that receives at once and sends after {@link
   * MediaSession#start}.
   *
   * @param listener gets the session's received audio and digits (see {@link MediaListener})
   * @throws PortsExhaustedException when no port pair is free in the configured range
   * @throws IOException when a socket cannot be opened
   * @throws IllegalStateException when the engine is closed
   */
  public MediaSession openSession(MediaListener listener) throws IOException {
    Objects.requireNonNull(listener, "listener");
    if (closed) {
      throw new IllegalStateException("the media engine is closed");
    }
    PortPair pair = ports.allocate();
    long ssrc;
    int sequence;
    long timestamp;
    synchronized (random) {
      ssrc = random.nextLong(1L << 32);
      sequence = random.nextInt(1 << 16);
      timestamp = random.nextLong(1L << 32);
    }
    MediaSession session =
        new MediaSession(this, pair, listener, counters, settings, ssrc, sequence, timestamp);
    sessions.add(session);
    onReceiver(() -> register(session));
    return session;
  }

  /** Counters of every session this engine has had, closed ones included. */
  public MediaStats stats() {
    return counters.snapshot();
  }

  /** Sessions open now. */
  public int sessionCount() {
    return sessions.size();
  }

  /** Port pairs free for new sessions (not counting ports other processes may hold). */
  public int freePortPairs() {
    return ports.capacity() - ports.inUse();
  }

  /** Closes every session, stops the pacing thread and the receive thread. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (pacing != null) {
      LockSupport.unpark(pacing);
      try {
        pacing.join(CLOSE_WAIT_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (MediaSession session : List.copyOf(sessions)) {
      session.close(); // while the receive thread still runs: it releases the sockets
    }
    receiverStopping = true;
    selector.wakeup();
    try {
      receiver.join(CLOSE_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      selector.close();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Closing the RTP selector failed", e);
    }
  }

  // ---- pacing thread ----

  /** One 20 ms tick: send what is due for every session, then deliver received media. */
  void tick() {
    long now = nanoTime.getAsLong();
    for (MediaSession session : sessions) {
      try {
        session.pace(now, scratch);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Sending media of " + session + " failed", e);
      }
    }
    for (MediaSession session : sessions) {
      try {
        session.deliver();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Delivering media of " + session + " failed", e);
      }
    }
  }

  long nanoTime() {
    return nanoTime.getAsLong();
  }

  Clock wallClock() {
    return wallClock;
  }

  /** The first tick of the grid at or after {@code now}, where a session's first frame is due. */
  long nextTickAtOrAfter(long now) {
    long ticks = Math.ceilDiv(now - epoch, FRAME_NANOS);
    return epoch + Math.max(0, ticks) * FRAME_NANOS;
  }

  void runCallback(Runnable callback) {
    try {
      executor.execute(
          () -> {
            try {
              callback.run();
            } catch (RuntimeException e) {
              LOG.log(Level.WARNING, "A played-out callback failed", e);
            }
          });
    } catch (RejectedExecutionException e) {
      LOG.log(Level.WARNING, "The executor refused a played-out callback; it is dropped", e);
    }
  }

  // ---- sessions and the receive thread ----

  /**
   * Releases a closing session's ports. A socket registered with the selector is only really closed
   * by the receive thread's next selection, so the release happens there and the caller waits for
   * it (microseconds): the pair is then free for the very next call.
   */
  void closed(MediaSession session, PortPair pair) {
    sessions.remove(session);
    if (Thread.currentThread() == receiver || !receiver.isAlive()) {
      release(pair);
      return;
    }
    CountDownLatch released = new CountDownLatch(1);
    onReceiver(
        () -> {
          release(pair);
          released.countDown();
        });
    try {
      if (!released.await(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
        LOG.log(Level.WARNING, "The RTP receive thread did not release port {0}", pair.rtpPort());
        pair.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pair.close();
    }
  }

  private void release(PortPair pair) {
    closeQuietly(pair.rtp());
    closeQuietly(pair.rtcp());
    try {
      if (selector.isOpen()) {
        selector.selectNow(key -> {}); // deregisters the cancelled keys: the sockets close now
      }
    } catch (IOException | ClosedSelectorException e) {
      LOG.log(Level.DEBUG, "Flushing the RTP selector failed: {0}", e);
    }
    pair.close();
  }

  private void register(MediaSession session) {
    if (session.isClosed()) {
      return;
    }
    try {
      session.ports().rtp().register(selector, SelectionKey.OP_READ, new Endpoint(session, false));
      session.ports().rtcp().register(selector, SelectionKey.OP_READ, new Endpoint(session, true));
    } catch (ClosedChannelException e) {
      LOG.log(Level.DEBUG, "{0} closed before it was registered", session);
    }
  }

  private void onReceiver(Runnable task) {
    receiverTasks.add(task);
    selector.wakeup();
  }

  private void receiveLoop() {
    try {
      while (!receiverStopping) {
        runReceiverTasks();
        selector.select(this::readable);
      }
    } catch (ClosedSelectorException e) {
      LOG.log(Level.DEBUG, "The RTP selector was closed");
    } catch (IOException | UncheckedIOException e) {
      LOG.log(Level.ERROR, "The RTP receive thread failed; no call receives audio", e);
    } finally {
      runReceiverTasks(); // a session closed at the last moment still gets its ports back
    }
  }

  private void runReceiverTasks() {
    Runnable task;
    while ((task = receiverTasks.poll()) != null) {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "An RTP receive-thread task failed", e);
      }
    }
  }

  private void readable(SelectionKey key) {
    if (!(key.attachment() instanceof Endpoint endpoint)) {
      return;
    }
    DatagramChannel channel = (DatagramChannel) key.channel();
    // a bounded batch per socket keeps one flooded session from starving the others
    for (int i = 0; i < 32; i++) {
      SocketAddress from;
      received.clear();
      try {
        from = channel.receive(received);
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "Receiving on {0} failed: {1}", endpoint.session(), e);
        return;
      }
      if (from == null) {
        return;
      }
      received.flip();
      try {
        if (endpoint.rtcp()) {
          endpoint.session().onRtcp(from);
        } else {
          endpoint.session().onRtp(received, from);
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Handling a datagram for " + endpoint.session() + " failed", e);
      }
    }
  }

  private static void closeQuietly(DatagramChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "Closing an RTP socket failed: {0}", e);
    }
  }

  private record Endpoint(MediaSession session, boolean rtcp) {}

  /**
   * Buffers the pacing thread reuses for every frame of every session (it never runs twice at
   * once).
   */
  static final class Scratch {
    final ByteBuffer packet = ByteBuffer.allocateDirect(1500);
    final byte[] payload = new byte[FRAME_SAMPLES];
    final short[] pcm = new short[FRAME_SAMPLES];
    final List<Runnable> finished = new ArrayList<>();
  }
}
