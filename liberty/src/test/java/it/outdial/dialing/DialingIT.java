package it.outdial.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import it.outdial.support.Api;
import it.outdial.support.Api.Reply;
import it.outdial.support.Clients;
import it.outdial.support.Contacts;
import it.outdial.support.Database;
import it.outdial.support.ServerGroup;
import it.outdial.support.TestServer;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Campaigns created through the API are dialed by the simulated carrier (1/100 of real time) and
 * fill stats, audit and usage. Numbers in the 555-01XX range have a fixed simulated fate (see the
 * simulator's test numbers): 10s interested, 50s "stop calling me", 60s voicemail, 70s no answer.
 */
@ServerGroup(ServerGroup.DIALING)
class DialingIT {
  private static final Set<String> HUMAN =
      Set.of(
          "human_interested",
          "human_not_interested",
          "callback_requested",
          "do_not_call",
          "wrong_number");

  private static TestServer server;
  private static Api api;
  private static String client;
  private static String key;

  @BeforeAll
  static void start() {
    server = TestServer.dialing();
    api = server.api();
    client = Clients.newClientId("dialing");
    key = Clients.newKey(server, client, "[\"campaigns\", \"audit\"]");
  }

  private static String create(int maxConcurrent, List<String> phones) {
    return create(5, maxConcurrent, phones);
  }

  private static String create(int priority, int maxConcurrent, List<String> phones) {
    String contacts = Contacts.json(phones);
    Reply reply =
        api.post(
            "/api/v1/campaigns",
            """
            {"client_id": "%s", "name": "Dialing test", "system_prompt": "You are a recruiter.",
             "caller_id": "+15551234567", "priority": %d, "max_concurrent": %d,
             "greeting_text": "Hi, this is Outdial.", "voicemail_text": "Please call us back.",
             "contacts": %s}
            """
                .formatted(client, priority, maxConcurrent, contacts),
            "X-API-Key",
            key);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    assertThat(reply.json().get("contacts_enqueued").asInt()).isEqualTo(phones.size());
    return reply.json().get("campaign_id").asText();
  }

  private static JsonNode stats(String campaign) {
    Reply reply = api.get("/api/v1/campaigns/" + campaign + "/stats", "X-API-Key", key);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private static JsonNode campaign(String campaign) {
    Reply reply = api.get("/api/v1/campaigns/" + campaign, "X-API-Key", key);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private static List<JsonNode> audit(String campaign) {
    Reply reply = api.get("/api/v1/audit?campaign_id=" + campaign + "&limit=200", "X-API-Key", key);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<JsonNode> records = new ArrayList<>();
    reply.json().get("records").forEach(records::add);
    assertThat(reply.json().get("total").asLong()).isEqualTo(records.size());
    return records;
  }

  private static void awaitCompleted(String campaign) {
    await("campaign " + campaign + " completed")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> stats(campaign).get("status").asText().equals("completed"));
  }

  private static long count(Map<String, Integer> byDisposition, String... dispositions) {
    long sum = 0;
    for (String d : dispositions) {
      sum += byDisposition.getOrDefault(d, 0);
    }
    return sum;
  }

  private static List<String> numbers(String prefix, int from, int count) {
    List<String> phones = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      phones.add(prefix + String.format("%04d", from + i));
    }
    return phones;
  }

  /** The reference document's Python example, step by step: create, then poll stats until done. */
  @Test
  void theReferencePythonExampleRunsToCompletion() {
    Reply created =
        api.post(
            "/api/v1/campaigns",
            """
            {"client_id": "%s", "name": "Python Test Campaign",
             "system_prompt": "You are a friendly recruiter...", "caller_id": "+15551234567",
             "contacts": [{"phone": "+15559876543", "first_name": "John"}]}
            """
                .formatted(client),
            "X-API-Key",
            key);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String campaign = created.json().get("campaign_id").asText();
    List<String> seen = new ArrayList<>();
    await("the example's polling loop ends")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              JsonNode stats = stats(campaign);
              seen.add(stats.get("status").asText() + "|" + stats.get("calls_placed").asLong());
              return Set.of("completed", "cancelled").contains(stats.get("status").asText());
            });
    JsonNode stats = stats(campaign);
    assertThat(stats.get("status").asText()).isEqualTo("completed");
    long placed = stats.get("calls_placed").asLong();
    assertThat(placed).isBetween(1L, 3L);
    List<JsonNode> calls = audit(campaign);
    assertThat(calls).hasSize((int) placed);
    JsonNode first = calls.get(0);
    assertThat(first.get("contact").get("phone").asText()).isEqualTo("+15559876543");
    assertThat(first.get("contact").get("first_name").asText()).isEqualTo("John");
    assertThat(first.get("disposition").asText()).isNotBlank();
    assertThat(first.get("ended_at").asText()).isNotBlank();
    assertThat(first.get("attempt").asInt()).isEqualTo(1);
    Reply one = api.get("/api/v1/audit/" + first.get("call_id").asText(), "X-API-Key", key);
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().get("disposition").asText()).isEqualTo(first.get("disposition").asText());
    assertThat(Database.openContacts(server, campaign)).isZero();
  }

  @Test
  void aCampaignDialsEveryContactWithinItsCapAndStatsAreTheSumOfTheCallRecords() {
    List<String> phones = new ArrayList<>();
    phones.addAll(numbers("+1212555", 110, 8)); // interested
    phones.addAll(numbers("+1212555", 120, 8)); // not interested
    phones.addAll(numbers("+1212555", 160, 8)); // voicemail
    phones.addAll(numbers("+1212555", 190, 4)); // carrier failure
    phones.addAll(numbers("+1212555", 100, 8)); // drawn from the mix
    String campaign = create(3, phones);
    AtomicLong highest = new AtomicLong();
    await("campaign completed, sampling calls in flight")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              long open = Database.callsInFlight(server, campaign);
              highest.accumulateAndGet(open, Math::max);
              assertThat(open).as("calls in flight").isLessThanOrEqualTo(3);
              return stats(campaign).get("status").asText().equals("completed");
            });
    assertThat(highest.get()).as("calls were seen in flight").isPositive();

    List<JsonNode> calls = audit(campaign);
    JsonNode stats = stats(campaign);
    Map<String, Integer> byDisposition = new HashMap<>();
    calls.forEach(c -> byDisposition.merge(c.get("disposition").asText(), 1, Integer::sum));
    long humans = calls.stream().filter(c -> HUMAN.contains(c.get("disposition").asText())).count();
    assertThat(stats.get("calls_placed").asLong()).isEqualTo(calls.size());
    assertThat(stats.get("human_answers").asLong()).isEqualTo(humans);
    assertThat(stats.get("voicemails").asLong()).isEqualTo(count(byDisposition, "voicemail"));
    assertThat(stats.get("errors").asLong()).isEqualTo(count(byDisposition, "failed", "timeout"));
    assertThat(stats.get("no_answer").asLong())
        .isEqualTo(count(byDisposition, "no_answer", "busy"));
    assertThat(byDisposition.get("human_interested")).isGreaterThanOrEqualTo(8);
    assertThat(byDisposition.get("human_not_interested")).isGreaterThanOrEqualTo(8);
    assertThat(byDisposition.get("voicemail")).isGreaterThanOrEqualTo(8);
    assertThat(byDisposition.get("failed")).isGreaterThanOrEqualTo(4);
    double talk = calls.stream().mapToDouble(c -> c.get("duration_s").asDouble()).sum();
    assertThat(stats.get("avg_call_duration_s").asDouble())
        .isCloseTo(talk / calls.size(), org.assertj.core.data.Offset.offset(0.06));
    // the simulator measures each answered call on its simulated clock, as a carrier with audio
    for (String figure :
        List.of("avg_first_audio_ms", "avg_machine_detection_ms", "dead_air_over_2s_percent")) {
      assertThat(stats.has(figure)).as(figure).isTrue();
    }
    assertThat(calls)
        .filteredOn(c -> HUMAN.contains(c.get("disposition").asText()))
        .isNotEmpty()
        .allSatisfy(
            call -> {
              JsonNode audio = call.get("audio");
              assertThat(audio.get("first_audio_ms").isInt()).isTrue();
              assertThat(audio.get("dead_air_ms").isInt()).isTrue();
              // each turn of the callee: end-of-turn silence 500 ms; the agent's answer after it
              assertThat(audio.get("endpointing_ms").isArray()).isTrue();
              audio.get("endpointing_ms").forEach(ms -> assertThat(ms.asInt()).isEqualTo(500));
              assertThat(audio.get("voice_to_voice_ms").size()).isPositive();
              audio
                  .get("voice_to_voice_ms")
                  .forEach(ms -> assertThat(ms.asInt()).isBetween(850, 1550));
            });
    // p50 <= p95, from the campaign's histograms; voice to voice = end-of-turn silence + reply
    // delay
    for (String measure : List.of("first_audio", "machine_detection", "voice_to_voice")) {
      assertThat(stats.get(measure + "_p50_ms").asInt())
          .as(measure)
          .isLessThanOrEqualTo(stats.get(measure + "_p95_ms").asInt());
    }
    assertThat(stats.get("voice_to_voice_p50_ms").asInt()).isBetween(800, 1600);
    assertThat(stats.get("machine_detection_p95_ms").asInt()).isLessThanOrEqualTo(100);
    assertThat(calls)
        .filteredOn(
            c -> List.of("no_answer", "busy", "failed").contains(c.get("disposition").asText()))
        .allSatisfy(call -> assertThat(call.has("audio")).isFalse());

    // every contact was called, and only the contacts of the campaign
    Set<String> called = new java.util.HashSet<>();
    calls.forEach(c -> called.add(c.get("contact").get("phone").asText()));
    assertThat(called).containsExactlyInAnyOrderElementsOf(phones);
    assertThat(Database.openContacts(server, campaign)).isZero();
    JsonNode interested =
        calls.stream()
            .filter(c -> c.get("disposition").asText().equals("human_interested"))
            .findFirst()
            .orElseThrow();
    assertThat(interested.get("transcript").size()).isGreaterThanOrEqualTo(2);
    assertThat(interested.get("transcript").get(0).get("role").asText()).isEqualTo("assistant");
    assertThat(interested.get("transcript").get(0).get("content").asText())
        .startsWith("Hi, this is Outdial.");
    assertThat(interested.get("intents").get(0).get("intent").asText()).isEqualTo("schedule");

    Reply usage = api.get("/api/v1/clients/" + client + "/usage", "X-API-Key", key);
    assertThat(usage.status()).isEqualTo(200);
    assertThat(usage.json().get("total_calls").asLong()).isGreaterThanOrEqualTo(calls.size());
  }

  /**
   * GET /metrics?scope=application: the server's lines, calls in flight and calls ended by
   * disposition, which match the call records this server wrote.
   */
  @Test
  void metricsShowThisServersLinesAndTheCallsItEnded() {
    String campaign = create(3, numbers("+1212555", 110, 4)); // interested
    awaitCompleted(campaign);
    String serverId =
        Database.text(server, "select min(server_id) from call where campaign_id = ?", campaign);
    String interested =
        "select count(*) from call where server_id = ? and disposition = 'human_interested'";

    await("metrics match this server's call records")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              String body = metrics();
              assertThat(metric(body, "outdial_dialer_lines", "")).as(body).isEqualTo(20);
              assertThat(metric(body, "outdial_telephony_available", "")).isEqualTo(1);
              assertThat(metric(body, "outdial_dialer_fenced", "")).isZero();
              assertThat(metric(body, "outdial_dialer_calls_in_flight", "")).isBetween(0.0, 20.0);
              assertThat(
                      metric(
                          body,
                          "outdial_dialer_calls_completed",
                          "disposition=\"human_interested\""))
                  .isGreaterThanOrEqualTo(4)
                  .isEqualTo(Database.number(server, interested, serverId));
              // latency histograms: Prometheus buckets, cumulative, with _sum and _count
              for (String measure :
                  List.of(
                      "outdial_call_first_audio_ms",
                      "outdial_call_machine_detection_ms",
                      "outdial_call_voice_to_voice_ms")) {
                double count = metric(body, measure + "_count", "");
                assertThat(count).as(measure).isPositive();
                assertThat(metric(body, measure + "_bucket", "le=\"+Inf\"")).isEqualTo(count);
                assertThat(metric(body, measure + "_bucket", "le=\"2000"))
                    .isLessThanOrEqualTo(count);
                assertThat(metric(body, measure + "_sum", "")).isNotNegative();
              }
            });
  }

  private static String metrics() {
    Reply reply = api.get("/metrics?scope=application");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.body();
  }

  /** The value of the Prometheus sample {@code name} whose labels contain {@code label}. */
  private static double metric(String body, String name, String label) {
    return body.lines()
        .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
        .filter(l -> l.contains(label))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no sample " + name + " " + label + " in\n" + body));
  }

  /**
   * Self-fencing: a server that cannot renew its lease (here: the lease table is locked, as a
   * database that stops answering it would) must assume another server will soon close its calls as
   * lost and dial those contacts again. Within the lease it hangs up its own calls as {@code
   * server_lost}, places none while it cannot renew, and dials again once it can.
   */
  @Test
  void aServerThatCannotRenewItsLeaseHangsUpItsCallsAndDialsAgainOnceItCan() throws Exception {
    String campaign = create(10, numbers("+1415555", 1000, 300)); // fates drawn from the mix
    await("calls in flight")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> Database.callsInFlight(server, campaign) >= 3);
    String lost =
        "select count(*) from call where campaign_id = ? and error_reason = 'server_lost'";
    try (Connection database = Database.connect(server)) {
      database.setAutoCommit(false);
      try (Statement lock = database.createStatement()) {
        // blocks the lease renewal (a write) but no read and no call record
        lock.execute("lock table dialer_server in share mode");
      }
      await("the server hangs up its own calls")
          .atMost(Duration.ofSeconds(15))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () ->
                  Database.callsInFlight(server, campaign) == 0
                      && Database.number(server, lost, campaign) > 0);
      long placed =
          Database.number(server, "select count(*) from call where campaign_id = ?", campaign);
      await("no call placed while the lease cannot be renewed")
          .during(Duration.ofMillis(1500))
          .atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () ->
                  Database.number(
                          server, "select count(*) from call where campaign_id = ?", campaign)
                      == placed);
      assertThat(Database.openContacts(server, campaign)).as("contacts still to call").isPositive();
      database.commit();
    }
    await("the server logged why it hung up")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                Files.readString(server.liberty().logDirectory().resolve("messages.log"))
                    .contains("Could not renew this server's dialer lease"));

    awaitCompleted(campaign);
    assertThat(Database.openContacts(server, campaign)).isZero();
    assertThat(
            Database.number(
                server,
                "select count(*) from call c where c.campaign_id = ? and c.error_reason ="
                    + " 'server_lost' and exists (select 1 from call d where d.contact_id ="
                    + " c.contact_id and d.attempt > c.attempt)",
                campaign))
        .as("contacts whose call was hung up were called again")
        .isPositive();
    JsonNode stats = stats(campaign);
    assertThat(stats.get("calls_placed").asLong())
        .isEqualTo(
            Database.number(server, "select count(*) from call where campaign_id = ?", campaign));
  }

  /**
   * Strict priority: while the priority-10 campaign has contacts due, the server's 20 lines go to
   * it; the priority-1 campaign, created a moment later, places its first call only once the last
   * priority-10 contact has been claimed. Every callee here is interested (555-011X), so each
   * contact ends on its first call and nothing falls due again later.
   */
  @Test
  void aHigherPriorityCampaignTakesEveryLineWhileItHasContactsDue() {
    List<String> urgentPhones = new ArrayList<>();
    for (String npa :
        List.of("212", "213", "312", "415", "617", "646", "702", "718", "305", "404")) {
      urgentPhones.addAll(numbers("+1" + npa + "555", 110, 10));
    }
    String urgent = create(10, 20, urgentPhones);
    String later = create(1, 20, numbers("+1503555", 110, 10));
    awaitCompleted(urgent);
    awaitCompleted(later);

    String lastUrgentStart = "(select max(started_at) from call where campaign_id = ?)";
    assertThat(
            Database.number(
                server,
                "select count(*) from campaign where id = ? and created_at < " + lastUrgentStart,
                later,
                urgent))
        .as("the priority-1 campaign existed while the priority-10 campaign still had work")
        .isEqualTo(1);
    assertThat(Database.number(server, "select count(*) from call where campaign_id = ?", later))
        .isEqualTo(10);
    assertThat(
            Database.number(
                server,
                "select count(*) from call where campaign_id = ? and started_at < "
                    + lastUrgentStart,
                later,
                urgent))
        .as("priority-1 calls started before the last priority-10 contact was claimed")
        .isZero();
  }

  /**
   * A campaign whose contacts have all been called is not completed while an upload into it still
   * runs (its next batch would land in a finished campaign); once the upload ends it completes,
   * even though nothing else happens to it.
   */
  @Test
  void aCampaignIsNotCompletedWhileAnUploadIntoItRuns() {
    String campaign = create(5, 5, List.of());
    // an upload into the campaign, running and reporting progress as uploads do
    String job = "job_it" + System.nanoTime();
    Database.update(
        server,
        "insert into job (id, client_id, type, status, progress, campaign_id, created_at,"
            + " started_at, heartbeat_at) values (?, ?, 'contact_upload', 'running', 10, ?,"
            + " now(), now(), now())",
        job,
        client,
        campaign);
    Reply added =
        api.post(
            "/api/v1/campaigns/" + campaign + "/contacts/json",
            "[{\"phone\": \"+12125550110\"}, {\"phone\": \"+12125550111\"}]",
            "X-API-Key",
            key);
    assertThat(added.status()).as(added.body()).isEqualTo(200);
    await("both contacts called")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Database.number(
                        server,
                        "select count(*) from call where campaign_id = ? and ended_at is not null",
                        campaign)
                    == 2);
    await("the campaign stays active while the upload runs")
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> stats(campaign).get("status").asText().equals("active"));

    Database.update(server, "update job set status = 'completed' where id = ?", job);
    awaitCompleted(campaign);
  }

  @Test
  void unansweredContactsAreRetriedByThePolicyThenFinal() {
    String campaign = create(2, List.of("+12125550170", "+12125550181"));
    awaitCompleted(campaign);
    List<JsonNode> calls = audit(campaign);
    // three attempts each (the default policy), no answer and busy every time
    assertThat(calls).hasSize(6);
    Map<String, List<Integer>> attempts = new HashMap<>();
    calls.forEach(
        c ->
            attempts
                .computeIfAbsent(c.get("contact").get("phone").asText(), k -> new ArrayList<>())
                .add(c.get("attempt").asInt()));
    assertThat(attempts.get("+12125550170")).containsExactly(1, 2, 3);
    assertThat(attempts.get("+12125550181")).containsExactly(1, 2, 3);
    assertThat(stats(campaign).get("no_answer").asLong()).isEqualTo(6);
  }

  @Test
  void aCalleeWhoSaysStopCallingGoesOnTheDoNotCallListAndIsSkippedLater() {
    String first = create(2, List.of("+12125550150", "+12125550111"));
    awaitCompleted(first);
    JsonNode optOut =
        audit(first).stream()
            .filter(c -> c.get("contact").get("phone").asText().equals("+12125550150"))
            .findFirst()
            .orElseThrow();
    assertThat(optOut.get("disposition").asText()).isEqualTo("do_not_call");
    assertThat(optOut.findValuesAsText("intent")).contains("do_not_call");
    assertThat(
            Database.number(
                server,
                "select count(*) from do_not_call where client_id = ? and phone = ? and call_id = ?",
                client,
                "+12125550150",
                optOut.get("call_id").asText()))
        .isEqualTo(1);

    String second = create(2, List.of("+12125550150", "+12125550112"));
    awaitCompleted(second);
    List<JsonNode> calls = audit(second);
    assertThat(calls)
        .extracting(c -> c.get("contact").get("phone").asText())
        .containsExactly("+12125550112");
    assertThat(campaign(second).get("do_not_call_skipped").asLong()).isEqualTo(1);
  }

  @Test
  void pauseStopsNewCallsAndResumeContinuesWhereItStopped() {
    // voicemail (final at the first attempt), one call at a time, on numbers 555-0160..0169 of
    // several area codes
    List<String> phones = new ArrayList<>();
    for (String area : List.of("212", "213", "312", "415", "617", "718")) {
      phones.addAll(numbers("+1" + area + "555", 160, 10));
    }
    String campaign = create(1, phones);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> stats(campaign).get("calls_placed").asLong() >= 1);
    Reply paused = api.post("/api/v1/campaigns/" + campaign + "/pause", "", "X-API-Key", key);
    assertThat(paused.status()).as(paused.body()).isEqualTo(200);
    assertThat(paused.json().get("status").asText()).isEqualTo("paused");
    // calls in flight finish; then nothing new is placed
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Database.callsInFlight(server, campaign) == 0);
    long placed = stats(campaign).get("calls_placed").asLong();
    await("no call while paused")
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> stats(campaign).get("calls_placed").asLong() == placed);
    assertThat(placed).isLessThan(phones.size());
    assertThat(stats(campaign).get("status").asText()).isEqualTo("paused");

    Reply resumed = api.post("/api/v1/campaigns/" + campaign + "/resume", "", "X-API-Key", key);
    assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
    awaitCompleted(campaign);
    // every contact called exactly once: voicemail is final
    assertThat(audit(campaign)).hasSize(phones.size());
  }
}
