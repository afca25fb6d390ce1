package io.outdial.carrier.sip;

import io.outdial.carrier.sip.SipCallEnd.Reason;
import io.outdial.carrier.sip.stacklog.Redaction;
import io.outdial.dialer.spi.Cancellable;
import io.outdial.dialer.spi.EventScheduler;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One outbound SIP leg, from INVITE to its end: a state object driven by the stack's events and the
 * endpoint's timers, holding no thread.
 *
 * <p>Every decision is taken under the leg's lock; what it implies (sending a SIP message,
 * reporting an event) is queued and run after the lock is released, in decision order, by one
 * thread at a time. So the listener is never called under a lock that {@link #hangUp()} takes, may
 * call {@code hangUp()} from inside an event, and sees events in the order they were decided.
 *
 * <p>Timers bound every wait: no response to the INVITE within the failure timeout ends the leg
 * FAILED (instead of after the 32 s of RFC 3261 timer B over UDP); no answer within the ring
 * timeout cancels it (NO_ANSWER); a CANCEL or BYE left unanswered for the failure timeout ends it
 * anyway.
 */
public final class SipCall {
  private static final System.Logger LOG = System.getLogger(SipCall.class.getName());

  private enum State {
    /** INVITE queued or sent, no response yet. */
    CALLING,
    /** A provisional response came. */
    PROCEEDING,
    /** 200 OK acknowledged. */
    ANSWERED,
    /** We want the leg gone before the answer: CANCEL sent, or held until a provisional. */
    CANCELLING,
    /** BYE sent after the answer. */
    HANGING_UP,
    /** Reported ended; only late answers are still acknowledged and hung up. */
    ENDED
  }

  private final String callId;
  private final Signalling signalling;
  private final EventScheduler scheduler;
  private final SipCallListener listener;
  private final String offerSdp;
  private final boolean answersChallenges;
  private final Consumer<SipCall> onEnded;

  private final Object lock = new Object();
  private final OrderedActions actions;
  // everything below is guarded by lock
  private State state = State.CALLING;
  private Request invite;
  private ClientTransaction inviteTx;
  private boolean inviteOut;
  private Dialog dialog;
  private boolean provisionalSeen;
  private boolean cancelWhenProvisional;

  /** Challenges answered so far: one, and a second only when the first nonce went stale. */
  private int challengesAnswered;

  private CompletableFuture<Integer> referAnswer; // the referral under way, if any
  private SipCallEnd pendingEnd;
  private Cancellable ringTimer;
  private Cancellable guardTimer;
  private long guardGeneration;

  SipCall(
      String callId,
      Signalling signalling,
      EventScheduler scheduler,
      SipCallListener listener,
      String offerSdp,
      boolean answersChallenges,
      Consumer<SipCall> onEnded) {
    this.callId = callId;
    this.signalling = signalling;
    this.scheduler = scheduler;
    this.listener = Objects.requireNonNull(listener, "listener");
    this.offerSdp = offerSdp;
    this.answersChallenges = answersChallenges;
    this.onEnded = onEnded;
    this.actions = new OrderedActions(callId);
  }

  /** The SIP Call-ID of this leg (for logs and the call record). */
  public String callId() {
    return callId;
  }

  /**
   * Ends the leg from our side: CANCEL while it is not answered (sent once a provisional response
   * has come, as RFC 3261 requires), BYE after the answer. {@link SipCallListener#onEnded} follows
   * with {@link Reason#LOCAL_HANGUP} when the far end has confirmed, or after the failure timeout.
   * A 200 OK that crosses the CANCEL is acknowledged and hung up with BYE. Idempotent; returns at
   * once (the request goes out on the endpoint's scheduler), never calls the listener itself, and
   * is safe to call from inside an event.
   */
  public void hangUp() {
    if (beginHangUp()) {
      // CANCEL or BYE go out on the scheduler: the caller may hold its own locks, and a TCP send
      // may block; the listener is never called from inside hangUp()
      scheduler.execute(this::flush);
    }
  }

  /**
   * Blind transfer (RFC 3515): sends REFER in the answered dialog with {@code Refer-To} {@code
   * target}, a {@code sip:} URI, or a number, which is referred to at the trunk like a dialed one.
   * The stage completes with the far end's final status (202 accepted; 4xx-6xx refused), on the
   * scheduler or a stack thread, never under the leg's lock; exceptionally when the leg is not
   * answered, a referral is already under way, the target is unusable, the REFER cannot be sent or
   * is never answered, or the leg ends first. The NOTIFYs that report the referral's progress get
   * 200 OK; what they say is not followed: once accepted, the leg is the far end's to end.
   */
  public CompletableFuture<Integer> refer(String target) {
    Objects.requireNonNull(target, "target");
    CompletableFuture<Integer> answer = new CompletableFuture<>();
    synchronized (lock) {
      if (state != State.ANSWERED) {
        answer.completeExceptionally(new IllegalStateException("the call is not answered"));
        return answer;
      }
      if (referAnswer != null && !referAnswer.isDone()) {
        answer.completeExceptionally(new IllegalStateException("a referral is under way"));
        return answer;
      }
      referAnswer = answer;
      Dialog d = dialog;
      enqueue(() -> sendRefer(d, target, answer));
    }
    scheduler.execute(this::flush);
    return answer;
  }

  /** Starts a CANCEL or BYE unless the leg is already ending; true when one is to be sent. */
  private boolean beginHangUp() {
    synchronized (lock) {
      switch (state) {
        case CALLING, PROCEEDING ->
            beginCancel(new SipCallEnd(Reason.LOCAL_HANGUP, 0, "hung up before the answer"));
        case ANSWERED -> beginBye(new SipCallEnd(Reason.LOCAL_HANGUP, 0, "hung up"));
        default -> {
          return false;
        }
      }
      return true;
    }
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "SipCall[" + callId + ", " + state + "]";
    }
  }

  // ---------------------------------------------------------------- driven by the endpoint

  /** Queues the INVITE and arms the timers; the INVITE goes out on the scheduler, not inline. */
  void start(Request firstInvite) {
    synchronized (lock) {
      invite = firstInvite;
      ringTimer = scheduler.schedule(this::onRingTimeout, signalling.settings().ringTimeout());
      armGuard();
      enqueue(() -> sendInvite(firstInvite));
    }
    scheduler.execute(this::flush);
  }

  /** A response to one of this leg's requests. */
  void onResponse(ResponseEvent event) {
    Response response = event.getResponse();
    String method = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod();
    synchronized (lock) {
      switch (method) {
        case Request.INVITE -> onInviteResponse(event, response);
        case Request.BYE -> {
          if (response.getStatusCode() >= 200 && state == State.HANGING_UP) {
            finish(pendingEnd);
          }
        }
        case Request.REFER -> {
          int status = response.getStatusCode();
          CompletableFuture<Integer> answer = referAnswer;
          if (status >= 200 && answer != null) {
            enqueue(() -> answer.complete(status));
          }
        }
        default -> {
          // CANCEL's own 200 says nothing: the INVITE's 487 (or 200) does
        }
      }
    }
    flush();
  }

  /** A request from the far end within this leg (BYE, re-INVITE, INFO, OPTIONS, ...). */
  void onRequest(RequestEvent event) {
    String method = event.getRequest().getMethod();
    synchronized (lock) {
      switch (method) {
        case Request.BYE -> {
          enqueue(() -> respond(event, Response.OK, null));
          switch (state) {
            case CALLING, PROCEEDING, ANSWERED ->
                finish(new SipCallEnd(Reason.REMOTE_HANGUP, 0, "the callee hung up"));
            case CANCELLING, HANGING_UP -> finish(pendingEnd);
            case ENDED -> {}
          }
        }
        case Request.ACK -> {}
        // a session refresh or re-offer: keep our media as it is
        case Request.INVITE, "UPDATE" -> enqueue(() -> respond(event, Response.OK, offerSdp));
        // NOTIFY: the progress of a referral of ours (RFC 3515 §2.4.4), taken note of
        case Request.OPTIONS, Request.INFO, Request.NOTIFY ->
            enqueue(() -> respond(event, Response.OK, null));
        default -> enqueue(() -> respond(event, Response.NOT_IMPLEMENTED, null));
      }
    }
    flush();
  }

  /** The stack gave up on a request of ours (RFC 3261 timers). */
  void onTransactionTimeout(ClientTransaction tx) {
    String method = tx.getRequest().getMethod();
    synchronized (lock) {
      if (Request.INVITE.equals(method) && tx == inviteTx) {
        switch (state) {
          case CALLING, PROCEEDING ->
              finish(new SipCallEnd(Reason.FAILED, 0, "no final response to the INVITE"));
          case CANCELLING -> finish(pendingEnd);
          default -> {}
        }
      } else if (Request.BYE.equals(method) && state == State.HANGING_UP) {
        finish(pendingEnd);
      } else if (Request.REFER.equals(method) && referAnswer != null) {
        CompletableFuture<Integer> answer = referAnswer;
        enqueue(
            () -> answer.completeExceptionally(new IllegalStateException("REFER not answered")));
      }
    }
    flush();
  }

  /**
   * The endpoint is closing: send CANCEL or BYE once, without waiting for the far end nor arming
   * timers (the scheduler may already be shut down), and end the leg now.
   */
  /**
   * Hangs up as {@link #hangUp()} does, but sends the CANCEL or BYE on the calling thread: the
   * endpoint is closing and waits for the answers itself.
   */
  void hangUpNow() {
    if (beginHangUp()) {
      flush();
    }
  }

  void close() {
    synchronized (lock) {
      switch (state) {
        case PROCEEDING -> {
          ClientTransaction tx = inviteTx;
          if (provisionalSeen && tx != null) {
            enqueue(() -> sendCancel(tx));
          }
        }
        case ANSWERED -> {
          Dialog d = dialog;
          enqueue(() -> sendBye(d));
        }
        default -> {}
      }
      finish(new SipCallEnd(Reason.LOCAL_HANGUP, 0, "the SIP endpoint closed"));
    }
    flush();
  }

  // ---------------------------------------------------------------- decisions (under lock)

  private void onInviteResponse(ResponseEvent event, Response response) {
    int status = response.getStatusCode();
    if (cseq(response) != cseq(invite)) {
      return; // answers an INVITE of ours that a challenge replaced; its transaction absorbs it
    }
    if (event.getClientTransaction() != null) {
      inviteTx = event.getClientTransaction();
    }
    if (status < 200) {
      if (state == State.ENDED) {
        return;
      }
      provisionalSeen = true;
      if (state == State.CALLING) {
        state = State.PROCEEDING;
        cancelGuard(); // the trunk is alive; the ring timeout bounds the rest
      }
      if (state == State.CANCELLING && cancelWhenProvisional) {
        cancelWhenProvisional = false;
        ClientTransaction tx = inviteTx;
        enqueue(() -> sendCancel(tx));
      }
      if ((status == Response.RINGING || status == Response.SESSION_PROGRESS)
          && state == State.PROCEEDING) {
        enqueue(listener::onRinging);
      }
      return;
    }
    if (status < 300) {
      onInviteAnswered(event, response);
      return;
    }
    String phrase = response.getReasonPhrase();
    switch (state) {
      case CALLING, PROCEEDING -> {
        if (answersChallenges
            && (status == Response.UNAUTHORIZED
                || status == Response.PROXY_AUTHENTICATION_REQUIRED)) {
          answerChallenge(response);
        } else {
          finish(FinalStatus.of(status, phrase));
        }
      }
      case CANCELLING -> finish(new SipCallEnd(pendingEnd.reason(), status, pendingEnd.detail()));
      default -> {
        // a late final response to an INVITE we already gave up on
      }
    }
  }

  private void onInviteAnswered(ResponseEvent event, Response response) {
    Dialog answered = event.getDialog();
    long cseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
    if (answered == null) {
      LOG.log(
          Level.WARNING, "SIP call {0}: a 2xx without dialog could not be acknowledged", callId);
      return;
    }
    enqueue(() -> sendAck(answered, cseq));
    switch (state) {
      case CALLING, PROCEEDING -> {
        dialog = answered;
        cancelTimers();
        try {
          SdpAnswer answer = Sdp.parseAnswer(body(response), signalling.settings().codecs());
          state = State.ANSWERED;
          enqueue(() -> listener.onAnswered(answer));
        } catch (Sdp.UnusableAnswerException e) {
          Reason reason = e.noCommonCodec() ? Reason.CODEC_REJECTED : Reason.FAILED;
          beginBye(new SipCallEnd(reason, response.getStatusCode(), e.getMessage()));
        }
      }
      case CANCELLING -> {
        // the answer crossed our CANCEL: hang up the answered call
        dialog = answered;
        beginBye(pendingEnd);
      }
      case ENDED -> enqueue(() -> sendBye(answered));
      default -> {
        // ANSWERED or HANGING_UP: a retransmitted or forked 200, acknowledged above
      }
    }
  }

  private void answerChallenge(Response response) {
    int status = response.getStatusCode();
    boolean proxy = status == Response.PROXY_AUTHENTICATION_REQUIRED;
    var header =
        (WWWAuthenticateHeader)
            response.getHeader(proxy ? ProxyAuthenticateHeader.NAME : WWWAuthenticateHeader.NAME);
    // after our credentials, a new challenge means they were wrong, unless it says that only the
    // nonce expired (stale=true, RFC 2617 3.2.1): then the same credentials go once more
    boolean stale = header != null && header.isStale();
    if (challengesAnswered > 1 || (challengesAnswered == 1 && !stale)) {
      finish(new SipCallEnd(Reason.FAILED, status, "authentication rejected"));
      return;
    }
    SipSettings settings = signalling.settings();
    Optional<String> user = settings.digestUsername();
    if (user.isEmpty() || settings.password().isEmpty()) {
      finish(
          new SipCallEnd(
              Reason.FAILED, status, "authentication required but no username/password set"));
      return;
    }
    if (header == null
        || !"Digest".equalsIgnoreCase(header.getScheme())
        || header.getNonce() == null) {
      finish(new SipCallEnd(Reason.FAILED, status, "challenge without a usable Digest scheme"));
      return;
    }
    var challenge =
        new Digest.Challenge(
            Objects.requireNonNullElse(header.getRealm(), ""),
            header.getNonce(),
            Optional.ofNullable(header.getOpaque()),
            Optional.ofNullable(header.getAlgorithm()),
            Optional.ofNullable(header.getQop()));
    Request retry;
    try {
      String value =
          Digest.authorization(
              challenge,
              user.get(),
              settings.password().get(),
              Request.INVITE,
              invite.getRequestURI().toString(),
              Digest.newClientNonce(),
              1);
      retry =
          signalling.withCredentials(
              invite, proxy ? "Proxy-Authorization" : "Authorization", value);
    } catch (Digest.UnsupportedChallengeException e) {
      finish(new SipCallEnd(Reason.FAILED, status, e.getMessage()));
      return;
    } catch (Exception e) {
      finish(new SipCallEnd(Reason.FAILED, status, "could not answer the challenge"));
      LOG.log(Level.WARNING, "SIP call {0}: {1}", callId, Redaction.describe(e));
      return;
    }
    challengesAnswered++;
    invite = retry;
    inviteTx = null;
    inviteOut = false;
    provisionalSeen = false;
    state = State.CALLING;
    armGuard();
    enqueue(() -> sendInvite(retry));
  }

  private void beginCancel(SipCallEnd end) {
    pendingEnd = end;
    cancelTimers();
    if (!inviteOut) {
      finish(end); // the INVITE has not left yet: nothing to cancel
      return;
    }
    state = State.CANCELLING;
    armGuard();
    if (provisionalSeen && inviteTx != null) {
      ClientTransaction tx = inviteTx;
      enqueue(() -> sendCancel(tx));
    } else {
      cancelWhenProvisional = true;
    }
  }

  private void beginBye(SipCallEnd end) {
    pendingEnd = end;
    state = State.HANGING_UP;
    cancelTimers();
    armGuard();
    Dialog d = dialog;
    enqueue(() -> sendBye(d));
  }

  /** Ends the leg once: reports {@code end} and lets the endpoint forget it. */
  private void finish(SipCallEnd end) {
    if (state == State.ENDED) {
      return;
    }
    state = State.ENDED;
    cancelTimers();
    CompletableFuture<Integer> answer = referAnswer;
    if (answer != null && !answer.isDone()) {
      enqueue(
          () ->
              answer.completeExceptionally(
                  new IllegalStateException("the call ended before the REFER was answered")));
    }
    LOG.log(
        Level.DEBUG,
        "SIP call {0} ended: {1} {2} {3}",
        callId,
        end.reason(),
        end.sipStatus(),
        end.detail());
    enqueue(() -> onEnded.accept(this));
    enqueue(() -> listener.onEnded(end));
  }

  private void onRingTimeout() {
    synchronized (lock) {
      if (state == State.CALLING || state == State.PROCEEDING) {
        beginCancel(
            new SipCallEnd(
                Reason.NO_ANSWER,
                0,
                "no answer within " + seconds(signalling.settings().ringTimeout())));
      }
    }
    flush();
  }

  private void onGuardTimeout(long generation) {
    synchronized (lock) {
      if (generation != guardGeneration) {
        return;
      }
      switch (state) {
        case CALLING -> {
          ClientTransaction tx = inviteTx;
          finish(
              new SipCallEnd(
                  Reason.FAILED,
                  0,
                  "no response from the trunk within "
                      + seconds(signalling.settings().failureTimeout())));
          enqueue(() -> terminate(tx));
        }
        case CANCELLING -> {
          ClientTransaction tx = inviteTx;
          finish(pendingEnd);
          enqueue(() -> terminate(tx));
        }
        case HANGING_UP -> finish(pendingEnd);
        default -> {}
      }
    }
    flush();
  }

  private void armGuard() {
    cancelGuard();
    long generation = ++guardGeneration;
    guardTimer =
        scheduler.schedule(
            () -> onGuardTimeout(generation), signalling.settings().failureTimeout());
  }

  private void cancelGuard() {
    guardGeneration++;
    if (guardTimer != null) {
      guardTimer.cancel();
      guardTimer = null;
    }
  }

  private void cancelTimers() {
    cancelGuard();
    if (ringTimer != null) {
      ringTimer.cancel();
      ringTimer = null;
    }
  }

  private void enqueue(Runnable action) {
    actions.add(action);
  }

  // ---------------------------------------------------------------- actions (outside the lock)

  /** Runs the actions decided so far (see {@link OrderedActions}); call without the lock. */
  private void flush() {
    actions.runPending();
  }

  private void sendInvite(Request request) {
    ClientTransaction tx;
    synchronized (lock) {
      if (state == State.ENDED || invite != request) {
        return;
      }
      inviteOut = true;
    }
    try {
      tx = signalling.send(request);
    } catch (Exception e) {
      synchronized (lock) {
        finish(new SipCallEnd(Reason.FAILED, 0, "could not send the INVITE: " + reason(e)));
      }
      return;
    }
    synchronized (lock) {
      if (invite == request && inviteTx == null) {
        inviteTx = tx;
      }
    }
  }

  private void sendAck(Dialog d, long cseq) {
    try {
      signalling.ack(d, cseq);
    } catch (Exception e) {
      LOG.log(Level.WARNING, "SIP call {0}: ACK not sent: {1}", callId, reason(e));
    }
  }

  private void sendCancel(ClientTransaction tx) {
    if (tx == null) {
      return;
    }
    try {
      signalling.cancel(tx);
    } catch (Exception e) {
      // typically the INVITE got its final response meanwhile; that response ends the leg
      LOG.log(Level.DEBUG, "SIP call {0}: CANCEL not sent: {1}", callId, reason(e));
    }
  }

  private void sendRefer(Dialog d, String target, CompletableFuture<Integer> answer) {
    try {
      javax.sip.address.SipURI uri =
          target.regionMatches(true, 0, "sip", 0, 3)
              ? signalling.sipUri(target)
              : signalling.trunkUri(signalling.settings().dialString(target));
      signalling.refer(d, uri);
    } catch (Exception e) {
      LOG.log(Level.DEBUG, "SIP call {0}: REFER not sent: {1}", callId, reason(e));
      answer.completeExceptionally(new IllegalStateException("REFER not sent: " + reason(e)));
    }
  }

  private void sendBye(Dialog d) {
    try {
      signalling.bye(d);
    } catch (Exception e) {
      LOG.log(Level.WARNING, "SIP call {0}: BYE not sent: {1}", callId, reason(e));
      synchronized (lock) {
        if (state == State.HANGING_UP) {
          finish(pendingEnd);
        }
      }
    }
  }

  private void respond(RequestEvent event, int status, String sdp) {
    try {
      signalling.respond(event, status, sdp);
    } catch (Exception e) {
      LOG.log(Level.DEBUG, "SIP call {0}: response not sent: {1}", callId, reason(e));
    }
  }

  private void terminate(ClientTransaction tx) {
    if (tx == null) {
      return;
    }
    try {
      tx.terminate();
      if (tx.getDialog() != null) {
        tx.getDialog().delete();
      }
    } catch (Exception e) {
      LOG.log(Level.DEBUG, "SIP call {0}: transaction not terminated: {1}", callId, reason(e));
    }
  }

  private static long cseq(javax.sip.message.Message message) {
    return ((CSeqHeader) message.getHeader(CSeqHeader.NAME)).getSeqNumber();
  }

  private static String body(Response response) {
    byte[] raw = response.getRawContent();
    return raw == null ? null : new String(raw, StandardCharsets.US_ASCII);
  }

  private static String reason(Exception e) {
    return Redaction.redact(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
