package it.outdial.sms;

import static it.outdial.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import it.outdial.support.Api;
import it.outdial.support.Api.Reply;
import it.outdial.support.Clients;
import it.outdial.support.ServerGroup;
import it.outdial.support.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Text messages through the HTTP API, as an integrator sends them, on a server of its own that
 * dials and texts through the simulators: a message is queued and then sent; a campaign's follow-up
 * goes out after a voicemail and not after other dispositions; do-not-call numbers are refused; bad
 * fields are named; another client's key sees nothing; the {@code sms} rate policy is set to
 * {@value #LIMIT} a minute here so that its 429 is reached quickly. The simulated carrier refuses
 * messages to {@value #REFUSED_BY_CARRIER}. Test numbers 555-016X are answered by voicemail,
 * 555-011X by an interested person (see the telephony simulator's test numbers).
 */
@ServerGroup(ServerGroup.DIALING)
class SmsIT {
  private static final int LIMIT = TestServer.SMS_PER_MINUTE;
  private static final String REFUSED_BY_CARRIER = TestServer.SMS_REFUSED_BY_CARRIER;
  private static final String FROM = "+15551234567";

  private static TestServer server;
  private static Api api;

  @BeforeAll
  static void start() {
    server = TestServer.dialing();
    api = server.api();
  }

  /** A fresh client with a campaigns key. */
  private record Tenant(String client, String key) {
    static Tenant fresh(String prefix) {
      String id = Clients.newClientId(prefix);
      return new Tenant(id, Clients.newKey(server, id, "[\"campaigns\"]"));
    }

    Reply send(String json) {
      return api.post("/api/v1/sms", json, "X-API-Key", key);
    }

    Reply get(String path) {
      return api.get(path, "X-API-Key", key);
    }

    JsonNode awaitSettled(String smsId) {
      return await("text message " + smsId + " settled")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> get("/api/v1/sms/" + smsId).json(),
              sms -> !sms.get("status").asText().equals("queued"));
    }

    String campaign(String followUp, String contacts) {
      Reply reply =
          api.post(
              "/api/v1/campaigns",
              """
              {"client_id": "%s", "name": "SMS follow-up",
               "system_prompt": "You are a recruiter.",
               "caller_id": "%s", "voicemail_text": "Please call us back.",
               %s
               "contacts": %s}
              """
                  .formatted(client, FROM, followUp, contacts),
              "X-API-Key",
              key);
      assertThat(reply.status()).as(reply.body()).isEqualTo(201);
      return reply.json().get("campaign_id").asText();
    }

    JsonNode messagesOf(String campaign, int expected) {
      return await("follow-ups of " + campaign)
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> get("/api/v1/sms?campaign_id=" + campaign).json(),
              page ->
                  page.get("total").asInt() == expected
                      && stream(page.get("messages"))
                          .noneMatch(m -> m.get("status").asText().equals("queued")));
    }
  }

  private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false);
  }

  @Test
  void aMessageIsQueuedThenSentThroughTheProvider() {
    Tenant tenant = Tenant.fresh("sms-sent");

    Reply accepted =
        tenant.send(
            """
            {"to": "+12125550101", "text": "Hi Ada, your interview is at 10:00.", "from": "%s"}
            """
                .formatted(FROM));

    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    String id = accepted.json().get("sms_id").asText();
    assertThat(id).matches("sms_[0-9a-f]{32}");
    assertThat(accepted.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(id));
    assertThat(accepted.json().get("status").asText()).isIn("queued", "sent");
    JsonNode sent = tenant.awaitSettled(id);
    assertThat(sent.get("status").asText()).isEqualTo("sent");
    assertThat(sent.get("provider_message_id").asText()).startsWith("sim-");
    assertThat(sent.get("to").asText()).isEqualTo("+12125550101");
    assertThat(sent.get("from").asText()).isEqualTo(FROM);
    assertThat(sent.get("text").asText()).isEqualTo("Hi Ada, your interview is at 10:00.");
    assertThat(sent.get("sent_at").isNull()).isFalse();
    assertThat(sent.get("attempts").asInt()).isEqualTo(1);
  }

  @Test
  void aRetryWithTheSameIdempotencyKeyStoresOneMessage() {
    Tenant tenant = Tenant.fresh("sms-idem");
    String body = "{\"to\": \"+12125550105\", \"text\": \"Only once\", \"from\": \"" + FROM + "\"}";

    Reply first =
        api.post("/api/v1/sms", body, "X-API-Key", tenant.key(), "Idempotency-Key", "sms-once-1");
    Reply again =
        api.post("/api/v1/sms", body, "X-API-Key", tenant.key(), "Idempotency-Key", "sms-once-1");

    assertThat(first.status()).as(first.body()).isEqualTo(202);
    assertThat(again.status()).as(again.body()).isEqualTo(202);
    assertThat(again.json().get("sms_id")).isEqualTo(first.json().get("sms_id"));
    assertThat(tenant.get("/api/v1/sms").json().get("total").asInt()).isEqualTo(1);
  }

  @Test
  void aMessageTheCarrierRefusesFailsWithItsReason() {
    Tenant tenant = Tenant.fresh("sms-failed");

    Reply accepted =
        tenant.send(
            """
            {"to": "%s", "text": "Hello", "from": "%s"}
            """
                .formatted(REFUSED_BY_CARRIER, FROM));

    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    JsonNode failed = tenant.awaitSettled(accepted.json().get("sms_id").asText());
    assertThat(failed.get("status").asText()).isEqualTo("failed");
    assertThat(failed.get("error").asText()).contains("refuses");
    assertThat(failed.get("sent_at").isNull()).isTrue();
  }

  @Test
  void aNumberOnTheDoNotCallListIsRefused() {
    Tenant tenant = Tenant.fresh("sms-dnc");
    Reply listed =
        api.post(
            "/api/v1/clients/" + tenant.client() + "/dnc",
            "{\"phone_number\": \"+12125550102\"}",
            "X-API-Key",
            tenant.key());
    assertThat(listed.status()).as(listed.body()).isEqualTo(201);

    Reply refused =
        tenant.send(
            """
            {"to": "+1 212 555 0102", "text": "Hello", "from": "%s"}
            """
                .formatted(FROM));

    assertError(refused, 422);
    assertThat(refused.json().get("detail").asText()).contains("do-not-call");
    // another client's list does not count
    Reply other =
        Tenant.fresh("sms-dnc-other")
            .send(
                """
                {"to": "+12125550102", "text": "Hello", "from": "%s"}
                """
                    .formatted(FROM));
    assertThat(other.status()).as(other.body()).isEqualTo(202);
  }

  @Test
  void badFieldsAreNamed() {
    Tenant tenant = Tenant.fresh("sms-bad");
    String longText = "x".repeat(1601);

    assertField(tenant.send("{\"text\": \"Hi\", \"from\": \"" + FROM + "\"}"), 400, "to");
    assertField(
        tenant.send("{\"to\": \"not a number\", \"text\": \"Hi\", \"from\": \"" + FROM + "\"}"),
        400,
        "to");
    assertField(tenant.send("{\"to\": \"+12125550101\", \"from\": \"" + FROM + "\"}"), 400, "text");
    assertField(
        tenant.send(
            "{\"to\": \"+12125550101\", \"text\": \""
                + longText
                + "\", \"from\": \""
                + FROM
                + "\"}"),
        400,
        "text must be at most 1600 characters");
    assertField(tenant.send("{\"to\": \"+12125550101\", \"text\": \"Hi\"}"), 400, "from");
    assertField(
        tenant.send("{\"to\": \"+12125550101\", \"text\": \"Hi\", \"from\": \"12\"}"), 400, "from");
  }

  private static void assertField(Reply reply, int status, String field) {
    assertError(reply, status);
    assertThat(reply.json().get("detail").asText()).contains(field);
  }

  @Test
  void anotherClientsKeySeesNeitherTheMessageNorTheCampaign() {
    Tenant owner = Tenant.fresh("sms-owner");
    Tenant other = Tenant.fresh("sms-other");
    String campaign = owner.campaign("", "[{\"phone\": \"+12125550120\"}]");
    Reply accepted =
        owner.send(
            """
            {"to": "+12125550103", "text": "Hello", "campaign_id": "%s"}
            """
                .formatted(campaign));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    // the campaign's caller ID is the sender
    assertThat(accepted.json().get("from").asText()).isEqualTo(FROM);
    String id = accepted.json().get("sms_id").asText();

    assertError(other.get("/api/v1/sms/" + id), 404);
    assertError(other.get("/api/v1/sms/sms_nope"), 404);
    assertThat(other.get("/api/v1/sms?campaign_id=" + campaign).json().get("total").asInt())
        .isZero();
    Reply foreign =
        other.send(
            """
            {"to": "+12125550103", "text": "Hello", "campaign_id": "%s"}
            """
                .formatted(campaign));
    assertError(foreign, 404);
    assertThat(owner.get("/api/v1/sms/" + id).status()).isEqualTo(200);
  }

  @Test
  void aVoicemailIsFollowedUpWithTheTemplatedTextAndOtherOutcomesAreNot() {
    Tenant tenant = Tenant.fresh("sms-follow");
    String campaign =
        tenant.campaign(
            """
            "sms_follow_up": {"dispositions": ["voicemail"],
              "text": "Hi {{first_name}}, sorry we missed you about {{metadata.role}}."},
            """,
            """
            [{"phone": "+12125550160", "first_name": "Ada", "metadata": {"role": "the nurse job"}},
             {"phone": "+12125550110", "first_name": "Bob"}]
            """);

    JsonNode view = tenant.get("/api/v1/campaigns/" + campaign).json();
    assertThat(view.get("sms_follow_up").get("dispositions").toString())
        .isEqualTo("[\"voicemail\"]");
    assertThat(view.get("sms_follow_up").get("text").asText()).startsWith("Hi {{first_name}}");
    await("campaign completed")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                tenant
                    .get("/api/v1/campaigns/" + campaign + "/stats")
                    .json()
                    .get("status")
                    .asText()
                    .equals("completed"));

    JsonNode page = tenant.messagesOf(campaign, 1);
    JsonNode sms = page.get("messages").get(0);
    assertThat(sms.get("to").asText()).isEqualTo("+12125550160");
    assertThat(sms.get("from").asText()).isEqualTo(FROM);
    assertThat(sms.get("text").asText())
        .isEqualTo("Hi Ada, sorry we missed you about the nurse job.");
    assertThat(sms.get("status").asText()).isEqualTo("sent");
    assertThat(sms.get("call_id").asText()).isNotBlank();
    assertThat(sms.get("contact_id").isNumber()).isTrue();
  }

  @Test
  void aFollowUpIsNotSentToANumberListedAfterTheCall() {
    Tenant tenant = Tenant.fresh("sms-follow-dnc");
    // listed before the campaign: the call is not even placed, so nothing follows up either
    api.post(
        "/api/v1/clients/" + tenant.client() + "/dnc",
        "{\"phone_number\": \"+12125550161\"}",
        "X-API-Key",
        tenant.key());
    String campaign =
        tenant.campaign(
            """
            "sms_follow_up": {"dispositions": ["voicemail"], "text": "Hi"},
            """,
            "[{\"phone\": \"+12125550161\"}, {\"phone\": \"+12125550162\"}]");

    JsonNode page = tenant.messagesOf(campaign, 1);
    assertThat(page.get("messages").get(0).get("to").asText()).isEqualTo("+12125550162");
  }

  @Test
  void aBadFollowUpIsRefusedNamingItsField() {
    Tenant tenant = Tenant.fresh("sms-follow-bad");
    String contacts = "[{\"phone\": \"+12125550163\"}]";
    for (String[] bad :
        new String[][] {
          {"{\"text\": \"Hi\"}", "sms_follow_up.dispositions"},
          {"{\"dispositions\": [\"sunny\"], \"text\": \"Hi\"}", "sms_follow_up.dispositions[0]"},
          {"{\"dispositions\": [\"do_not_call\"], \"text\": \"Hi\"}", "do_not_call"},
          {"{\"dispositions\": [\"voicemail\"]}", "sms_follow_up.text"},
        }) {
      Reply reply =
          api.post(
              "/api/v1/campaigns",
              """
              {"client_id": "%s", "name": "Bad", "system_prompt": "p", "caller_id": "%s",
               "sms_follow_up": %s, "contacts": %s}
              """
                  .formatted(tenant.client(), FROM, bad[0], contacts),
              "X-API-Key",
              tenant.key());
      assertField(reply, 400, bad[1]);
    }
  }

  @Test
  void theSmsPolicyRefusesMessagesPastItsLimitWithRetryAfter() {
    Tenant tenant = Tenant.fresh("sms-limit");
    String body =
        """
        {"to": "+12125550104", "text": "Hello", "from": "%s"}
        """
            .formatted(FROM);
    for (int i = 1; i <= LIMIT; i++) {
      Reply reply = tenant.send(body);
      assertThat(reply.status()).as("message %d: %s", i, reply.body()).isEqualTo(202);
      assertThat(reply.header("X-RateLimit-Limit")).hasValue(Integer.toString(LIMIT));
    }

    Reply refused = tenant.send(body);

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).isPresent();
    assertThat(refused.json().get("detail").asText()).startsWith("Rate limit exceeded.");
    // reading is under the default policy
    assertThat(tenant.get("/api/v1/sms?limit=1").status()).isEqualTo(200);
  }
}
