package io.outdial.carrier.sip.stacklog;

import gov.nist.core.StackLogger;
import java.lang.System.Logger.Level;
import java.util.Properties;

/**
 * Routes the JAIN-SIP stack's own log ({@code gov.nist.javax.sip.STACK_LOGGER}) to {@link
 * System.Logger} {@code io.outdial.carrier.sip.stack}, instead of the log4j 1.x logger the stack
 * defaults to (log4j is not on our class path).
 *
 * <p>Only the stack's fatal errors, errors, warnings and exceptions pass, and each message is
 * {@linkplain Redaction#redact redacted}: the stack's debug and trace levels print whole SIP
 * messages, Authorization headers included, so they are reported as disabled whatever the stack's
 * {@code gov.nist.javax.sip.TRACE_LEVEL} property says (the stack asks {@link
 * #isLoggingEnabled(int)} before building those messages, which also keeps them cheap).
 *
 * <p>Public with a no-argument constructor because the stack instantiates it by reflection from its
 * class name; not part of Outdial's API.
 */
public final class SystemStackLogger implements StackLogger {
  private static final System.Logger LOG = System.getLogger("io.outdial.carrier.sip.stack");
  private static final java.util.regex.Pattern TLS_NOTICE =
      java.util.regex.Pattern.compile("(?i)tls|keystore|truststore");

  public SystemStackLogger() {
    // instantiated by the SIP stack
  }

  @Override
  public boolean isLoggingEnabled() {
    return LOG.isLoggable(Level.WARNING);
  }

  @Override
  public boolean isLoggingEnabled(int logLevel) {
    Level level = level(logLevel);
    return level != null && LOG.isLoggable(level);
  }

  /** The System.Logger level for a stack level, or null for levels that may print SIP messages. */
  private static Level level(int stackLevel) {
    return switch (stackLevel) {
      case TRACE_FATAL, TRACE_ERROR -> Level.ERROR; // TRACE_EXCEPTION is TRACE_ERROR
      case TRACE_WARN -> Level.WARNING;
      default -> null; // INFO (= TRACE_MESSAGES), DEBUG, TRACE: message dumps and chatter
    };
  }

  @Override
  public void logFatalError(String message) {
    LOG.log(Level.ERROR, Redaction.redact(message));
  }

  @Override
  public void logError(String message) {
    LOG.log(Level.ERROR, Redaction.redact(message));
  }

  @Override
  public void logError(String message, Exception ex) {
    LOG.log(Level.ERROR, Redaction.redact(message) + ": " + Redaction.describe(ex));
  }

  @Override
  public void logException(Throwable ex) {
    LOG.log(Level.ERROR, "SIP stack error: " + Redaction.describe(ex));
  }

  @Override
  public void logWarning(String message) {
    // at start the stack warns that TLS is not configured; we do not offer TLS, so that is noise
    Level level =
        TLS_NOTICE.matcher(message == null ? "" : message).find() ? Level.DEBUG : Level.WARNING;
    LOG.log(level, Redaction.redact(message));
  }

  @Override
  public void logInfo(String message) {
    // the stack's informational messages include configuration dumps; not forwarded
  }

  @Override
  public void logDebug(String message) {
    // may hold whole SIP messages with credentials; never forwarded
  }

  @Override
  public void logDebug(String message, Exception ex) {
    // may hold whole SIP messages with credentials; never forwarded
  }

  @Override
  public void logTrace(String message) {
    // may hold whole SIP messages with credentials; never forwarded
  }

  @Override
  public void logStackTrace() {
    // a debugging aid of the stack's; not forwarded
  }

  @Override
  public void logStackTrace(int traceLevel) {
    // a debugging aid of the stack's; not forwarded
  }

  @Override
  public int getLineCount() {
    return 0;
  }

  @Override
  public void disableLogging() {
    // the level is System.Logger's configuration, not the stack's
  }

  @Override
  public void enableLogging() {
    // the level is System.Logger's configuration, not the stack's
  }

  @Override
  public void setBuildTimeStamp(String buildTimeStamp) {
    // not needed
  }

  @Override
  public void setStackProperties(Properties stackProperties) {
    // deliberately ignored: TRACE_LEVEL and log file settings would re-enable message dumps
  }

  @Override
  public String getLoggerName() {
    return LOG.getName();
  }
}
