package io.outdial.messaging.smpp;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;

/**
 * A real SMPP server for the tests, on jSMPP's server session on a free local port: it accepts
 * binds with one system id and password, keeps every {@code submit_sm} it receives and answers each
 * with a message id {@code smsc-<n>}, or with {@link #refuseWith} an error status.
 */
final class SmscPeer implements AutoCloseable {
  static final String SYSTEM_ID = "outdial";
  static final String PASSWORD = "s3cret";

  private final SMPPServerSessionListener listener;
  private final Thread acceptor;
  private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
  final List<SubmitSm> received = new CopyOnWriteArrayList<>();
  final AtomicInteger binds = new AtomicInteger();
  private final AtomicInteger ids = new AtomicInteger();
  volatile int refuseWith;
  private volatile boolean closed;

  SmscPeer() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    listener = new SMPPServerSessionListener(port);
    listener.setMessageReceiverListener(new Receiver());
    acceptor = Thread.ofPlatform().daemon().name("smsc-peer").start(this::accept);
  }

  int port() {
    return listener.getPort();
  }

  private void accept() {
    while (!closed) {
      try {
        SMPPServerSession session = listener.accept();
        sessions.add(session);
        BindRequest bind = session.waitForBind(5_000);
        if (SYSTEM_ID.equals(bind.getSystemId()) && PASSWORD.equals(bind.getPassword())) {
          binds.incrementAndGet();
          bind.accept("smsc");
        } else {
          bind.reject(SMPPConstant.STAT_ESME_RINVPASWD);
        }
      } catch (IOException | TimeoutException | PDUStringException | IllegalStateException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  /** Drops every session, as an SMSC that restarts would. */
  void dropSessions() {
    sessions.forEach(SMPPServerSession::close);
    sessions.clear();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    dropSessions();
    listener.close();
  }

  private final class Receiver implements ServerMessageReceiverListener {
    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source)
        throws ProcessRequestException {
      if (refuseWith != 0) {
        throw new ProcessRequestException("refused", refuseWith);
      }
      received.add(submitSm);
      try {
        return new SubmitSmResult(
            new MessageId("smsc-" + ids.incrementAndGet()),
            new org.jsmpp.bean.OptionalParameter[0]);
      } catch (PDUStringException e) {
        throw new ProcessRequestException(e.getMessage(), SMPPConstant.STAT_ESME_RSYSERR);
      }
    }

    @Override
    public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti m, SMPPServerSession s)
        throws ProcessRequestException {
      throw new ProcessRequestException("unsupported", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public QuerySmResult onAcceptQuerySm(QuerySm q, SMPPServerSession s)
        throws ProcessRequestException {
      throw new ProcessRequestException("unsupported", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public void onAcceptReplaceSm(ReplaceSm r, SMPPServerSession s) throws ProcessRequestException {
      throw new ProcessRequestException("unsupported", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public void onAcceptCancelSm(CancelSm c, SMPPServerSession s) throws ProcessRequestException {
      throw new ProcessRequestException("unsupported", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm b, SMPPServerSession s)
        throws ProcessRequestException {
      throw new ProcessRequestException("unsupported", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public void onAcceptCancelBroadcastSm(CancelBroadcastSm c, SMPPServerSession s)
        throws ProcessRequestException {
      throw new ProcessRequestException("unsupported", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm q, SMPPServerSession s)
        throws ProcessRequestException {
      throw new ProcessRequestException("unsupported", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source)
        throws ProcessRequestException {
      throw new ProcessRequestException("unsupported", SMPPConstant.STAT_ESME_RINVCMDID);
    }
  }
}
