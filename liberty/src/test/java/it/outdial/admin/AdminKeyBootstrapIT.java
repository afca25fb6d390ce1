package it.outdial.admin;

import static org.assertj.core.api.Assertions.assertThat;

import it.outdial.support.Api;
import it.outdial.support.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin key's life on a server of its own: generated and printed once at the very first start,
 * kept (as a hash) across restarts, replaced on request, overridden by ADMIN_API_KEY.
 */
class AdminKeyBootstrapIT {
  private static final Pattern PRINTED_KEY = Pattern.compile("od_admin_[A-Za-z0-9_-]{43}");

  private static TestServer server;

  @BeforeAll
  static void isolatedServer() {
    server = TestServer.isolated("outdial-bootstrap");
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void generatedAdminKeyIsPrintedOnceKeptAcrossRestartsAndRotatedOnRequest() throws IOException {
    server.start();
    String log = messagesLog();
    assertThat(log).contains("OUTDIAL ADMIN KEY");
    String generated = onlyPrintedKey(log);
    Api api = server.api();
    assertThat(api.get("/admin/api-keys", "X-Admin-Key", generated).status()).isEqualTo(200);
    String keyHash =
        api.post(
                "/admin/api-keys",
                "{\"client_id\":\"boot\",\"name\":\"survives\",\"scopes\":[\"audit\"]}",
                "X-Admin-Key",
                generated)
            .json()
            .get("key_hash")
            .asText();

    server.stop();
    server.start();
    String secondLog = messagesLog();
    assertThat(secondLog).doesNotContain("OUTDIAL ADMIN KEY");
    assertThat(PRINTED_KEY.matcher(secondLog).find()).isFalse();
    assertThat(api.get("/admin/api-keys/boot", "X-Admin-Key", generated).body()).contains(keyHash);

    server.stop();
    server.with("OUTDIAL_ADMIN_KEY_ROTATE", "true").start();
    String rotated = onlyPrintedKey(messagesLog());
    assertThat(rotated).isNotEqualTo(generated);
    assertThat(api.get("/admin/api-keys", "X-Admin-Key", generated).status()).isEqualTo(401);
    assertThat(api.get("/admin/api-keys", "X-Admin-Key", rotated).status()).isEqualTo(200);

    server.stop();
    // ADMIN_API_KEY needs at least 32 characters (a shorter one stops the start: AdminKeysTest)
    String configured = "configured-admin-key-0123456789abcdef";
    server.with("OUTDIAL_ADMIN_KEY_ROTATE", null).with("ADMIN_API_KEY", configured).start();
    assertThat(messagesLog()).doesNotContain("OUTDIAL ADMIN KEY").doesNotContain(configured);
    assertThat(api.get("/admin/api-keys", "X-Admin-Key", configured).status()).isEqualTo(200);
    assertThat(api.get("/admin/api-keys", "X-Admin-Key", rotated).status()).isEqualTo(401);
  }

  private static String onlyPrintedKey(String log) {
    Matcher matcher = PRINTED_KEY.matcher(log);
    assertThat(matcher.find()).as("an admin key is printed").isTrue();
    String key = matcher.group();
    assertThat(matcher.find()).as("the key is printed once").isFalse();
    return key;
  }

  private static String messagesLog() throws IOException {
    return Files.readString(server.liberty().logDirectory().resolve("messages.log"));
  }
}
