package it.outdial.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.outdial.support.Api;
import it.outdial.support.Api.Reply;
import it.outdial.support.Clients;
import it.outdial.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Transfer targets through the HTTP API on the shared server: humans and queues, statuses set by
 * the integrator, who is free per queue, refusals that name the field, duplicates, and each client
 * seeing only its own.
 */
class TransferTargetsIT {
  private static TestServer server;
  private static Api api;

  @BeforeAll
  static void start() {
    server = TestServer.shared();
    api = server.api();
  }

  /** A key of a new client. */
  private static String newClient(String prefix) {
    return Clients.newKey(server, Clients.newClientId(prefix), "[\"campaigns\"]");
  }

  private static Reply create(String key, String body) {
    return api.post("/api/v1/transfer-targets", body, "X-API-Key", key);
  }

  private static String queue(String key, String name) {
    Reply r = create(key, "{\"type\": \"queue\", \"name\": \"%s\"}".formatted(name));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("target_id").asText();
  }

  private static String human(String key, String name, String status, String... queues) {
    List<String> ids = new ArrayList<>();
    for (String q : queues) {
      ids.add('"' + q + '"');
    }
    Reply r =
        create(
            key,
            """
            {"type": "human", "name": "%s", "address": "sip:%s@pbx.example.com",
             "status": "%s", "queue_ids": [%s]}
            """
                .formatted(name, name.toLowerCase(), status, String.join(", ", ids)));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("target_id").asText();
  }

  private static Reply status(String key, String method, String target, String status) {
    return api.send(
        method,
        "/api/v1/transfer-targets/" + target + "/status",
        "{\"status\": \"%s\"}".formatted(status),
        "application/json",
        "X-API-Key",
        key);
  }

  private static Reply availability(String key, String query) {
    return api.get("/api/v1/calls/agent-availability" + query, "X-API-Key", key);
  }

  @Test
  void humansAndQueuesAreCreatedReadListedReplacedAndDeleted() {
    String key = newClient("targets");
    String sales = queue(key, "Sales");
    Reply made =
        create(
            key,
            """
            {"type": "human", "name": "Dana", "address": "+12125550199", "queue_ids": ["%s"]}
            """
                .formatted(sales));

    assertThat(made.status()).as(made.body()).isEqualTo(201);
    JsonNode dana = made.json();
    String id = dana.get("target_id").asText();
    assertThat(id).startsWith("target_");
    assertThat(made.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(id));
    assertThat(dana.get("type").asText()).isEqualTo("human");
    assertThat(dana.get("status").asText()).as("offline until told").isEqualTo("offline");
    assertThat(dana.get("queue_ids").get(0).asText()).isEqualTo(sales);
    Reply read = api.get("/api/v1/transfer-targets/" + id, "X-API-Key", key);
    assertThat(read.json()).isEqualTo(dana);
    Reply listed = api.get("/api/v1/transfer-targets?type=queue", "X-API-Key", key);
    assertThat(listed.json().get("total").asInt()).isEqualTo(1);
    assertThat(listed.json().get("targets").get(0).get("name").asText()).isEqualTo("Sales");

    Reply replaced =
        api.send(
            "PUT",
            "/api/v1/transfer-targets/" + id,
            """
            {"type": "human", "name": "Dana Smith", "address": "sips:dana@pbx.example.com"}
            """,
            "application/json",
            "X-API-Key",
            key);
    assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
    assertThat(replaced.json().get("name").asText()).isEqualTo("Dana Smith");
    assertThat(replaced.json().get("address").asText()).isEqualTo("sips:dana@pbx.example.com");
    assertThat(replaced.json().get("queue_ids")).isEmpty();
    assertThat(replaced.json().get("status").asText()).isEqualTo("offline");

    Reply deleted = api.delete("/api/v1/transfer-targets/" + id, null, "X-API-Key", key);
    assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
    assertThat(deleted.json().get("deleted").asBoolean()).isTrue();
    assertThat(api.get("/api/v1/transfer-targets/" + id, "X-API-Key", key).status()).isEqualTo(404);
  }

