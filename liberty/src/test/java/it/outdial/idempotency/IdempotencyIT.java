package it.outdial.idempotency;

import static it.outdial.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.outdial.support.Api;
import it.outdial.support.Api.Reply;
import it.outdial.support.Clients;
import it.outdial.support.Database;
import it.outdial.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IdempotencyIT {
  private static final String CAMPAIGNS = "/api/v1/campaigns";
  private static final String STILL_RUNNING =
      "A request with this Idempotency-Key is still being processed; retry shortly";

  private static TestServer server;
  private static Api api;

  /** A client of its own for one test, so that its campaigns can be counted. */
  private record Client(String id, String key) {
    static Client fresh() {
      String id = Clients.newClientId("idem");
      return new Client(id, Clients.newKey(server, id, "[\"campaigns\"]"));
    }

    Reply create(String body, String idempotencyKey) {
      return idempotencyKey == null
          ? api.post(CAMPAIGNS, body, "X-API-Key", key)
          : api.post(CAMPAIGNS, body, "X-API-Key", key, "Idempotency-Key", idempotencyKey);
    }

    String campaignJson(String name) {
      return """
          {"client_id": "%s", "name": "%s", "system_prompt": "You are a friendly recruiter.",
           "caller_id": "+15551234567", "contacts": [{"phone": "+15559876543"}]}
          """
          .formatted(id, name);
    }

    /** Campaigns of this client, as the API lists them and as the database holds them. */
    long campaigns() {
      Reply list = api.get(CAMPAIGNS + "?limit=100", "X-API-Key", key);
      assertThat(list.status()).as(list.body()).isEqualTo(200);
      long listed = list.json().get("total").asLong();
      long stored =
          Database.number(server, "select count(*) from campaign where client_id = ?", id);
      assertThat(listed).isEqualTo(stored);
      return stored;
    }

    String newCampaign() {
      Reply created = create(campaignJson("Upload target"), null);
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      return created.json().get("campaign_id").asText();
    }
  }

  @BeforeAll
  static void start() {
    server = TestServer.shared();
    api = server.api();
  }

  private static String newKey() {
    return UUID.randomUUID().toString();
  }

  private static long jobs(String campaign) {
    return Database.number(server, "select count(*) from job where campaign_id = ?", campaign);
  }

  private static long contacts(String campaign) {
    return Database.number(server, "select count(*) from contact where campaign_id = ?", campaign);
  }

  @Test
  void theSameKeyAndBodyAnswerTheFirstCampaignAgainWithoutASecond() {
    Client client = Client.fresh();
    String key = newKey();
    String body = client.campaignJson("Q1 outreach");

    Reply first = client.create(body, key);
    Reply again = client.create(body, key);

    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(first.header("Idempotent-Replayed")).isEmpty();
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.header("Idempotent-Replayed")).contains("true");
    assertThat(again.header("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(again.header("X-RateLimit-Remaining")).isPresent();
    assertThat(client.campaigns()).isOne();
  }

  @Test
  void theSameKeyWithAnotherBodyIs422AndCreatesNothing() {
    Client client = Client.fresh();
    String key = newKey();
    assertThat(client.create(client.campaignJson("First"), key).status()).isEqualTo(201);

    Reply other = client.create(client.campaignJson("Second"), key);

    assertError(other, 422);
    assertThat(other.json().get("detail").asText())
        .contains("Idempotency-Key")
        .contains("different request");
    assertThat(client.campaigns()).isOne();
  }

  @Test
  void withoutTheHeaderEveryRequestCreatesAsBefore() {
    Client client = Client.fresh();
    String body = client.campaignJson("No key");

    assertThat(client.create(body, null).status()).isEqualTo(201);
    assertThat(client.create(body, null).status()).isEqualTo(201);

    assertThat(client.campaigns()).isEqualTo(2);
  }

  @Test
  void aKeyThatIsNotPrintableAsciiOfAtMost255CharactersIs400NamingTheHeader() {
    Client client = Client.fresh();
    for (String bad : List.of("k".repeat(256), "")) {
      Reply refused = client.create(client.campaignJson("Bad key"), bad);
      assertError(refused, 400);
      assertThat(refused.json().get("detail").asText()).contains("Idempotency-Key");
    }
    assertThat(client.campaigns()).isZero();
  }

  @Test
  void concurrentDuplicatesCreateExactlyOneCampaign() throws Exception {
    Client client = Client.fresh();
    String key = newKey();
    String body = client.campaignJson("Twenty at once");
    int requests = 20;
    ExecutorService pool = Executors.newFixedThreadPool(requests);
    try {
      CountDownLatch ready = new CountDownLatch(requests);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Reply>> sent = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        sent.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return client.create(body, key);
                }));
      }
      assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
      go.countDown();
      List<Reply> replies = new ArrayList<>();
      for (Future<Reply> reply : sent) {
        replies.add(reply.get(60, TimeUnit.SECONDS));
      }

      List<Reply> created = replies.stream().filter(r -> r.status() == 201).toList();
      List<Reply> running = replies.stream().filter(r -> r.status() == 409).toList();
      assertThat(created.size() + running.size())
          .as("every answer is 201 or 409")
          .isEqualTo(requests);
      assertThat(created).isNotEmpty();
      assertThat(created).extracting(Reply::body).containsOnly(created.get(0).body());
      assertThat(created)
          .filteredOn(r -> r.header("Idempotent-Replayed").isEmpty())
          .as("exactly one request ran")
          .hasSize(1);
      for (Reply conflict : running) {
        assertError(conflict, 409);
        assertThat(conflict.json().get("detail").asText()).isEqualTo(STILL_RUNNING);
        assertThat(conflict.header("Retry-After")).isPresent();
      }
      assertThat(client.campaigns()).isOne();
    } finally {
      pool.shutdownNow();
    }
    // once the first has answered, a retry gets its campaign
    Reply retry = client.create(body, key);
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.header("Idempotent-Replayed")).contains("true");
  }

  @Test
  void aRepeatedJsonUploadMakesOneJobAndAnswersTheFirstResultAgain() {
    Client client = Client.fresh();
    String campaign = client.newCampaign();
    String path = CAMPAIGNS + "/" + campaign + "/contacts/json";
    // over 256 KB, so that the server holds the body in a file while it checks the key
    int rows = 2500;
    StringBuilder contacts = new StringBuilder("[");
    for (int i = 0; i < rows; i++) {
      contacts
          .append(i == 0 ? "" : ",")
          .append("{\"phone\": \"+1555")
          .append(String.format("%07d", 1_000_000 + i))
          .append("\", \"note\": \"")
          .append("n".repeat(100))
          .append("\"}");
    }
    String body = contacts.append("]").toString();
    assertThat(body.length()).isGreaterThan(256 * 1024);
    String key = newKey();

    Reply first = api.post(path, body, "X-API-Key", client.key(), "Idempotency-Key", key);
    Reply again = api.post(path, body, "X-API-Key", client.key(), "Idempotency-Key", key);

    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.json().get("uploaded").asInt()).isEqualTo(rows);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.header("Idempotent-Replayed")).contains("true");
    assertThat(jobs(campaign)).isOne();
    assertThat(contacts(campaign)).isEqualTo(rows + 1);
  }

  @Test
  void aRepeatedFileUploadUnderANewBoundaryMakesOneJobAndAnswersTheFirstAgain() {
    Client client = Client.fresh();
    String campaign = client.newCampaign();
    String path = CAMPAIGNS + "/" + campaign + "/contacts";
    byte[] csv =
        "phone,first_name\n+15559876601,Ann\n+15559876602,Bob\n+15559876603,Cy\n"
            .getBytes(StandardCharsets.UTF_8);
    String key = newKey();

    // Api.upload draws a new multipart boundary for every request, as curl and browsers do
    Reply first =
        api.upload(
            path, "file", "contacts.csv", csv, "X-API-Key", client.key(), "Idempotency-Key", key);
    Reply again =
        api.upload(
            path, "file", "contacts.csv", csv, "X-API-Key", client.key(), "Idempotency-Key", key);

    assertThat(first.status()).as(first.body()).isIn(200, 202);
    assertThat(first.json().get("job_id").asText()).startsWith("job_");
    assertThat(again.status()).isEqualTo(first.status());
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.header("Idempotent-Replayed")).contains("true");
    assertThat(jobs(campaign)).isOne();

    // another file under the same key is another request
    byte[] other = "phone\n+15559876609\n".getBytes(StandardCharsets.UTF_8);
    Reply refused =
        api.upload(
            path, "file", "contacts.csv", other, "X-API-Key", client.key(), "Idempotency-Key", key);
    assertError(refused, 422);
    assertThat(jobs(campaign)).isOne();
  }

  @Test
  void theSameKeyOfTwoClientsMakesTwoCampaigns() {
    Client one = Client.fresh();
    Client two = Client.fresh();
    String key = newKey();

    Reply first = one.create(one.campaignJson("Shared key"), key);
    Reply second = two.create(two.campaignJson("Shared key"), key);

    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(201);
    assertThat(second.header("Idempotent-Replayed")).isEmpty();
    assertThat(second.json().get("campaign_id").asText())
        .isNotEqualTo(first.json().get("campaign_id").asText());
    assertThat(one.campaigns()).isOne();
    assertThat(two.campaigns()).isOne();
  }

  @Test
  void aClientErrorIsStoredAndReplayedAsFirstAnswered() {
    Client client = Client.fresh();
    String key = newKey();
    String invalid =
        """
        {"client_id": "%s", "system_prompt": "p", "caller_id": "+15551234567",
         "contacts": [{"phone": "+15559876543"}]}
        """
            .formatted(client.id());

    Reply first = client.create(invalid, key);
    Reply again = client.create(invalid, key);

    assertError(first, 400);
    assertThat(first.json().get("detail").asText()).contains("name");
    assertError(again, 400);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.header("Idempotent-Replayed")).contains("true");
    // the corrected body is another request: it needs a new key
    assertError(client.create(client.campaignJson("Fixed"), key), 422);
    assertThat(client.create(client.campaignJson("Fixed"), newKey()).status()).isEqualTo(201);
    assertThat(client.campaigns()).isOne();
  }

  @Test
  void theOpenApiDocumentDeclaresTheHeaderOnTheCreateOperations() {
    JsonNode paths = api.get("/openapi", "Accept", "application/json").json().get("paths");
    for (String path :
        List.of(
            CAMPAIGNS,
            CAMPAIGNS + "/{campaign_id}/contacts",
            CAMPAIGNS + "/{campaign_id}/contacts/json")) {
      JsonNode post = paths.get(path).get("post");
      List<String> headers = new ArrayList<>();
      post.get("parameters")
          .forEach(
              p -> {
                if (p.get("in").asText().equals("header")) {
                  headers.add(p.get("name").asText());
                }
              });
      assertThat(headers).as(path).contains("Idempotency-Key");
      assertThat(post.get("responses").has("409")).as(path).isTrue();
      assertThat(post.get("responses").has("422")).as(path).isTrue();
    }
    assertThat(
            paths.get(CAMPAIGNS).get("get").has("parameters")
                && paths
                    .get(CAMPAIGNS)
                    .get("get")
                    .get("parameters")
                    .toString()
                    .contains("Idempotency-Key"))
        .isFalse();
  }
}
