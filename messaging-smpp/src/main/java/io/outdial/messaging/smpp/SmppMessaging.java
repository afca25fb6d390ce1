package io.outdial.messaging.smpp;

import io.outdial.core.contact.PhoneNumber;
import io.outdial.dialer.messaging.MessagingProvider;
import io.outdial.dialer.messaging.OutboundSms;
import io.outdial.dialer.messaging.SendResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.SubmitSmResult;

/**
 * Sends each message as one {@code submit_sm} on a transmitter session that is bound on the first
 * message and bound again after it is lost. A text of plain ASCII goes as IA5, any other as UCS-2;
 * one longer than {@value #SHORT_MESSAGE_MAX} bytes goes in the {@code message_payload} parameter,
 * which the SMSC splits. The SMSC's error answers are {@link SendResult.Rejected}, except those
 * that say to try later (throttled, queue full, system error), which are {@link
 * SendResult.Unavailable} like a timeout or a lost connection.
 */
final class SmppMessaging implements MessagingProvider {
  private static final System.Logger LOG = System.getLogger(SmppMessaging.class.getName());

  /** The most bytes the {@code short_message} field carries. */
  static final int SHORT_MESSAGE_MAX = 254;

  /** SMPP 3.4 command statuses that mean "try again later". */
  private static final Set<Integer> TRANSIENT =
      Set.of(
          0x00000008, // ESME_RSYSERR
          0x00000014, // ESME_RMSGQFUL
          0x00000058); // ESME_RTHROTTLED

  private final SmppSettings settings;
  private SMPPSession session; // guarded by this

  SmppMessaging(SmppSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public String name() {
    return SmppMessagingFactory.NAME;
  }

  @Override
  public SendResult send(OutboundSms message) {
    boolean ascii = isAscii(message.text());
    byte[] bytes =
        message.text().getBytes(ascii ? StandardCharsets.US_ASCII : StandardCharsets.UTF_16BE);
    GeneralDataCoding coding =
        new GeneralDataCoding(ascii ? Alphabet.ALPHA_IA5 : Alphabet.ALPHA_UCS2);
    byte[] shortMessage = bytes.length <= SHORT_MESSAGE_MAX ? bytes : new byte[0];
    OptionalParameter[] optional =
        bytes.length <= SHORT_MESSAGE_MAX
            ? new OptionalParameter[0]
            : new OptionalParameter[] {
              new OptionalParameter.OctetString(OptionalParameter.Tag.MESSAGE_PAYLOAD.code(), bytes)
            };
    SMPPSession current;
    try {
      current = session();
    } catch (IOException e) {
      return new SendResult.Unavailable("could not bind to the SMSC: " + describe(e));
    }
    try {
      SubmitSmResult result =
          current.submitShortMessage(
              "",
              settings.sourceTon(),
              settings.sourceNpi(),
              address(message.from(), settings.sourceTon()),
              settings.destTon(),
              settings.destNpi(),
              address(message.to(), settings.destTon()),
              new ESMClass(),
              (byte) 0,
              (byte) 1,
              null,
              null,
              new RegisteredDelivery(),
              (byte) 0,
              coding,
              (byte) 0,
              shortMessage,
              optional);
      return new SendResult.Accepted(result.getMessageId());
    } catch (NegativeResponseException e) {
      String error =
          "the SMSC refused the message: command_status 0x"
              + String.format("%08x", e.getCommandStatus());
      return TRANSIENT.contains(e.getCommandStatus())
          ? new SendResult.Unavailable(error)
          : new SendResult.Rejected(error);
    } catch (ResponseTimeoutException e) {
      return new SendResult.Unavailable(
          "no answer from the SMSC within " + settings.submitTimeout().toMillis() + " ms");
    } catch (PDUException e) {
      return new SendResult.Rejected("the message cannot be sent over SMPP: " + describe(e));
    } catch (IOException | InvalidResponseException e) {
      drop(current);
      return new SendResult.Unavailable("lost the SMSC: " + describe(e));
    }
  }

  /** The bound session, binding a new one when there is none or it was lost. */
  private synchronized SMPPSession session() throws IOException {
    if (session != null && session.getSessionState().isBound()) {
      return session;
    }
    if (session != null) {
      session.close();
    }
    SMPPSession fresh = new SMPPSession();
    fresh.setTransactionTimer(settings.submitTimeout().toMillis());
    fresh.setEnquireLinkTimer((int) settings.enquireLink().toMillis());
    try {
      fresh.connectAndBind(
          settings.host(),
          settings.port(),
          new BindParameter(
              BindType.BIND_TX,
              settings.systemId(),
              settings.password(),
              settings.systemType(),
              TypeOfNumber.UNKNOWN,
              NumberingPlanIndicator.UNKNOWN,
              null),
          settings.bindTimeout().toMillis());
    } catch (IOException e) {
      fresh.close();
      throw e;
    }
    LOG.log(
        System.Logger.Level.INFO,
        "Bound to the SMSC at {0}:{1} as {2}",
        settings.host(),
        String.valueOf(settings.port()),
        settings.systemId());
    session = fresh;
    return fresh;
  }

  private synchronized void drop(SMPPSession lost) {
    if (session == lost) {
      session.close();
      session = null;
    }
  }

  @Override
  public synchronized void close() {
    if (session != null) {
      session.unbindAndClose();
      session = null;
    }
  }

  /** The number as SMPP carries it: without the '+' for an international number. */
  static String address(PhoneNumber number, TypeOfNumber ton) {
    return ton == TypeOfNumber.INTERNATIONAL ? number.e164().substring(1) : number.e164();
  }

  static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c > 0x7e || (c < 0x20 && c != '\n' && c != '\r')) {
        return false;
      }
    }
    return true;
  }

  /** An exception's message, which never holds the password, or its class. */
  private String describe(Exception e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    if (!settings.password().isEmpty() && message.contains(settings.password())) {
      return e.getClass().getSimpleName();
    }
    return message;
  }
}