  @Test
  void theIntegratorsStatusesDecideWhoIsFreePerQueue() {
    String key = newClient("availability");
    String sales = queue(key, "Sales");
    String support = queue(key, "Support");
    String ann = human(key, "Ann", "available", sales, support);
    String bob = human(key, "Bob", "available", sales);
    human(key, "Cy", "offline", sales);

    Reply busy = status(key, "PATCH", bob, "busy");
    assertThat(busy.status()).as(busy.body()).isEqualTo(200);
    assertThat(busy.json().get("status").asText()).isEqualTo("busy");
    assertThat(status(key, "PUT", ann, "available").status()).isEqualTo(200);

    Reply all = availability(key, "");
    assertThat(all.status()).as(all.body()).isEqualTo(200);
    JsonNode salesNow = all.json().get("queues").get(0);
    assertThat(salesNow.get("queue_id").asText()).isEqualTo(sales);
    assertThat(salesNow.get("available").asInt()).isEqualTo(1);
    assertThat(salesNow.get("busy").asInt()).isEqualTo(1);
    assertThat(salesNow.get("offline").asInt()).isEqualTo(1);
    assertThat(salesNow.get("total").asInt()).isEqualTo(3);
    assertThat(salesNow.get("available_agents")).hasSize(1);
    assertThat(salesNow.get("available_agents").get(0).get("target_id").asText()).isEqualTo(ann);
    assertThat(salesNow.get("available_agents").get(0).get("address").asText())
        .isEqualTo("sip:ann@pbx.example.com");
    assertThat(all.json().get("available").asInt()).isEqualTo(1);
    assertThat(all.json().get("busy").asInt()).isEqualTo(1);

    assertThat(status(key, "PATCH", ann, "busy").status()).isEqualTo(200);
    Reply supportNow = availability(key, "?queue=support");
    assertThat(supportNow.status()).as(supportNow.body()).isEqualTo(200);
    assertThat(supportNow.json().get("queues")).hasSize(1);
    assertThat(supportNow.json().get("queues").get(0).get("queue_id").asText()).isEqualTo(support);
    assertThat(supportNow.json().get("queues").get(0).get("available").asInt()).isZero();
    assertThat(supportNow.json().get("queues").get(0).get("available_agents")).isEmpty();
    assertThat(availability(key, "?queue=" + sales).json().get("queues").get(0).get("busy").asInt())
        .isEqualTo(2);

    Reply none = availability(key, "?queue=Nobody");
    assertThat(none.status()).isEqualTo(404);
    assertThat(none.json().get("detail").asText()).isEqualTo("Queue not found");
  }

  @Test
  void badFieldsAreRefusedNamingTheField() {
    String key = newClient("targets-bad");
    String sales = queue(key, "Sales");
    String ann = human(key, "Ann", "available");

    assertRefused(create(key, "{\"name\": \"x\"}"), 400, "type");
    assertRefused(create(key, "{\"type\": \"robot\", \"name\": \"x\"}"), 400, "type");
    assertRefused(create(key, "{\"type\": \"human\", \"name\": \"x\"}"), 400, "address");
    assertRefused(
        create(key, "{\"type\": \"human\", \"name\": \"x\", \"address\": \"555-0101\"}"),
        400,
        "address");
    assertRefused(
        create(
            key,
            "{\"type\": \"human\", \"name\": \"x\", \"address\": \"+12125550101\","
                + " \"status\": \"away\"}"),
        400,
        "status");
    assertRefused(
        create(
            key,
            "{\"type\": \"human\", \"name\": \"x\", \"address\": \"+12125550101\","
                + " \"queue_ids\": [\"%s\"]}".formatted(ann)),
        400,
        "queue_ids");
    assertRefused(
        create(key, "{\"type\": \"queue\", \"name\": \"Q\", \"status\": \"busy\"}"), 400, "status");
    assertRefused(create(key, "{\"type\": \"queue\", \"name\": \" \"}"), 400, "name");
    assertRefused(status(key, "PATCH", sales, "busy"), 400, "status");
    assertRefused(status(key, "PATCH", ann, "sleeping"), 400, "status");
    assertRefused(
        api.send(
            "PUT",
            "/api/v1/transfer-targets/" + ann,
            "{\"type\": \"queue\", \"name\": \"Ann\"}",
            "application/json",
            "X-API-Key",
            key),
        400,
        "type");
    assertRefused(api.get("/api/v1/transfer-targets?type=robot", "X-API-Key", key), 400, "type");
    assertThat(api.get("/api/v1/transfer-targets", "X-API-Key", key).json().get("total").asInt())
        .as("nothing refused was stored")
        .isEqualTo(2);
  }

