package io.outdial.carrier.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.carrier.sip.SipCallEnd.Reason;
import io.outdial.dialer.spi.EventScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Digest authentication against a trunk that challenges (401 and 407, with and without qop) and
 * really checks the response against the password; a wrong password is challenged again and the leg
 * fails; a nonce that went stale is answered once more with the new one. Nothing logged meanwhile
 * holds the password or the Authorization header.
 */
class SipDigestAuthenticationTest {
  private static final String PASSWORD = "s3cret-Pa55";

  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
  private final List<String> logged = new ArrayList<>();
  private final Logger sipLogger = Logger.getLogger("io.outdial.carrier.sip");
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          synchronized (logged) {
            logged.add(
                record.getLoggerName()
                    + " "
                    + new java.util.logging.SimpleFormatter().formatMessage(record));
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private Level previousLevel;
  private ChallengingUas uas;
  private SipEndpoint endpoint;

  @BeforeEach
  void captureLogs() {
    previousLevel = sipLogger.getLevel();
    sipLogger.setLevel(Level.ALL);
    capture.setLevel(Level.ALL);
    sipLogger.addHandler(capture);
  }

  @AfterEach
  void stop() throws Exception {
    Closing.inBackground(endpoint);
    Closing.inBackground(uas);
    executor.shutdownNow();
    sipLogger.removeHandler(capture);
    sipLogger.setLevel(previousLevel);
  }

  private SipEndpoint endpoint(String password) {
    endpoint =
        SipEndpoint.start(
            SipSettings.parse(
                Map.of(
                    "trunk-host", "127.0.0.1",
                    "trunk-port", String.valueOf(uas.port()),
                    "bind-host", "127.0.0.1",
                    "bind-port", "0",
                    "username", "alice",
                    "password", password,
                    "failure-timeout", "2s")),
            EventScheduler.of(executor));
    return endpoint;
  }

  private void answeredThenHungUp(boolean proxy, boolean qop) throws Exception {
    uas = new ChallengingUas("alice", PASSWORD, proxy, qop);
    endpoint(PASSWORD);
    var listener = new RecordingSipListener();

    SipCall call = endpoint.call("15550100", "15550123", SdpOffer.onPort(40_000), listener);
    SdpAnswer answer = listener.awaitAnswer();

    assertThat(uas.verdicts()).containsExactly("challenged", "accepted");
    assertThat(answer.remoteRtp().getPort()).isEqualTo(41_000);
    call.hangUp();
    assertThat(listener.awaitEnd().reason()).isEqualTo(Reason.LOCAL_HANGUP);
    assertThat(uas.byeReceived.await(5, TimeUnit.SECONDS)).isTrue();
    assertNothingSecretLogged();
  }

  @Test
  void a401WithQopAuthIsAnsweredWithAMatchingDigest() throws Exception {
    answeredThenHungUp(false, true);
    assertThat(uas.authorizations().getFirst())
        .startsWith("Authorization: Digest")
        .contains("qop=auth", "nc=00000001", "cnonce=", "opaque=\"opaque-1\"");
  }

  @Test
  void a407WithoutQopIsAnsweredWithAProxyAuthorization() throws Exception {
    answeredThenHungUp(true, false);
    assertThat(uas.authorizations().getFirst())
        .startsWith("Proxy-Authorization: Digest")
        .doesNotContain("qop", "cnonce");
  }

  @Test
  void aWrongPasswordIsChallengedAgainAndTheLegFails() throws Exception {
    uas = new ChallengingUas("alice", PASSWORD, false, true);
    endpoint("not-the-password");
    var listener = new RecordingSipListener();

    endpoint.call("15550100", "15550123", SdpOffer.onPort(40_000), listener);
    SipCallEnd end = listener.awaitEnd();

    assertThat(end).isEqualTo(new SipCallEnd(Reason.FAILED, 401, "authentication rejected"));
    assertThat(uas.verdicts()).containsExactly("challenged", "rejected: wrong response");
    assertThat(listener.answered).isNotDone();
    assertNothingSecretLogged();
  }

  @Test
  void aStaleNonceIsAnsweredOnceMoreWithTheNewNonce() throws Exception {
    uas = new ChallengingUas("alice", PASSWORD, false, true).staleNonce(1);
    endpoint(PASSWORD);
    var listener = new RecordingSipListener();

    SipCall call = endpoint.call("15550100", "15550123", SdpOffer.onPort(40_000), listener);
    listener.awaitAnswer();

    assertThat(uas.verdicts()).containsExactly("challenged", "stale", "accepted");
    assertThat(uas.authorizations().get(1)).contains("nonce=\"nonce-2\"", "nc=00000001");
    call.hangUp();
    assertThat(listener.awaitEnd().reason()).isEqualTo(Reason.LOCAL_HANGUP);
    assertNothingSecretLogged();
  }

  @Test
  void aNonceThatGoesStaleTwiceFailsTheLeg() throws Exception {
    uas = new ChallengingUas("alice", PASSWORD, true, false).staleNonce(2);
    endpoint(PASSWORD);
    var listener = new RecordingSipListener();

    endpoint.call("15550100", "15550123", SdpOffer.onPort(40_000), listener);
    SipCallEnd end = listener.awaitEnd();

    assertThat(end).isEqualTo(new SipCallEnd(Reason.FAILED, 407, "authentication rejected"));
    assertThat(uas.verdicts()).containsExactly("challenged", "stale", "stale");
    assertThat(listener.answered).isNotDone();
  }

  private void assertNothingSecretLogged() {
    List<String> lines;
    synchronized (logged) {
      lines = List.copyOf(logged);
    }
    assertThat(lines).as("the SIP code logged (at debug level)").isNotEmpty();
    assertThat(lines)
        .noneMatch(l -> l.contains(PASSWORD) || l.contains("not-the-password"))
        .noneMatch(l -> l.toLowerCase(java.util.Locale.ROOT).contains("authorization: digest"));
  }
}
