package it.outdial.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.outdial.carrier.sip.BaresipPeer;
import io.outdial.carrier.sip.provider.Sounds;
import io.outdial.carrier.sip.provider.SpeechStubs;
import it.outdial.support.Api;
import it.outdial.support.Api.Reply;
import it.outdial.support.Clients;
import it.outdial.support.Contacts;
import it.outdial.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A campaign dialed through the SIP carrier to a real SIP phone: Debian's baresip on loopback
 * answers every contact's number and plays a recorded callee ("Hello?", then "Yes, I am
 * interested"), everything between Outdial and the phone is real SIP and RTP. Text to speech and
 * speech to text are local stand-ins of the OpenAI-compatible servers (no model runs here). Skipped
 * without baresip, espeak-ng and sox, except on CI, where they are installed.
 */
class SipCampaignIT {
  private static final int CONTACTS = 20;

  /** The number of the call ended on request, apart from the campaign's twenty. */
  private static final String END_NUMBER = "+12125552999";

  private static final Set<String> HUMAN =
      Set.of(
          "human_interested",
          "human_not_interested",
          "callback_requested",
          "do_not_call",
          "wrong_number");

  private static Path dir;
  private static BaresipPeer phone;
  private static SpeechStubs speech;
  private static TestServer server;
  private static Api api;
  private static String client;
  private static String key;
  private static List<String> numbers;

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (phone != null) {
      phone.close();
    }
    if (speech != null) {
      speech.close();
    }
  }

  @BeforeAll
  static void start() throws Exception {
    BaresipPeer.requireBaresip();
    Sounds.requireTools();
    dir = Files.createTempDirectory("outdial-sip-it");
    numbers = new ArrayList<>();
    for (int i = 0; i < CONTACTS; i++) {
      numbers.add(String.format("+1212555%04d", 2000 + i));
    }
    Path callee =
        Sounds.sequence(
            dir,
            "callee",
            0.3,
            4,
            2.5,
            Sounds.speech(dir, "hello", "Hello?"),
            Sounds.speech(dir, "answer", "Yes, I am interested. Please tell me more."));
    List<String> answered = new ArrayList<>(numbers);
    answered.add(END_NUMBER);
    phone = BaresipPeer.in(dir).numbers(answered).maxCalls(8).play(callee).start();
    speech = new SpeechStubs(Sounds.wideband(1200), "Yes, I am interested. Please tell me more.");

    server = TestServer.isolatedWithAdminKey("outdial-sip");
    TestServer.dialingSettings(server)
        .with("OUTDIAL_DIALER_CAPACITY", "4")
        .with("OUTDIAL_DIALER_RETRY_MAX_ATTEMPTS", "1")
        .with("OUTDIAL_TELEPHONY_PROVIDER", "sip")
        .with("OUTDIAL_TELEPHONY_SIP_TRUNK_HOST", "127.0.0.1")
        .with("OUTDIAL_TELEPHONY_SIP_TRUNK_PORT", String.valueOf(phone.port()))
        .with("OUTDIAL_TELEPHONY_SIP_BIND_HOST", "127.0.0.1")
        .with("OUTDIAL_TELEPHONY_SIP_BIND_PORT", "0")
        .with("OUTDIAL_TELEPHONY_SIP_RTP_PORT_MIN", "46000")
        .with("OUTDIAL_TELEPHONY_SIP_RTP_PORT_MAX", "46999")
        .with("OUTDIAL_TELEPHONY_SIP_TTS_URL", speech.url())
        .with("OUTDIAL_TELEPHONY_SIP_STT_URL", speech.url());
    server.start();
    api = server.api();
    client = Clients.newClientId("sip");
    key = Clients.newKey(server, client, "[\"campaigns\", \"audit\"]");
  }

  @Test
  void aCampaignOfTwentyContactsIsDialedOverSipAndCompletesWithStatsAndAudit() {
    String contacts = Contacts.json(numbers);
    Reply created =
        api.post(
            "/api/v1/campaigns",
            """
            {"client_id": "%s", "name": "SIP", "system_prompt": "You are a recruiter.",
             "caller_id": "+15551234567", "max_concurrent": 4,
             "greeting_text": "Hi, this is Outdial.", "voicemail_text": "Please call us back.",
             "contacts": %s}
            """
                .formatted(client, contacts),
            "X-API-Key",
            key);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String campaign = created.json().get("campaign_id").asText();

    await("the SIP campaign completes")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> stats(campaign).get("status").asText().equals("completed"));

    JsonNode stats = stats(campaign);
    assertThat(stats.get("calls_placed").asInt()).isEqualTo(CONTACTS);
    assertThat(stats.get("human_answers").asInt()).isEqualTo(CONTACTS);
    // the carrier measured every answered call
    assertThat(stats.get("avg_first_audio_ms").asLong()).isPositive();
    assertThat(stats.get("avg_machine_detection_ms").asLong()).isBetween(500L, 6000L);
    assertThat(stats.has("dead_air_over_2s_percent")).isTrue();

    Reply audit = api.get("/api/v1/audit?campaign_id=" + campaign + "&limit=50", "X-API-Key", key);
    assertThat(audit.status()).isEqualTo(200);
    List<JsonNode> calls = new ArrayList<>();
    audit.json().get("records").forEach(calls::add);
    assertThat(calls).hasSize(CONTACTS);
    assertThat(calls)
        .allSatisfy(
            call -> {
              assertThat(HUMAN).contains(call.get("disposition").asText());
              List<String> roles = new ArrayList<>();
              call.get("transcript").forEach(turn -> roles.add(turn.get("role").asText()));
              // the agent spoke, and the callee's words came back through speech to text
              assertThat(roles).contains("assistant", "user");
              assertThat(call.get("audio").get("first_audio_ms").asInt()).isPositive();
              assertThat(call.get("audio").get("machine_detection_ms").asInt()).isPositive();
            });
    List<String> called = calls.stream().map(c -> c.get("contact").get("phone").asText()).toList();
    assertThat(called).containsExactlyInAnyOrderElementsOf(numbers);
    assertThat(speech.uploads).hasSizeGreaterThanOrEqualTo(CONTACTS);
    assertThat(speech.speechRequests.get()).isGreaterThanOrEqualTo(CONTACTS);
  }

  @Test
  void aCallEndedOnRequestIsHungUpOnTheSipPhone() {
    int spoken = speech.speechRequests.get();
    long closed = sessionsClosed();
    Reply created =
        api.post(
            "/api/v1/campaigns",
            """
            {"client_id": "%s", "name": "SIP end", "system_prompt": "You are a recruiter.",
             "caller_id": "+15551234567", "greeting_text": "Hi, this is Outdial.",
             "contacts": [{"phone": "%s"}]}
            """
                .formatted(client, END_NUMBER),
            "X-API-Key",
            key);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String campaign = created.json().get("campaign_id").asText();
    // the agent's greeting went to text to speech: the phone answered and the call is up
    await("the phone answered")
        .atMost(Duration.ofSeconds(30))
        .until(() -> speech.speechRequests.get() > spoken);
    Reply records = api.get("/api/v1/audit?campaign_id=" + campaign, "X-API-Key", key);
    String call = records.json().get("records").get(0).get("call_id").asText();

    Reply ending = api.post("/api/v1/calls/" + call + "/end", "", "X-API-Key", key);

    assertThat(ending.status()).as(ending.body()).isEqualTo(202);
    await("baresip received the hang-up")
        .atMost(Duration.ofSeconds(30))
        .until(() -> sessionsClosed() > closed);
    await("the call is recorded as ended on request")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                api.get("/api/v1/audit/" + call, "X-API-Key", key)
                    .json()
                    .path("end_reason")
                    .asText()
                    .equals("ended_by_request"));
    JsonNode record = api.get("/api/v1/audit/" + call, "X-API-Key", key).json();
    assertThat(HUMAN).contains(record.get("disposition").asText());
    assertThat(record.get("end_requested_at").isNull()).isFalse();
    Reply again = api.post("/api/v1/calls/" + call + "/end", "", "X-API-Key", key);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("detail").asText()).isEqualTo("Call is not currently active");
  }

  private static long sessionsClosed() {
    return phone.output().stream().filter(l -> l.contains("session closed")).count();
  }

  private static JsonNode stats(String campaign) {
    Reply reply = api.get("/api/v1/campaigns/" + campaign + "/stats", "X-API-Key", key);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }
}
