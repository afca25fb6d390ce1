package io.outdial.carrier.sip;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import io.outdial.carrier.sip.stacklog.QuietServerLogger;
import io.outdial.carrier.sip.stacklog.SystemStackLogger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.SipURI;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A scripted trunk for behaviour baresip cannot show: a stateless UAS on its own JAIN-SIP stack at
 * a free port on 127.0.0.1. Subclasses decide how INVITE and CANCEL are answered; BYE always gets
 * 200, and every request method received is recorded.
 */
abstract class TestUas implements SipListener, AutoCloseable {
  /** The RTP port the UAS's SDP answer names. */
  static final int RTP_PORT = 41_000;

  protected final HeaderFactoryImpl headers = new HeaderFactoryImpl();
  protected final MessageFactoryImpl messages = new MessageFactoryImpl();
  private final AddressFactoryImpl addresses = new AddressFactoryImpl();
  private final SipStackImpl stack;
  private final ListeningPoint listeningPoint;
  protected final SipProvider provider;
  private final List<String> received = new ArrayList<>();
  final CountDownLatch byeReceived = new CountDownLatch(1);

  TestUas() throws Exception {
    Properties p = new Properties();
    p.setProperty("javax.sip.STACK_NAME", "test-uas-" + System.nanoTime());
    p.setProperty("gov.nist.javax.sip.STACK_LOGGER", SystemStackLogger.class.getName());
    p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", QuietServerLogger.class.getName());
    p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
    stack = new SipStackImpl(p);
    listeningPoint =
        stack.createListeningPoint("127.0.0.1", BaresipPeer.freeUdpPort(), ListeningPoint.UDP);
    provider = stack.createSipProvider(listeningPoint);
    provider.addSipListener(this);
    stack.start();
  }

  int port() {
    return listeningPoint.getPort();
  }

  /** The methods of the requests received, in order. */
  synchronized List<String> received() {
    return List.copyOf(received);
  }

  protected abstract void onInvite(Request invite) throws Exception;

  /** Any request but INVITE, CANCEL, BYE and ACK: not answered unless a subclass does. */
  protected void onOther(Request request) throws Exception {}

  protected void onCancel(Request cancel) throws Exception {
    provider.sendResponse(messages.createResponse(Response.OK, cancel));
  }

  @Override
  public void processRequest(RequestEvent event) {
    Request request = event.getRequest();
    synchronized (this) {
      received.add(request.getMethod());
    }
    try {
      switch (request.getMethod()) {
        case Request.INVITE -> onInvite(request);
        case Request.CANCEL -> onCancel(request);
        case Request.BYE -> {
          provider.sendResponse(messages.createResponse(Response.OK, request));
          byeReceived.countDown();
        }
        case Request.ACK -> {
          // needs no answer
        }
        default -> onOther(request);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A response to the INVITE with our To tag (and for 200, Contact and an SDP answer). */
  protected Response response(Request invite, int status) throws Exception {
    Response response = messages.createResponse(status, invite);
    ((ToHeader) response.getHeader(ToHeader.NAME)).setTag("uas");
    if (status / 100 == 2) {
      SipURI contact = addresses.createSipURI("uas", "127.0.0.1");
      contact.setPort(port());
      response.addHeader(headers.createContactHeader(addresses.createAddress(contact)));
      String sdp =
          "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
              + ("m=audio " + RTP_PORT + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n");
      response.setContent(
          sdp.getBytes(StandardCharsets.US_ASCII),
          headers.createContentTypeHeader("application", "sdp"));
    }
    return response;
  }

  @Override
  public void processResponse(ResponseEvent event) {}

  @Override
  public void processTimeout(TimeoutEvent event) {}

  @Override
  public void processIOException(IOExceptionEvent event) {}

  @Override
  public void processTransactionTerminated(TransactionTerminatedEvent event) {}

  @Override
  public void processDialogTerminated(DialogTerminatedEvent event) {}

  @Override
  public void close() throws javax.sip.ObjectInUseException {
    provider.removeSipListener(this);
    stack.deleteSipProvider(provider);
    stack.deleteListeningPoint(listeningPoint);
    stack.stop();
  }
}