  @Test
  void duplicatesAreConflictsThatSayWhichTargetIsInTheWay() {
    String key = newClient("targets-dup");
    String sales = queue(key, "Sales");
    String ann = human(key, "Ann", "available");

    Reply sameName = create(key, "{\"type\": \"queue\", \"name\": \"SALES\"}");
    Reply sameAddress =
        create(
            key,
            "{\"type\": \"human\", \"name\": \"Other\", \"address\": \"sip:ann@pbx.example.com\"}");

    assertThat(sameName.status()).as(sameName.body()).isEqualTo(409);
    assertThat(sameName.json().get("detail").asText()).contains("name").contains(sales);
    assertThat(sameAddress.status()).as(sameAddress.body()).isEqualTo(409);
    assertThat(sameAddress.json().get("detail").asText()).contains("address").contains(ann);
  }

  @Test
  void anotherClientsKeyFindsNothingOfTheirs() {
    String key = newClient("targets-own");
    String other = newClient("targets-other");
    String sales = queue(key, "Sales");
    String ann = human(key, "Ann", "available", sales);

    assertThat(api.get("/api/v1/transfer-targets/" + ann, "X-API-Key", other).status())
        .isEqualTo(404);
    assertThat(status(other, "PATCH", ann, "busy").status()).isEqualTo(404);
    assertThat(api.delete("/api/v1/transfer-targets/" + sales, null, "X-API-Key", other).status())
        .isEqualTo(404);
    assertThat(api.get("/api/v1/transfer-targets", "X-API-Key", other).json().get("total").asInt())
        .isZero();
    assertThat(availability(other, "?queue=Sales").status()).isEqualTo(404);
    assertThat(availability(other, "").json().get("queues")).isEmpty();
    // their queue is no queue of another client's human
    Reply borrowed =
        create(
            other,
            "{\"type\": \"human\", \"name\": \"Eve\", \"address\": \"+12125550102\","
                + " \"queue_ids\": [\"%s\"]}".formatted(sales));
    assertRefused(borrowed, 400, "queue_ids");
    // and the same address is free for another client
    assertThat(
            create(
                    other,
                    "{\"type\": \"human\", \"name\": \"Ann\","
                        + " \"address\": \"sip:ann@pbx.example.com\"}")
                .status())
        .isEqualTo(201);
    assertThat(
            api.get("/api/v1/transfer-targets/" + ann, "X-API-Key", key)
                .json()
                .get("status")
                .asText())
        .isEqualTo("available");
  }

  @Test
  void theThirtyFirstAvailabilityCheckOfAKeyWithinAMinuteIsRefusedWith429() {
    String key = newClient("availability-rate");
    for (int i = 1; i <= 30; i++) {
      Reply allowed = availability(key, "");
      assertThat(allowed.status()).as("check %d: %s", i, allowed.body()).isEqualTo(200);
      assertThat(allowed.header("RateLimit-Policy")).contains("30;w=60");
    }
    Reply refused = availability(key, "");

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.json().get("detail").asText()).contains("Rate limit exceeded");
    assertThat(api.get("/api/v1/transfer-targets", "X-API-Key", key).status())
        .as("other policies of the key are untouched")
        .isEqualTo(200);
  }

  private static void assertRefused(Reply reply, int status, String field) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.json().get("detail").asText()).contains(field);
  }
}
