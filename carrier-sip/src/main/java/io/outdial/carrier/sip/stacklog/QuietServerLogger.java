package io.outdial.carrier.sip.stacklog;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.lang.System.Logger.Level;
import java.util.Properties;
import javax.sip.SipStack;

/**
 * The JAIN-SIP stack's message log ({@code gov.nist.javax.sip.SERVER_LOGGER}), kept silent: the
 * stack's default writes every SIP message, Authorization headers included, to a file or to log4j.
 * Only exceptions pass, redacted, to {@link System.Logger} {@code io.outdial.carrier.sip.stack}.
 *
 * <p>Public with a no-argument constructor because the stack instantiates it by reflection from its
 * class name; not part of Outdial's API.
 */
public final class QuietServerLogger implements ServerLogger {
  private static final System.Logger LOG = System.getLogger("io.outdial.carrier.sip.stack");

  public QuietServerLogger() {
    // instantiated by the SIP stack
  }

  @Override
  public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
    // message dumps are never written
  }

  @Override
  public void logMessage(
      SIPMessage message, String from, String to, String status, boolean sender, long time) {
    // message dumps are never written
  }

  @Override
  public void logMessage(
      SIPMessage message, String from, String to, String status, boolean sender) {
    // message dumps are never written
  }

  @Override
  public void logException(Exception ex) {
    LOG.log(Level.WARNING, "SIP stack exception: " + Redaction.describe(ex));
  }

  @Override
  public void closeLogFile() {
    // no file
  }

  @Override
  public void setStackProperties(Properties stackProperties) {
    // deliberately ignored: log file and trace settings would re-enable message dumps
  }

  @Override
  public void setSipStack(SipStack sipStack) {
    // not needed
  }
}
