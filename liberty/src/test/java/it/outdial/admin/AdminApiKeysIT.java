package it.outdial.admin;

import static it.outdial.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.outdial.core.apikey.KeyHash;
import it.outdial.support.Api;
import it.outdial.support.Api.Reply;
import it.outdial.support.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdminApiKeysIT {
  private static Api api;
  private static String adminKey;

  @BeforeAll
  static void server() {
    TestServer server = TestServer.shared();
    api = server.api();
    adminKey = server.adminKey();
  }

  private static String[] admin() {
    return new String[] {"X-Admin-Key", adminKey};
  }

  private static String uniqueClient() {
    return "client-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static Reply create(String client, String name, String scopesJson) {
    return api.post(
        "/admin/api-keys",
        "{\"client_id\": \"%s\", \"name\": \"%s\", \"scopes\": %s}"
            .formatted(client, name, scopesJson),
        admin());
  }

  @Test
  void createdKeyIsShownOnceWithItsHashAndTheWarning() {
    String client = uniqueClient();
    Reply reply = create(client, "Production API Key", "[\"campaigns\", \"audit\"]");

    assertThat(reply.status()).isEqualTo(201);
    JsonNode body = reply.json();
    String rawKey = body.get("api_key").asText();
    assertThat(rawKey).startsWith("jt_ak_").hasSizeGreaterThanOrEqualTo("jt_ak_".length() + 43);
    assertThat(rawKey.substring(6)).matches("[A-Za-z0-9_-]+");
    assertThat(body.get("key_hash").asText()).isEqualTo(KeyHash.of(rawKey).value());
    assertThat(body.get("client_id").asText()).isEqualTo(client);
    assertThat(body.get("name").asText()).isEqualTo("Production API Key");
    assertThat(body.get("scopes"))
        .extracting(JsonNode::asText)
        .containsExactly("campaigns", "audit");
    assertThat(body.get("created_at").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(body.get("warning").asText())
        .isEqualTo("Store this key securely. It will not be shown again.");

    JsonNode listed = api.get("/admin/api-keys/" + client, admin()).json();
    assertThat(listed.get("count").asInt()).isEqualTo(1);
    JsonNode key = listed.get("keys").get(0);
    assertThat(key.get("key_hash").asText()).isEqualTo(body.get("key_hash").asText());
    assertThat(key.has("api_key")).as("the raw key is never listed").isFalse();
    assertThat(api.get("/admin/api-keys", admin()).body()).doesNotContain(rawKey);
  }

  @Test
  void twoKeysNeverShareASecret() {
    String client = uniqueClient();
    String first = create(client, "one", "[\"campaigns\"]").json().get("api_key").asText();
    String second = create(client, "two", "[\"campaigns\"]").json().get("api_key").asText();
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void listsAllActiveKeysAndTheKeysOfOneClient() {
    String client = uniqueClient();
    String other = uniqueClient();
    String a = create(client, "a", "[\"campaigns\"]").json().get("key_hash").asText();
    String b = create(client, "b", "[\"audit\"]").json().get("key_hash").asText();
    String c = create(other, "c", "[\"campaigns\"]").json().get("key_hash").asText();

    JsonNode all = api.get("/admin/api-keys", admin()).json();
    assertThat(all.get("count").asInt()).isEqualTo(all.get("keys").size());
    assertThat(hashes(all)).contains(a, b, c);

    JsonNode mine = api.get("/admin/api-keys/" + client, admin()).json();
    assertThat(mine.get("client_id").asText()).isEqualTo(client);
    assertThat(mine.get("count").asInt()).isEqualTo(2);
    assertThat(hashes(mine)).containsExactly(a, b);

    JsonNode nobody = api.get("/admin/api-keys/" + uniqueClient(), admin()).json();
    assertThat(nobody.get("count").asInt()).isZero();
    assertThat(nobody.get("keys")).isEmpty();
  }

  @Test
  void revokedKeyDisappearsFromTheListsAndCannotBeRevokedTwice() {
    String client = uniqueClient();
    String hash = create(client, "to revoke", "[\"campaigns\"]").json().get("key_hash").asText();
    String kept = create(client, "to keep", "[\"campaigns\"]").json().get("key_hash").asText();

    Reply revoked = api.delete("/admin/api-keys", "{\"key_hash\": \"" + hash + "\"}", admin());
    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.json().get("status").asText()).isEqualTo("revoked");
    assertThat(revoked.json().get("key_hash").asText()).isEqualTo(hash);

    assertThat(hashes(api.get("/admin/api-keys/" + client, admin()).json())).containsExactly(kept);
    assertThat(hashes(api.get("/admin/api-keys", admin()).json())).doesNotContain(hash);

    Reply again = api.delete("/admin/api-keys", "{\"key_hash\": \"" + hash + "\"}", admin());
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.json().get("detail").asText()).contains("key_hash");
  }

  @Test
  void revokingAnUnknownHashIsNotFound() {
    String unknown = KeyHash.of("jt_ak_" + UUID.randomUUID()).value();
    assertError(api.delete("/admin/api-keys", "{\"key_hash\": \"" + unknown + "\"}", admin()), 404);
  }

  @Test
  void adminEndpointsRefuseAMissingOrWrongAdminKey() {
    // each wrong key from an address of its own: three in a row would lock an address out
    assertError(api.fromOwnAddress().get("/admin/api-keys", "X-Admin-Key", "wrong"), 401);
    assertError(api.fromOwnAddress().get("/admin/api-keys/acme", "X-Admin-Key", "wrong"), 401);
    assertError(
        api.fromOwnAddress()
            .post(
                "/admin/api-keys",
                "{\"client_id\":\"a\",\"name\":\"n\",\"scopes\":[\"audit\"]}",
                "X-Admin-Key",
                "wrong"),
        401);
    assertError(
        api.fromOwnAddress()
            .delete("/admin/api-keys", "{\"key_hash\":\"x\"}", "X-Admin-Key", "wrong"),
        401);
    assertThat(
            api.fromOwnAddress()
                .get("/admin/api-keys", "X-Admin-Key", "wrong")
                .json()
                .get("detail")
                .asText())
        .isEqualTo("Invalid admin key");

    // a request without the header is no guess: refused, never counted
    Api noKey = api.fromOwnAddress();
    for (int i = 0; i < 2; i++) {
      assertError(noKey.get("/admin/api-keys"), 401);
      assertError(noKey.get("/admin/api-keys/acme", "X-Admin-Key", "  "), 401);
      assertError(
          noKey.post(
              "/admin/api-keys", "{\"client_id\":\"a\",\"name\":\"n\",\"scopes\":[\"audit\"]}"),
          401);
      assertError(noKey.delete("/admin/api-keys", "{\"key_hash\":\"x\"}"), 401);
    }
    assertThat(noKey.get("/admin/api-keys").json().get("detail").asText()).contains("X-Admin-Key");
    assertThat(noKey.get("/admin/api-keys", admin()).status()).isEqualTo(200);
  }

  @Test
  void adminKeyOfAnotherLengthOrCaseIsRefused() {
    Api client = api.fromOwnAddress();
    assertError(client.get("/admin/api-keys", "X-Admin-Key", adminKey.toUpperCase()), 401);
    assertError(client.get("/admin/api-keys", "X-Admin-Key", adminKey + "x"), 401);
    assertError(client.get("/admin/api-keys", "X-Admin-Key", adminKey.substring(1)), 401);
  }

  @Test
  void repeatedWrongAdminKeysLockTheAddressOutForADoublingTime() {
    Api guesser = api.fromOwnAddress();
    for (int i = 0; i < 3; i++) {
      assertError(guesser.get("/admin/api-keys", "X-Admin-Key", "guess-" + i), 401);
    }
    // the third wrong key locked the address out for 1 s; the first wrong key after it, for 2 s
    Reply lockedOut =
        await("a lock-out of 2 s")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(50))
            .until(
                () -> guesser.get("/admin/api-keys", "X-Admin-Key", "guess-" + UUID.randomUUID()),
                reply -> reply.status() == 429 && retryAfter(reply) >= 2);
    assertError(lockedOut, 429);
    long wait = retryAfter(lockedOut);
    assertThat(lockedOut.json().get("detail").asText())
        .isEqualTo("Too many wrong admin keys from your address. Try again in " + wait + " s.");

    // during the lock-out even the right key is refused, uncompared; other addresses are not
    Reply refused = guesser.get("/admin/api-keys", admin());
    assertError(refused, 429);
    assertThat(retryAfter(refused)).isBetween(1L, wait);
    assertThat(refused.json().get("detail").asText())
        .isEqualTo(
            "Too many wrong admin keys from your address. Try again in "
                + retryAfter(refused)
                + " s.");
    assertThat(api.get("/admin/api-keys", admin()).status()).isEqualTo(200);

    // once it ends, the right key gets in and clears the record: wrong keys are free again
    await("the end of the lock-out")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> guesser.get("/admin/api-keys", admin()).status() == 200);
    for (int i = 0; i < 3; i++) {
      assertError(guesser.get("/admin/api-keys", "X-Admin-Key", "guess-" + i), 401);
    }
  }

  private static long retryAfter(Reply reply) {
    return reply.header("Retry-After").map(Long::parseLong).orElse(-1L);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "missing client_id | {\"name\":\"n\",\"scopes\":[\"audit\"]} | client_id",
        "blank client_id | {\"client_id\":\" \",\"name\":\"n\",\"scopes\":[\"audit\"]} | client_id",
        "client_id with a slash | {\"client_id\":\"a/b\",\"name\":\"n\",\"scopes\":[\"audit\"]} | client_id",
        "missing name | {\"client_id\":\"a\",\"scopes\":[\"audit\"]} | name",
        "missing scopes | {\"client_id\":\"a\",\"name\":\"n\"} | scopes",
        "empty scopes | {\"client_id\":\"a\",\"name\":\"n\",\"scopes\":[]} | scopes",
        "unknown scope | {\"client_id\":\"a\",\"name\":\"n\",\"scopes\":[\"campaigns\",\"admin\"]} | admin",
        "scopes not an array | {\"client_id\":\"a\",\"name\":\"n\",\"scopes\":\"audit\"} | scopes",
        "name not text | {\"client_id\":\"a\",\"name\":{\"x\":1},\"scopes\":[\"audit\"]} | name",
        "malformed JSON | {\"client_id\": | JSON",
        "JSON array instead of object | [1,2] | JSON",
      })
  void invalidCreateRequestsAreRefusedNamingTheProblem(String why, String body, String named) {
    Reply reply = api.post("/admin/api-keys", body, admin());
    assertError(reply, 400);
    assertThat(reply.json().get("detail").asText()).contains(named);
  }

  @Test
  void createWithoutBodyOrWithAnotherContentTypeIsRefused() {
    assertError(api.send("POST", "/admin/api-keys", null, "application/json", admin()), 400);
    assertError(
        api.send(
            "POST", "/admin/api-keys", "client_id=a", "application/x-www-form-urlencoded", admin()),
        415);
  }

  @Test
  void revokeWithAMalformedHashNamesTheField() {
    Reply reply = api.delete("/admin/api-keys", "{\"key_hash\": \"sha256:a1b2c3...\"}", admin());
    assertError(reply, 400);
    assertThat(reply.json().get("detail").asText()).contains("key_hash");
    assertError(api.delete("/admin/api-keys", "{}", admin()), 400);
  }

  @Test
  void unknownRoutesAndMethodsAnswerJsonErrors() {
    assertError(api.get("/no/such/route"), 404);
    assertError(api.get("/api/v1/nothing-here", admin()), 404);
    assertError(api.send("PUT", "/admin/api-keys", "{}", "application/json", admin()), 405);
  }

  @Test
  void rawKeysAndAdminKeyNeverReachTheServerLog() throws Exception {
    String rawKey = create(uniqueClient(), "secret", "[\"audit\"]").json().get("api_key").asText();
    String log =
        java.nio.file.Files.readString(
            TestServer.shared().liberty().logDirectory().resolve("messages.log"));
    assertThat(log).doesNotContain(rawKey).doesNotContain(adminKey);
  }

  private static List<String> hashes(JsonNode list) {
    List<String> hashes = new ArrayList<>();
    list.get("keys").forEach(k -> hashes.add(k.get("key_hash").asText()));
    return hashes;
  }
}
