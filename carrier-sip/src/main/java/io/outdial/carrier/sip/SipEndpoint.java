package io.outdial.carrier.sip;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import io.outdial.carrier.sip.stacklog.QuietServerLogger;
import io.outdial.carrier.sip.stacklog.Redaction;
import io.outdial.carrier.sip.stacklog.SystemStackLogger;
import io.outdial.dialer.spi.EventScheduler;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Outdial's SIP user agent towards one trunk: a JAIN-SIP stack listening on the configured address,
 * placing outbound legs with {@link #call}. One endpoint serves a telephony provider for the
 * application's whole life.
 *
 * <p>Why one for the life of the application: the NIST stack starts threads that {@link #close()}
 * cannot all stop; its {@code EventScannerThread} is not a daemon and survives {@code
 * SipStack.stop()}, so creating endpoints repeatedly leaks a thread each time. {@code close()} ends
 * the calls still up, removes the listener, deletes the provider and listening point and stops the
 * stack as far as the stack allows.
 *
 * <p>The stack logs only errors and warnings, through {@link System.Logger} {@code
 * io.outdial.carrier.sip.stack}, with Authorization headers redacted; SIP message dumps are never
 * written, whatever the stack's {@code TRACE_LEVEL}.
 */
public final class SipEndpoint implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(SipEndpoint.class.getName());
  private static final AtomicInteger STACKS = new AtomicInteger();
  private static final Pattern NUMBER = Pattern.compile("\\+?[0-9*]{1,32}");
  private static final Pattern CALLER_ID = Pattern.compile("[A-Za-z0-9+*#._\\-]{1,64}");

  /**
   * How long {@link #close()} waits for the answers to its hang-ups: long enough for a lost UDP BYE
   * or CANCEL to be sent again twice (after 0.5 and 1.5 s, RFC 3261 timer E).
   */
  static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

  private final SipSettings settings;
  private final EventScheduler scheduler;
  private final SipStack stack;
  private final ListeningPoint listeningPoint;
  private final SipProvider provider;
  private final Signalling signalling;
  private final Router router = new Router();
  private final Map<String, SipCall> calls = new ConcurrentHashMap<>();
  private final Object callEnded = new Object();
  private volatile boolean closed;

  private SipEndpoint(
      SipSettings settings,
      EventScheduler scheduler,
      SipStack stack,
      ListeningPoint listeningPoint,
      SipProvider provider,
      Signalling signalling) {
    this.settings = settings;
    this.scheduler = scheduler;
    this.stack = stack;
    this.listeningPoint = listeningPoint;
    this.provider = provider;
    this.signalling = signalling;
  }

  /**
   * Starts a SIP stack listening on {@code bind-host:bind-port} ({@code bind-port} 0 picks a free
   * port, see {@link #localPort()}).
   *
   * @param scheduler runs the INVITE's first send, the ring and failure timers, and the events they
   *     cause; in the server the dialer's call timer
   * @throws IllegalStateException naming the address when the stack cannot listen there, or when no
   *     public address can be found
   */
  public static SipEndpoint start(SipSettings settings, EventScheduler scheduler) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(scheduler, "scheduler");
    String transport = settings.transport().wireName();
    String where = settings.bindHost() + ":" + settings.bindPort() + "/" + transport;
    SipStack stack;
    try {
      stack = new SipStackImpl(stackProperties());
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the SIP stack: " + e.getMessage(), e);
    }
    try {
      ListeningPoint lp = listen(stack, settings);
      SipProvider provider = stack.createSipProvider(lp);
      String publicHost = publicHost(settings);
      var signalling =
          new Signalling(
              settings,
              provider,
              new AddressFactoryImpl(),
              new HeaderFactoryImpl(),
              new MessageFactoryImpl(),
              publicHost,
              lp.getPort());
      var endpoint = new SipEndpoint(settings, scheduler, stack, lp, provider, signalling);
      provider.addSipListener(endpoint.router);
      stack.start();
      LOG.log(
          Level.INFO,
          "SIP endpoint listening on {0}:{1}/{2} (public {3}) for trunk {4}:{5}",
          settings.bindHost(),
          String.valueOf(lp.getPort()),
          transport,
          publicHost,
          settings.trunkHost(),
          String.valueOf(settings.trunkPort()));
      return endpoint;
    } catch (IllegalStateException e) {
      stack.stop();
      throw e;
    } catch (Exception e) {
      stack.stop();
      throw new IllegalStateException(
          "cannot listen for SIP on " + where + ": " + Redaction.describe(e), e);
    }
  }

  /**
   * Places an outbound leg and returns it at once; the INVITE goes out on the scheduler, and every
   * outcome, including a failure to send, arrives as events on {@code listener}.
   *
   * @param callerId the caller ID, the user part of From ({@code sip:<callerId>@<from-domain>})
   * @param number the number to dial (digits and {@code *}, optional leading {@code +}); the user
   *     part of the Request-URI and To is {@link SipSettings#dialString} of it
   * @param offer our RTP port (and optionally address) for the SDP offer
   * @throws IllegalArgumentException when the number or caller ID is not a valid SIP user part
   * @throws IllegalStateException after {@link #close()}
   */
  public SipCall call(String callerId, String number, SdpOffer offer, SipCallListener listener) {
    if (number == null || !NUMBER.matcher(number).matches()) {
      throw new IllegalArgumentException(
          "number must be digits (and *) with an optional leading +: " + number);
    }
    return place(
        callerId,
        offer,
        listener,
        true,
        (callId, tag, sdp) ->
            signalling.invite(callId, tag, callerId, settings.dialString(number), sdp));
  }

  /**
   * Places an outbound leg to a SIP URI of its own (a human's address on a PBX, say), sent where
   * the URI says rather than to the trunk; otherwise like {@link #call}. A digest challenge is
   * answered with the trunk's credentials only when the URI's host is the trunk's: they are not
   * handed to other hosts.
   *
   * @param uri a {@code sip:} URI (not {@code sips:}: no TLS)
   * @throws IllegalArgumentException when the URI or caller ID is unusable
   * @throws IllegalStateException after {@link #close()}
   */
  public SipCall callUri(String callerId, String uri, SdpOffer offer, SipCallListener listener) {
    javax.sip.address.SipURI target;
    try {
      target = signalling.sipUri(Objects.requireNonNull(uri, "uri"));
    } catch (java.text.ParseException e) {
      throw new IllegalArgumentException("cannot dial " + uri + ": " + e.getMessage(), e);
    }
    return place(
        callerId,
        offer,
        listener,
        settings.trunkHost().equalsIgnoreCase(target.getHost()),
        (callId, tag, sdp) -> signalling.invite(callId, tag, callerId, target, sdp));
  }

  /** Builds a leg's INVITE from its Call-ID, From tag and SDP offer. */
  @FunctionalInterface
  private interface Invite {
    Request build(String callId, String fromTag, String sdp) throws Exception;
  }

  /**
   * What {@link #call} and {@link #callUri} share: checks, the SDP offer, the INVITE, the leg.
   *
   * @param trunkCredentials whether a digest challenge is answered with the trunk's credentials
   */
  private SipCall place(
      String callerId,
      SdpOffer offer,
      SipCallListener listener,
      boolean trunkCredentials,
      Invite invite) {
    Objects.requireNonNull(offer, "offer");
    Objects.requireNonNull(listener, "listener");
    if (callerId == null || !CALLER_ID.matcher(callerId).matches()) {
      throw new IllegalArgumentException("callerId is not a valid SIP user part: " + callerId);
    }
    if (closed) {
      throw new IllegalStateException("the SIP endpoint is closed");
    }
    String callId = UUID.randomUUID() + "@" + signalling.publicHost();
    String sdp =
        Sdp.offer(
            ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE),
            offer.rtpHost().orElse(signalling.publicHost()),
            offer.rtpPort(),
            settings.codecs());
    Request request;
    try {
      request = invite.build(callId, Long.toHexString(ThreadLocalRandom.current().nextLong()), sdp);
    } catch (Exception e) {
      throw new IllegalArgumentException("cannot build the INVITE: " + e.getMessage(), e);
    }
    var call =
        new SipCall(
            callId, signalling, scheduler, listener, sdp, trunkCredentials, c -> forget(callId, c));
    calls.put(callId, call);
    call.start(request);
    return call;
  }

  /** The local SIP port the stack listens on (useful with {@code bind-port} 0). */
  public int localPort() {
    return listeningPoint.getPort();
  }

  /** The address written into Via, Contact and the SDP offer. */
  public String publicHost() {
    return signalling.publicHost();
  }

  /** How many legs have not ended yet. */
  public int activeCalls() {
    return calls.size();
  }

  private void forget(String callId, SipCall call) {
    calls.remove(callId, call);
    synchronized (callEnded) {
      callEnded.notifyAll();
    }
  }

  /**
   * Hangs up every leg still up (CANCEL or BYE, {@link SipCallEnd.Reason#LOCAL_HANGUP}) and waits
   * up to {@link #CLOSE_GRACE} for the peers to answer, so that a lost BYE is sent again and the
   * far end knows the call is over; then ends what is left without waiting, and releases the stack
   * as far as it allows (see the class comment). Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<SipCall> up = List.copyOf(calls.values());
    for (SipCall call : up) {
      try {
        call.hangUpNow();
      } catch (RuntimeException e) {
        // its timers could not be armed (the scheduler is stopping): ended below without waiting
        LOG.log(Level.DEBUG, "SIP call {0}: hang-up at close: {1}", call.callId(), e);
      }
    }
    int unanswered = awaitLegsEnded(CLOSE_GRACE);
    for (SipCall call : List.copyOf(calls.values())) {
      call.close();
    }
    if (!up.isEmpty()) {
      LOG.log(
          Level.INFO,
          "SIP endpoint closed: hung up {0} calls, {1} without an answer within {2} ms",
          up.size(),
          unanswered,
          CLOSE_GRACE.toMillis());
    }
    try {
      provider.removeSipListener(router);
      stack.deleteSipProvider(provider);
      stack.deleteListeningPoint(listeningPoint);
    } catch (Exception e) {
      LOG.log(Level.WARNING, "SIP endpoint did not close cleanly: {0}", Redaction.describe(e));
    } finally {
      stopStack();
    }
  }

  /** Waits until no leg is left or {@code grace} has passed; returns how many are left. */
  private int awaitLegsEnded(Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    synchronized (callEnded) {
      while (!calls.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(callEnded, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      return calls.size();
    }
  }

  /**
   * Stops the stack. The reference implementation's UDP processor throws a NullPointerException
   * when it is stopped before its receive threads have set themselves up (an endpoint closed right
   * after it started); the stack is stopped all the same, so that is logged, not thrown.
   */
  private void stopStack() {
    try {
      stack.stop();
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "SIP stack stop: {0}", Redaction.describe(e));
    }
  }

  /**
   * The listening point on bind-host:bind-port. The stack refuses port 0, so for "any free port" it
   * takes one the system just handed out, and tries again (up to five times) should another process
   * take it in between.
   */
  private static ListeningPoint listen(SipStack stack, SipSettings settings) throws Exception {
    String transport = settings.transport().wireName();
    if (settings.bindPort() != 0) {
      return stack.createListeningPoint(settings.bindHost(), settings.bindPort(), transport);
    }
    Exception last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      int port = freePort(settings);
      try {
        return stack.createListeningPoint(settings.bindHost(), port, transport);
      } catch (javax.sip.InvalidArgumentException e) {
        last = e;
      }
    }
    throw last;
  }

  private static int freePort(SipSettings settings) throws IOException {
    InetAddress host = InetAddress.getByName(settings.bindHost());
    if (settings.transport() == SipSettings.Transport.TCP) {
      try (var socket = new java.net.ServerSocket(0, 1, host)) {
        return socket.getLocalPort();
      }
    }
    try (var socket = new DatagramSocket(0, host)) {
      return socket.getLocalPort();
    }
  }

  private static Properties stackProperties() {
    Properties p = new Properties();
    p.setProperty("javax.sip.STACK_NAME", "outdial-sip-" + STACKS.incrementAndGet());
    p.setProperty("gov.nist.javax.sip.STACK_LOGGER", SystemStackLogger.class.getName());
    p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", QuietServerLogger.class.getName());
    p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
    p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
    // deliver events on the stack's message threads instead of funnelling every call through one
    p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
    p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4");
    p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
    // NOTIFYs about a REFER of ours (its implicit subscription) reach the leg, which answers them
    p.setProperty("gov.nist.javax.sip.DELIVER_UNSOLICITED_NOTIFY", "true");
    return p;
  }

  /** public-host, else the bind host, else the local address the system routes to the trunk. */
  private static String publicHost(SipSettings settings) {
    if (settings.publicHost().isPresent()) {
      return settings.publicHost().get();
    }
    try {
      InetAddress bind = InetAddress.getByName(settings.bindHost());
      if (!bind.isAnyLocalAddress()) {
        return bind.getHostAddress();
      }
      try (var probe = new DatagramSocket()) {
        probe.connect(new InetSocketAddress(settings.trunkHost(), settings.trunkPort()));
        InetAddress local = probe.getLocalAddress();
        if (local != null && !local.isAnyLocalAddress()) {
          return local.getHostAddress();
        }
      }
    } catch (UnknownHostException e) {
      throw new IllegalStateException(
          "cannot resolve " + e.getMessage() + " to find our public address; set public-host", e);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot find the local address that routes to trunk-host "
              + settings.trunkHost()
              + "; set public-host",
          e);
    }
    throw new IllegalStateException(
        "no local address routes to trunk-host " + settings.trunkHost() + "; set public-host");
  }

  private SipCall callOf(javax.sip.message.Message message) {
    CallIdHeader header = (CallIdHeader) message.getHeader(CallIdHeader.NAME);
    return header == null ? null : calls.get(header.getCallId());
  }

  /** Hands the stack's events to the leg they belong to; answers what belongs to none. */
  private final class Router implements SipListener {
    @Override
    public void processRequest(RequestEvent event) {
      Request request = event.getRequest();
      SipCall call = callOf(request);
      if (call != null) {
        call.onRequest(event);
        return;
      }
      int status =
          switch (request.getMethod()) {
            case Request.ACK -> 0;
            case Request.OPTIONS -> Response.OK; // trunk keep-alive
            case Request.INVITE -> Response.DECLINE; // outbound only
            default -> Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST;
          };
      if (status != 0) {
        try {
          signalling.respondStateless(request, status);
        } catch (Exception e) {
          LOG.log(Level.DEBUG, "SIP response not sent: {0}", Redaction.describe(e));
        }
      }
    }

    @Override
    public void processResponse(ResponseEvent event) {
      Response response = event.getResponse();
      SipCall call = callOf(response);
      if (call != null) {
        call.onResponse(event);
        return;
      }
      CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
      Dialog dialog = event.getDialog();
      if (response.getStatusCode() / 100 == 2
          && cseq != null
          && Request.INVITE.equals(cseq.getMethod())
          && dialog != null) {
        // an answer to a leg that already ended (e.g. after the failure timeout): hang it up
        try {
          signalling.ack(dialog, cseq.getSeqNumber());
          signalling.bye(dialog);
        } catch (Exception e) {
          LOG.log(Level.DEBUG, "late answer not hung up: {0}", Redaction.describe(e));
        }
      }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
      if (event.isServerTransaction()) {
        return;
      }
      ClientTransaction tx = event.getClientTransaction();
      SipCall call = tx == null ? null : callOf(tx.getRequest());
      if (call != null) {
        call.onTransactionTimeout(tx);
      }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
      LOG.log(
          Level.WARNING,
          "SIP transport error towards {0}:{1}/{2}",
          event.getHost(),
          String.valueOf(event.getPort()),
          event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
      // nothing to do: legs end on responses and timers
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
      // nothing to do: legs end on responses and timers
    }
  }
}
