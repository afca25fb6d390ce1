package io.outdial.media.rtp;

import io.outdial.media.rtp.Counters.Kind;
import io.outdial.media.rtp.RtpPortPool.PortPair;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * The media of one call: an RTP/RTCP port pair, the outgoing audio queue and DTMF, and the jitter
 * buffer of the incoming stream. Made by {@link MediaEngine#openSession(MediaListener)} before the
 * INVITE, so that {@link #localPort()} can go into the SDP offer and packets the callee sends
 * before our ACK are kept; {@link #start} begins sending once the answer names the far end. It
 * holds no thread: the engine's receive thread and pacing thread do its work. Thread-safe.
 *
 * <p><b>Symmetric RTP.</b> Outgoing packets go to the source address of the first RTP packet
 * received, when that differs from the address in the answer's SDP: a trunk behind NAT, or one
 * whose SDP names an internal address, is reached where it really sends from (RFC 4961). Only the
 * first usable packet latches, so a packet injected later cannot steer the stream away; one
 * injected before the callee's first packet could, which is the accepted cost of latching. RTCP
 * goes to the source of the first RTCP packet received, else to the RTP address's port + 1. Packets
 * of the telephone-event type that arrive before {@link #start} are dropped: their payload type is
 * only known from the answer.
 */
public final class MediaSession implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(MediaSession.class.getName());
  private static final int COMFORT_NOISE = 13;
  private static final int SAMPLES = MediaEngine.FRAME_SAMPLES;
  private static final LongConsumer NO_HOOK = sentAt -> {};
  private static final Runnable NO_CALLBACK = () -> {};

  /**
   * Relayed frames waiting to be sent beyond which more are dropped: the far end of a bridge sends
   * one frame a tick, as we do, so more than a few waiting means a stall whose backlog would only
   * add delay to the conversation.
   */
  static final int MAX_RELAY_BACKLOG = 5;

  private final MediaEngine engine;
  private final PortPair ports;
  private final MediaListener listener;
  private final Counters counters;
  private final long ssrc;
  private final String cname;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Object startLock = new Object();

  // set by start(), read by the pacing thread and the receive thread
  private volatile boolean started;
  private volatile InetSocketAddress sdpRemote;
  private volatile G711 law = G711.PCMU;
  private volatile int telephoneEventPayloadType = -1;
  private volatile InetSocketAddress rtpSource;
  private volatile InetSocketAddress rtcpSource;

  // outgoing queue: any thread, guarded by itself
  private final ArrayDeque<Playback> playbacks = new ArrayDeque<>();
  private final DtmfSender dtmf;
  private Playback current;
  private int currentOffset;

  // pacing thread only (nextDue is published by the volatile write of started)
  private long nextDue;
  private int sequence;
  private long timestamp;
  private boolean sentAny;
  private long packetsSent;
  private long octetsSent;
  private long framesSinceReport;

  // receive thread (offer) and pacing thread (poll), guarded by jitter
  private final JitterBuffer jitter;
  // receive thread only
  private final DtmfReceiver dtmfReceiver = new DtmfReceiver();
  private long lastSsrc = -1;
  private final ConcurrentLinkedQueue<Character> digits = new ConcurrentLinkedQueue<>();

  MediaSession(
      MediaEngine engine,
      PortPair ports,
      MediaListener listener,
      Counters engineCounters,
      MediaSettings settings,
      long ssrc,
      int firstSequence,
      long firstTimestamp) {
    this.engine = engine;
    this.ports = ports;
    this.listener = listener;
    this.counters = new Counters(engineCounters);
    this.ssrc = ssrc;
    this.cname = "outdial-" + Long.toHexString(ssrc);
    this.sequence = firstSequence;
    this.timestamp = firstTimestamp;
    this.dtmf = new DtmfSender(settings.dtmfEventFrames(), settings.dtmfGapFrames());
    this.jitter = new JitterBuffer(settings.jitterDepthFrames(), counters);
  }

  /** The local RTP port, for the SDP offer; RTCP is on the port above it. */
  public int localPort() {
    return ports.rtpPort();
  }

  /**
   * Begins sending to the far end named by the SDP answer: a frame every 20 ms (silence when
   * nothing is queued, to keep the stream and any NAT binding alive). Calling it again (a
   * re-INVITE) changes the far end and codecs without a break in the stream.
   *
   * @param remote the RTP address and port of the answer's {@code c=} and {@code m=} lines
   * @param payloadType 0 for PCMU (µ-law) or 8 for PCMA (A-law)
   * @param telephoneEventPayloadType the answer's dynamic payload type (96-127) for RFC 4733
   *     telephone-event, or -1 when it has none: DTMF is then sent as in-band tones
   */
  public void start(InetSocketAddress remote, int payloadType, int telephoneEventPayloadType) {
    Objects.requireNonNull(remote, "remote");
    if (remote.isUnresolved()) {
      throw new IllegalArgumentException("remote RTP address " + remote + " is unresolved");
    }
    G711 codec = G711.forPayloadType(payloadType);
    if (telephoneEventPayloadType != -1
        && (telephoneEventPayloadType < 96 || telephoneEventPayloadType > 127)) {
      throw new IllegalArgumentException(
          "telephone-event payload type "
              + telephoneEventPayloadType
              + " is not dynamic (96-127) nor -1");
    }
    if (closed.get()) {
      throw new IllegalStateException("media session on port " + localPort() + " is closed");
    }
    synchronized (startLock) {
      this.law = codec;
      this.telephoneEventPayloadType = telephoneEventPayloadType;
      this.sdpRemote = remote;
      if (!started) {
        nextDue = engine.nextTickAtOrAfter(engine.nanoTime());
        started = true;
      }
    }
    InetSocketAddress source = rtpSource;
    if (source != null && !source.equals(remote)) {
      LOG.log(
          Level.INFO,
          "RTP on port {0} comes from {1}, not {2} as signalled: sending there (symmetric RTP)",
          localPort(),
          source,
          remote);
    }
  }

  /**
   * Queues audio to send after what is already queued. The last 20 ms frame is padded with silence.
   * {@code whenPlayedOut} runs, on the engine's scheduled executor, once the last frame has been
   * sent; it never runs if the audio is dropped by {@link #stopPlayback()} or {@link #close()}.
   *
   * @param pcm8kHz PCM16 samples at 8 kHz; the array is read while it plays and must not change
   */
  public void play(short[] pcm8kHz, Runnable whenPlayedOut) {
    play(pcm8kHz, NO_HOOK, whenPlayedOut);
  }

  /**
   * Like {@link #play(short[], Runnable)}, and also reports when the clip's first frame went out:
   * {@code whenFirstFrameSent} gets the engine's {@link System#nanoTime()} at that send and runs on
   * the engine's scheduled executor (like {@code whenPlayedOut}, in no guaranteed order with it).
   * It lets a carrier measure how long the callee waited for the agent's first audio.
   */
  public void play(short[] pcm8kHz, LongConsumer whenFirstFrameSent, Runnable whenPlayedOut) {
    Objects.requireNonNull(pcm8kHz, "pcm8kHz");
    Objects.requireNonNull(whenFirstFrameSent, "whenFirstFrameSent");
    Objects.requireNonNull(whenPlayedOut, "whenPlayedOut");
    synchronized (playbacks) {
      playbacks.add(new Playback(pcm8kHz, whenFirstFrameSent, whenPlayedOut));
    }
  }

  /**
   * Queues one 20 ms frame received by another session, to send on the next tick (a bridge of two
   * calls inside Outdial: each session's received frames go out on the other's stream, encoded with
   * this session's codec, at this session's pacing). Nothing is reported when it has been sent. A
   * frame is dropped while {@link #MAX_RELAY_BACKLOG} frames wait, or once the session is closed.
   *
   * @param pcm8kHz PCM16 samples at 8 kHz (normally 160); the array must not change afterwards
   * @return whether the frame was queued
   */
  public boolean relay(short[] pcm8kHz) {
    Objects.requireNonNull(pcm8kHz, "pcm8kHz");
    if (closed.get()) {
      return false;
    }
    synchronized (playbacks) {
      if (playbacks.size() >= MAX_RELAY_BACKLOG) {
        return false;
      }
      playbacks.add(new Playback(pcm8kHz, NO_HOOK, NO_CALLBACK));
      return true;
    }
  }

  /**
   * Drops all queued audio at once, the frame being sent included (barge-in: the callee started
   * talking). The dropped audio's {@code whenPlayedOut} never runs.
   *
   * @return {@code true} when audio was playing or queued, i.e. playback was interrupted
   */
  public boolean stopPlayback() {
    synchronized (playbacks) {
      boolean interrupted = current != null || !playbacks.isEmpty();
      playbacks.clear();
      current = null;
      return interrupted;
    }
  }

  /**
   * Queues DTMF digits ({@code 0-9 * # A-D}) to send after those still queued, as RFC 4733 events
   * or in-band tones (see {@link #start}). Voice pauses while they play and then resumes.
   *
   * @throws IllegalArgumentException naming the first character that is not a DTMF digit; then no
   *     digit of the string is sent
   */
  public void sendDtmf(String digits) {
    Objects.requireNonNull(digits, "digits");
    synchronized (playbacks) {
      dtmf.enqueue(digits);
    }
  }

  /**
   * Where RTP is sent now: the latched source, else the SDP address; empty before {@link #start}.
   */
  public Optional<InetSocketAddress> remote() {
    InetSocketAddress source = rtpSource;
    return Optional.ofNullable(source != null ? source : sdpRemote);
  }

  /** This session's counters. */
  public MediaStats stats() {
    return counters.snapshot();
  }

  /**
   * Stops sending and receiving and returns the ports. Queued audio is dropped without its
   * callbacks. Idempotent; returns once the ports are free for the next call.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    synchronized (playbacks) {
      playbacks.clear();
      current = null;
      dtmf.clearQueued();
    }
    engine.closed(this, ports);
  }

  boolean isClosed() {
    return closed.get();
  }

  PortPair ports() {
    return ports;
  }

  // ---- pacing thread ----

  /** Sends every frame due by {@code now} (nanoTime), catching up after a late tick. */
  void pace(long now, MediaEngine.Scratch scratch) {
    if (!started || closed.get()) {
      return;
    }
    while (nextDue - now <= MediaEngine.TOLERANCE_NANOS) {
      long overdue = now - nextDue;
      sendFrame(overdue, scratch);
      nextDue += MediaEngine.FRAME_NANOS;
      timestamp = (timestamp + SAMPLES) & 0xFFFF_FFFFL;
      if (++framesSinceReport >= MediaEngine.RTCP_INTERVAL_FRAMES) {
        framesSinceReport = 0;
        sendReport(scratch);
      }
    }
  }

  private void sendFrame(long overdue, MediaEngine.Scratch scratch) {
    boolean marker;
    int payloadType;
    long frameTimestamp = timestamp;
    int payloadBytes;
    int eventPayloadType = telephoneEventPayloadType;
    G711 codec = law;
    synchronized (playbacks) {
      DtmfSender.Output output =
          dtmf.next(timestamp, eventPayloadType >= 0, scratch.payload, scratch.pcm);
      if (output == DtmfSender.Output.EVENT) {
        marker = dtmf.marker();
        payloadType = eventPayloadType;
        frameTimestamp = dtmf.eventTimestamp();
        payloadBytes = TelephoneEvent.BYTES;
      } else {
        if (output == DtmfSender.Output.VOICE) {
          nextVoice(scratch.pcm, scratch.finished);
        }
        codec.encode(scratch.pcm, 0, SAMPLES, scratch.payload, 0);
        marker = !sentAny;
        payloadType = codec.payloadType();
        payloadBytes = SAMPLES;
      }
    }
    if (overdue > MediaEngine.MAX_CATCH_UP_NANOS) {
      counters.increment(Kind.FRAMES_SKIPPED);
    } else if (transmit(scratch, marker, payloadType, frameTimestamp, payloadBytes)) {
      counters.increment(Kind.FRAMES_SENT);
      if (overdue > MediaEngine.FRAME_NANOS) {
        counters.increment(Kind.FRAMES_LATE);
      }
    } else {
      counters.increment(Kind.FRAMES_SKIPPED);
    }
    List<Runnable> finished = scratch.finished;
    for (Runnable callback : finished) {
      engine.runCallback(callback);
    }
    finished.clear();
  }

  /** Fills {@code pcm} with the next 160 queued samples or silence; collects finished callbacks. */
  private void nextVoice(short[] pcm, List<Runnable> finished) {
    while (true) {
      if (current == null) {
        current = playbacks.poll();
        currentOffset = 0;
        if (current == null) {
          Arrays.fill(pcm, 0, SAMPLES, (short) 0);
          return;
        }
      }
      int n = Math.min(SAMPLES, current.pcm.length - currentOffset);
      if (n == 0) { // an empty clip is played out at once
        if (current.whenPlayedOut != NO_CALLBACK) {
          finished.add(current.whenPlayedOut);
        }
        current = null;
        continue;
      }
      if (currentOffset == 0 && current.whenFirstFrameSent != NO_HOOK) {
        LongConsumer started = current.whenFirstFrameSent;
        long sentAt = engine.nanoTime();
        finished.add(() -> started.accept(sentAt));
      }
      System.arraycopy(current.pcm, currentOffset, pcm, 0, n);
      Arrays.fill(pcm, n, SAMPLES, (short) 0);
      currentOffset += n;
      if (currentOffset == current.pcm.length) {
        if (current.whenPlayedOut != NO_CALLBACK) {
          finished.add(current.whenPlayedOut);
        }
        current = null;
      }
      return;
    }
  }

  private boolean transmit(
      MediaEngine.Scratch scratch,
      boolean marker,
      int payloadType,
      long frameTimestamp,
      int payloadBytes) {
    InetSocketAddress target = remote().orElseThrow();
    ByteBuffer out = scratch.packet;
    out.clear();
    RtpPacket.writeHeader(out, marker, payloadType, sequence, frameTimestamp, ssrc, 0);
    out.put(scratch.payload, 0, payloadBytes);
    out.flip();
    try {
      if (ports.rtp().send(out, target) == 0) {
        return false; // socket buffer full: the frame is dropped, as late audio would be
      }
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "RTP send from port {0} to {1} failed: {2}", localPort(), target, e);
      return false;
    }
    sequence = (sequence + 1) & 0xFFFF;
    sentAny = true;
    packetsSent++;
    octetsSent += payloadBytes;
    return true;
  }

  private void sendReport(MediaEngine.Scratch scratch) {
    InetSocketAddress target = rtcpSource;
    if (target == null) {
      InetSocketAddress rtp = remote().orElseThrow();
      target = new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1);
    }
    ByteBuffer out = scratch.packet;
    out.clear();
    Rtcp.writeReport(
        out, ssrc, engine.wallClock().instant(), timestamp, packetsSent, octetsSent, cname);
    out.flip();
    try {
      ports.rtcp().send(out, target);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "RTCP send from port {0} failed: {1}", localPort() + 1, e);
    }
  }

  /** Hands the next play-out frame and any received digits to the listener. */
  void deliver() {
    short[] frame;
    synchronized (jitter) {
      frame = jitter.poll();
    }
    if (frame != null) {
      counters.increment(Kind.FRAMES_DELIVERED);
      try {
        listener.onAudioFrame(frame);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Media listener of port " + localPort() + " failed on audio", e);
      }
    }
    Character digit;
    while ((digit = digits.poll()) != null) {
      try {
        listener.onDtmf(digit);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Media listener of port " + localPort() + " failed on DTMF", e);
      }
    }
  }

  // ---- receive thread ----

  /** One datagram received on the RTP port. Never throws for bad input. */
  void onRtp(ByteBuffer datagram, SocketAddress from) {
    RtpPacket packet;
    try {
      packet = RtpPacket.parse(datagram);
    } catch (MalformedPacketException e) {
      reject(from, e.getMessage());
      return;
    }
    int payloadType = packet.payloadType();
    byte[] payload = packet.payload();
    short[] samples;
    if (payloadType == 0 || payloadType == 8) {
      if (payload.length == 0) {
        reject(from, "audio packet without payload");
        return;
      }
      samples = new short[payload.length];
      G711.forPayloadType(payloadType).decode(payload, 0, payload.length, samples, 0);
    } else if (payloadType == telephoneEventPayloadType || payloadType == COMFORT_NOISE) {
      // an event replaces a voice frame at the sender: it stands for 20 ms of silence here
      samples = new short[SAMPLES];
    } else {
      reject(from, "unexpected payload type " + payloadType);
      return;
    }
    latch(from);
    if (packet.ssrc() != lastSsrc) {
      lastSsrc = packet.ssrc();
      dtmfReceiver.reset();
    }
    if (payloadType == telephoneEventPayloadType) {
      char digit = dtmfReceiver.accept(packet.timestamp(), payload);
      if (digit != 0) {
        digits.add(digit);
      }
    }
    synchronized (jitter) {
      jitter.offer(packet.sequence(), packet.ssrc(), samples);
    }
  }

  /** One datagram received on the RTCP port: dropped, its source kept as the RTCP target. */
  void onRtcp(SocketAddress from) {
    if (rtcpSource == null && from instanceof InetSocketAddress address) {
      rtcpSource = address;
    }
  }

  private void latch(SocketAddress from) {
    if (rtpSource == null && from instanceof InetSocketAddress address) {
      rtpSource = address;
      InetSocketAddress sdp = sdpRemote;
      if (sdp != null && !sdp.equals(address)) {
        LOG.log(
            Level.INFO,
            "RTP on port {0} comes from {1}, not {2} as signalled: sending there (symmetric RTP)",
            localPort(),
            address,
            sdp);
      }
    }
  }

  private void reject(SocketAddress from, String reason) {
    counters.increment(Kind.PACKETS_REJECTED);
    LOG.log(
        Level.DEBUG, "Dropped a datagram from {0} on RTP port {1}: {2}", from, localPort(), reason);
  }

  @Override
  public String toString() {
    return "MediaSession[port=" + localPort() + ", remote=" + remote().orElse(null) + "]";
  }

  private record Playback(short[] pcm, LongConsumer whenFirstFrameSent, Runnable whenPlayedOut) {}
}
