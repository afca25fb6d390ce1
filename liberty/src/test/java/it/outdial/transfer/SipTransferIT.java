package it.outdial.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.outdial.carrier.sip.BaresipPeer;
import io.outdial.carrier.sip.provider.Sounds;
import io.outdial.carrier.sip.provider.SpeechStubs;
import it.outdial.support.Api;
import it.outdial.support.Api.Reply;
import it.outdial.support.Clients;
import it.outdial.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A warm transfer over real SIP: the server calls a callee (baresip) through the SIP carrier, the
 * callee asks for a person (the speech-to-text stand-in hears every utterance as such a request),
 * the agent's own transfer intent calls the human (a second baresip at a {@code sip:} address), who
 * hears the whisper and is bridged with the callee; both talk, the human hangs up. Skipped without
 * baresip, espeak-ng and sox, except on CI.
 */
class SipTransferIT {
  private static final String CALLEE = "+12125553001";
  private static final String ASKS = "Can I talk to a real person?";

  private static BaresipPeer callee;
  private static BaresipPeer human;
  private static SpeechStubs speech;
  private static TestServer server;
  private static Api api;
  private static String client;
  private static String key;

  @BeforeAll
  static void start() throws Exception {
    BaresipPeer.requireBaresip();
    Sounds.requireTools();
    Path dir = Files.createTempDirectory("outdial-sip-transfer-it");
    Path hello = Sounds.speech(dir, "hello", "Hello?");
    Path[] talking = new Path[20];
    Arrays.fill(talking, hello);
    callee =
        BaresipPeer.in(dir)
            .number(CALLEE)
            .play(Sounds.sequence(dir, "callee", 0.3, 5, 2.5, talking))
            .start();
    // silent through the whisper, then talks twice and hangs up when the file ends
    Path dana = Sounds.speech(dir, "dana", "Hi, this is Dana from the recruiting team.");
    human =
        BaresipPeer.in(dir)
            .number("dana")
            .play(Sounds.sequence(dir, "human", 6, 2, 2, dana, dana))
            .start();
    speech = new SpeechStubs(Sounds.wideband(1200), ASKS);

    server = TestServer.isolatedWithAdminKey("outdial-sip-transfer");
    TestServer.dialingSettings(server)
        .with("OUTDIAL_TELEPHONY_PROVIDER", "sip")
        .with("OUTDIAL_TELEPHONY_SIP_TRUNK_HOST", "127.0.0.1")
        .with("OUTDIAL_TELEPHONY_SIP_TRUNK_PORT", String.valueOf(callee.port()))
        .with("OUTDIAL_TELEPHONY_SIP_BIND_HOST", "127.0.0.1")
        .with("OUTDIAL_TELEPHONY_SIP_BIND_PORT", "0")
        .with("OUTDIAL_TELEPHONY_SIP_RTP_PORT_MIN", "45000")
        .with("OUTDIAL_TELEPHONY_SIP_RTP_PORT_MAX", "45999")
        .with("OUTDIAL_TELEPHONY_SIP_TTS_URL", speech.url())
        .with("OUTDIAL_TELEPHONY_SIP_STT_URL", speech.url());
    server.start();
    api = server.api();
    client = Clients.newClientId("sipxfer");
    key = Clients.newKey(server, client, "[\"campaigns\", \"audit\"]");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    for (BaresipPeer peer : new BaresipPeer[] {callee, human}) {
      if (peer != null) {
        peer.close();
      }
    }
    if (speech != null) {
      speech.close();
    }
  }

  @Test
  void theAgentHandsTheCalleeToAHumanOverSipAndTheTranscriptGoesOnWithBoth() throws Exception {
    Reply target =
        api.post(
            "/api/v1/transfer-targets",
            ("{\"type\": \"human\", \"name\": \"Dana\", \"address\": \"sip:dana@127.0.0.1:%d\","
                    + " \"status\": \"available\"}")
                .formatted(human.port()),
            "X-API-Key",
            key);
    assertThat(target.status()).as(target.body()).isEqualTo(201);
    Reply created =
        api.post(
            "/api/v1/campaigns",
            """
            {"client_id": "%s", "name": "SIP transfer", "system_prompt": "You are a recruiter.",
             "caller_id": "+15551234567", "retry_policy": {"max_attempts": 1},
             "contacts": [{"phone": "%s"}]}
            """
                .formatted(client, CALLEE),
            "X-API-Key",
            key);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String campaign = created.json().get("campaign_id").asText();

    await("the call ended")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              JsonNode records =
                  api.get("/api/v1/audit?campaign_id=" + campaign, "X-API-Key", key)
                      .json()
                      .get("records");
              return records.size() == 1 && !records.get(0).get("ended_at").isNull();
            });
    JsonNode record =
        api.get("/api/v1/audit?campaign_id=" + campaign, "X-API-Key", key)
            .json()
            .get("records")
            .get(0);

    JsonNode transfers = record.get("transfers");
    assertThat(transfers).as(record.toString()).hasSize(1);
    assertThat(transfers.get(0).get("requested_by").asText()).isEqualTo("agent");
    assertThat(transfers.get(0).get("status").asText()).isEqualTo("ended");
    assertThat(transfers.get(0).get("bridged_at").isNull()).isFalse();
    assertThat(record.get("end_reason").asText()).isEqualTo("remote_hang_up");
    List<String> roles = new ArrayList<>();
    List<String> words = new ArrayList<>();
    record.get("transcript").forEach(t -> roles.add(t.get("role").asText()));
    record.get("transcript").forEach(t -> words.add(t.get("content").asText()));
    int hold = words.indexOf("Please hold for a moment while I connect you with a colleague.");
    assertThat(hold).as("the callee was put on hold: %s", words).isNotNegative();
    List<String> after = roles.subList(hold + 1, roles.size());
    assertThat(after).as("after the hold: %s", words).contains("human_agent", "user");
    assertThat(after.indexOf("human_agent")).isNotNegative();
    assertThat(human.output())
        .as("the human's phone took the call and hung it up")
        .anyMatch(l -> l.contains("Call established"))
        .anyMatch(l -> l.startsWith("BYE sip:"));
  }
}
