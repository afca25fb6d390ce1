package io.outdial.carrier.sip;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.core.LogLevels;
import io.outdial.carrier.sip.stacklog.Redaction;
import io.outdial.carrier.sip.stacklog.SystemStackLogger;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class RedactionTest {
  private static final String MESSAGE =
      "INVITE sip:1@h SIP/2.0\r\n"
          + "Authorization: Digest username=\"a\", response=\"abc\"\r\n"
          + "proxy-authorization:Digest username=\"a\"\r\n"
          + "Call-ID: x\r\n";

  @Test
  void authorizationHeadersAndPasswordsAreRedacted() {
    String redacted = Redaction.redact(MESSAGE + " javax.net.ssl.keyStorePassword=hunter2 next");

    assertThat(redacted)
        .doesNotContain("username=", "response=", "hunter2")
        .contains(
            "Authorization: [redacted]",
            "proxy-authorization: [redacted]",
            "Call-ID: x",
            "keyStorePassword=[redacted] next");
  }

  @Test
  void theStackLoggerPassesOnlyWarningsAndErrorsRedacted() {
    Logger jul = Logger.getLogger("io.outdial.carrier.sip.stack");
    List<LogRecord> records = new ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            records.add(r);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Level before = jul.getLevel();
    jul.setLevel(Level.ALL);
    jul.addHandler(handler);
    try {
      var logger = new SystemStackLogger();

      assertThat(logger.isLoggingEnabled(LogLevels.TRACE_MESSAGES)).isFalse();
      assertThat(logger.isLoggingEnabled(LogLevels.TRACE_DEBUG)).isFalse();
      assertThat(logger.isLoggingEnabled(LogLevels.TRACE_ERROR)).isTrue();
      logger.logDebug(MESSAGE);
      logger.logTrace(MESSAGE);
      logger.logInfo(MESSAGE);
      logger.logError("could not parse " + MESSAGE);
      logger.logWarning("TLS key store will use JVM defaults");

      assertThat(records).hasSize(2);
      assertThat(records.get(0).getLevel()).isEqualTo(Level.SEVERE);
      assertThat(records.get(0).getMessage())
          .contains("Authorization: [redacted]")
          .doesNotContain("response=");
      assertThat(records.get(1).getLevel()).isEqualTo(Level.FINE);
    } finally {
      jul.removeHandler(handler);
      jul.setLevel(before);
    }
  }
}
