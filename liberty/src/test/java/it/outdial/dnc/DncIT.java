package it.outdial.dnc;

import static it.outdial.support.ErrorAssertions.assertError;
import static it.outdial.support.ErrorAssertions.assertFileRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import it.outdial.support.Api;
import it.outdial.support.Api.Reply;
import it.outdial.support.Clients;
import it.outdial.support.Contacts;
import it.outdial.support.Database;
import it.outdial.support.Jobs;
import it.outdial.support.ServerGroup;
import it.outdial.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client's do-not-call list through the HTTP API, as an integrator uses it: numbers added one by
 * one and by file, checked, listed and removed; every refusal a {@code {"detail": ...}} naming the
 * field; another client's key sees none of it. The server dials through the simulator, so that the
 * list is seen to stop (and, once a number is removed, to allow) the next dial. Numbers 555-011X
 * are answered "interested", 555-0150 "stop calling me" (see the simulator's test numbers).
 */
@ServerGroup(ServerGroup.DIALING)
class DncIT {
  private static TestServer server;
  private static Api api;

  @BeforeAll
  static void start() {
    server = TestServer.dialing();
    api = server.api();
  }

  /** A fresh client with a campaigns key: its own list, empty. */
  private record Tenant(String client, String key) {
    static Tenant fresh(String prefix) {
      String id = Clients.newClientId(prefix);
      return new Tenant(id, Clients.newKey(server, id, "[\"campaigns\", \"audit\"]"));
    }

    String dnc() {
      return "/api/v1/clients/" + client + "/dnc";
    }

    Reply add(String json) {
      return api.post(dnc(), json, "X-API-Key", key);
    }

    Reply check(String phone) {
      return api.get(dnc() + "/" + phone, "X-API-Key", key);
    }

    Reply remove(String phone) {
      return api.delete(dnc() + "/" + phone, null, "X-API-Key", key);
    }

    Reply list(String query) {
      return api.get(dnc() + query, "X-API-Key", key);
    }

    Reply upload(String fileName, String csv) {
      return api.upload(
          dnc() + "/upload",
          "file",
          fileName,
          csv.getBytes(StandardCharsets.UTF_8),
          "X-API-Key",
          key);
    }
  }

  private static String detail(Reply reply, int status) {
    assertError(reply, status);
    return reply.json().get("detail").asText();
  }

  private static List<String> numbers(JsonNode list) {
    List<String> phones = new ArrayList<>();
    list.get("entries").forEach(e -> phones.add(e.get("phone_number").asText()));
    return phones;
  }

  @Test
  void aNumberIsAddedCheckedListedAndRemoved() {
    Tenant acme = Tenant.fresh("dnc-crud");
    Instant before = Instant.now().minusSeconds(2);

    Reply added =
        acme.add("{\"phone_number\": \"(212) 555-0101\", \"reason\": \" asked by email \"}");
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    JsonNode entry = added.json();
    assertThat(entry.get("phone_number").asText())
        .as("normalised to E.164")
        .isEqualTo("+12125550101");
    assertThat(entry.get("source").asText()).isEqualTo("api");
    assertThat(entry.get("reason").asText()).isEqualTo("asked by email");
    assertThat(entry.get("call_id").isNull()).isTrue();
    Instant addedAt = Instant.parse(entry.get("added_at").asText());
    assertThat(addedAt).isBetween(before, Instant.now().plusSeconds(2));
    assertThat(added.header("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith(acme.dnc() + "/+12125550101"));

    // the same number again, however written: the entry that is there, not a second one
    Reply again = acme.add("{\"phone_number\": \"+1 212 555 0101\", \"reason\": \"again\"}");
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(again.json()).isEqualTo(entry);

    // checked as written in the path: +, %2B, or national digits
    for (String written : List.of("+12125550101", "%2B12125550101", "2125550101")) {
      Reply check = acme.check(written);
      assertThat(check.status()).as(written + ": " + check.body()).isEqualTo(200);
      assertThat(check.json()).isEqualTo(entry);
    }
    assertThat(detail(acme.check("+12125550102"), 404)).contains("not on the do-not-call list");

    assertThat(acme.add("{\"phone_number\": \"+12125550102\"}").status()).isEqualTo(201);
    assertThat(acme.add("{\"phone_number\": \"+12125550103\"}").status()).isEqualTo(201);
    JsonNode list = acme.list("").json();
    assertThat(list.get("total").asLong()).isEqualTo(3);
    assertThat(list.get("limit").asInt()).isEqualTo(50);
    assertThat(list.get("offset").asInt()).isZero();
    assertThat(numbers(list))
        .containsExactlyInAnyOrder("+12125550101", "+12125550102", "+12125550103");
    List<Instant> times = new ArrayList<>();
    list.get("entries").forEach(e -> times.add(Instant.parse(e.get("added_at").asText())));
    assertThat(times).as("newest first").isSortedAccordingTo((a, b) -> b.compareTo(a));
    JsonNode page = acme.list("?limit=2&offset=2").json();
    assertThat(page.get("total").asLong()).isEqualTo(3);
    assertThat(numbers(page)).containsExactly(numbers(list).get(2));

    Reply removed = acme.remove("+12125550101");
    assertThat(removed.status()).as(removed.body()).isEqualTo(204);
    assertThat(removed.body()).isEmpty();
    assertError(acme.check("+12125550101"), 404);
    assertThat(detail(acme.remove("+12125550101"), 404)).contains("not on the do-not-call list");
    assertThat(acme.list("").json().get("total").asLong()).isEqualTo(2);
  }

  @Test
  void refusalsNameTheField() {
    Tenant acme = Tenant.fresh("dnc-invalid");

    assertThat(detail(acme.add("{}"), 400)).isEqualTo("phone_number is required");
    assertThat(detail(acme.add("{\"phone_number\": \"\"}"), 400))
        .isEqualTo("phone_number is required");
    assertThat(detail(acme.add("{\"phone_number\": \"call me maybe\"}"), 400))
        .isEqualTo("phone_number is not a number");
    assertThat(detail(acme.add("{\"phone_number\": \"+1212\"}"), 400)).startsWith("phone_number ");
    assertThat(detail(acme.add("{\"phone_number\": {\"number\": \"+12125550101\"}}"), 400))
        .isEqualTo("phone_number has the wrong type");
    assertThat(
            detail(
                acme.add(
                    "{\"phone_number\": \"+12125550104\", \"reason\": \""
                        + "x".repeat(201)
                        + "\"}"),
                400))
        .isEqualTo("reason must be at most 200 characters");
    assertThat(detail(acme.add("not json"), 400)).startsWith("Request body is not valid JSON");
    assertThat(detail(acme.check("not-a-number"), 400)).startsWith("phone_number ");
    assertThat(detail(acme.remove("12"), 400)).startsWith("phone_number ");
    assertThat(detail(acme.list("?limit=0"), 400)).startsWith("limit must be an integer");
    assertThat(detail(acme.list("?limit=201"), 400)).startsWith("limit must be an integer");
    assertThat(detail(acme.list("?offset=-1"), 400)).startsWith("offset must be an integer");
    Reply noFile =
        api.sendBytes(
            "POST",
            acme.dnc() + "/upload",
            "--b\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--b--\r\n"
                .getBytes(StandardCharsets.UTF_8),
            "multipart/form-data; boundary=b",
            "X-API-Key",
            acme.key());
    assertThat(detail(noFile, 400)).contains("'file'");

    // nothing of it was stored
    assertThat(acme.list("").json().get("total").asLong()).isZero();
  }

  @Test
  void anUploadIsAJobThatCountsAddedListedAndInvalidRowsWithTheirNumbers() {
    Tenant acme = Tenant.fresh("dnc-upload");
    assertThat(acme.add("{\"phone_number\": \"+12125550122\"}").status()).isEqualTo(201);

    Reply accepted =
        acme.upload(
            "numbers.csv",
            """
            Phone_Number,Reason,ignored
            +12125550120,complaint,x
            (212) 555-0121,,
            not a phone,,
            +1 212 555 0120,twice in the file,
            ,,
            +12125550122,listed through the API,
            """);
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    String job = accepted.json().get("job_id").asText();
    assertThat(accepted.header("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/jobs/" + job));

    JsonNode done = Jobs.awaitEnd(api, acme.key(), job);
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
    assertThat(done.get("type").asText()).isEqualTo("dnc_upload");
    assertThat(done.get("campaign_id").isNull()).isTrue();
    JsonNode result = done.get("result");
    assertThat(result.get("added").asLong()).as(done.toString()).isEqualTo(2);
    assertThat(result.get("already_listed").asLong()).isEqualTo(2);
    assertThat(result.get("invalid").asLong()).isEqualTo(2);
    assertThat(result.get("errors").asLong()).isEqualTo(2);
    assertThat(result.get("row_errors").get(0).get("row").asLong()).isEqualTo(3);
    assertThat(result.get("row_errors").get(0).get("detail").asText())
        .isEqualTo("phone_number is not a number");
    assertThat(result.get("row_errors").get(1).get("row").asLong()).isEqualTo(5);
    assertThat(result.get("row_errors").get(1).get("detail").asText())
        .isEqualTo("phone_number is required");

    JsonNode complaint = acme.check("+12125550120").json();
    assertThat(complaint.get("source").asText()).isEqualTo("upload");
    assertThat(complaint.get("reason").asText()).isEqualTo("complaint");
    assertThat(acme.check("+12125550121").json().get("source").asText()).isEqualTo("upload");
    JsonNode kept = acme.check("+12125550122").json();
    assertThat(kept.get("source").asText()).as("the first entry stays").isEqualTo("api");
    assertThat(kept.get("reason").isNull()).isTrue();
    assertThat(acme.list("").json().get("total").asLong()).isEqualTo(3);

    // the contact files' column name works too; a file without either is refused naming it
    Reply phones = acme.upload("phones.csv", "phone\n+12125550123\n");
    assertThat(phones.status()).as(phones.body()).isEqualTo(202);
    JsonNode second = Jobs.awaitEnd(api, acme.key(), phones.json().get("job_id").asText());
    assertThat(second.at("/result/added").asLong()).as(second.toString()).isEqualTo(1);
    assertThat(acme.check("+12125550123").status()).isEqualTo(200);

    Reply noColumn = acme.upload("numbers.csv", "number\n+12125550124\n");
    assertThat(assertFileRefused(api, acme.key(), noColumn))
        .isEqualTo("The CSV header has no phone_number (or phone) column");
    assertError(acme.upload("numbers.xls", "\u0000\u0001binary"), 415);
    assertError(acme.check("+12125550124"), 404);
  }

  @Test
  void anotherClientsKeyNeitherSeesNorChangesTheList() {
    Tenant acme = Tenant.fresh("dnc-acme");
    Tenant other = Tenant.fresh("dnc-other");
    assertThat(acme.add("{\"phone_number\": \"+12125550130\"}").status()).isEqualTo(201);

    // the other client's key on acme's list: 404 Client not found, as /usage answers it
    String acmeList = acme.dnc();
    List<Reply> refused =
        List.of(
            api.get(acmeList, "X-API-Key", other.key()),
            api.get(acmeList + "/+12125550130", "X-API-Key", other.key()),
            api.post(acmeList, "{\"phone_number\": \"+12125550131\"}", "X-API-Key", other.key()),
            api.delete(acmeList + "/+12125550130", null, "X-API-Key", other.key()),
            api.upload(
                acmeList + "/upload",
                "file",
                "n.csv",
                "phone_number\n+12125550132\n".getBytes(StandardCharsets.UTF_8),
                "X-API-Key",
                other.key()),
            api.get("/api/v1/clients/" + acme.client() + "/usage", "X-API-Key", other.key()));
    for (Reply reply : refused) {
      assertThat(detail(reply, 404)).isEqualTo("Client not found");
    }
    // a malformed client id names no client either
    assertThat(detail(api.get("/api/v1/clients/no%20such/dnc", "X-API-Key", acme.key()), 404))
        .isEqualTo("Client not found");
    // a key of acme's own without the campaigns scope: 403, as on /usage
    String auditOnly = Clients.newKey(server, acme.client(), "[\"audit\"]");
    assertError(api.get(acmeList, "X-API-Key", auditOnly), 403);
    assertError(
        api.post(acmeList, "{\"phone_number\": \"+12125550133\"}", "X-API-Key", auditOnly), 403);
    assertError(
        api.get("/api/v1/clients/" + acme.client() + "/usage", "X-API-Key", auditOnly), 403);
    assertError(api.get(acmeList), 401);

    // acme's list is as it was; the other client's own list has none of it
    JsonNode list = acme.list("").json();
    assertThat(numbers(list)).containsExactly("+12125550130");
    assertError(other.check("+12125550130"), 404);
    assertThat(other.list("").json().get("total").asLong()).isZero();
    assertThat(
            Database.number(
                server,
                "select count(*) from do_not_call where phone in (?, ?)",
                "+12125550131",
                "+12125550132"))
        .isZero();

    // the same number on both lists is two entries, each removed on its own
    assertThat(other.add("{\"phone_number\": \"+12125550130\"}").status()).isEqualTo(201);
    assertThat(other.remove("+12125550130").status()).isEqualTo(204);
    assertThat(acme.check("+12125550130").status()).isEqualTo(200);
  }

  @Test
  void theListStopsTheNextDialAndARemovedNumberIsDialedAgain() {
    Tenant acme = Tenant.fresh("dnc-dial");
    Tenant other = Tenant.fresh("dnc-dial-other");
    assertThat(acme.add("{\"phone_number\": \"+12125550111\"}").status()).isEqualTo(201);
    assertThat(acme.add("{\"phone_number\": \"+12125550112\"}").status()).isEqualTo(201);
    assertThat(acme.remove("+12125550112").status()).isEqualTo(204);
    // on another client's list only: no concern of acme's campaigns
    assertThat(other.add("{\"phone_number\": \"+12125550113\"}").status()).isEqualTo(201);

    String campaign =
        create(
            acme,
            1,
            List.of(
                "+12125550111", "+12125550112", "+12125550113", "+12125550114", "+12125550150"));
    awaitCompleted(acme, campaign);

    List<JsonNode> calls = audit(acme, campaign);
    assertThat(calls)
        .extracting(c -> c.get("contact").get("phone").asText())
        .containsExactlyInAnyOrder("+12125550112", "+12125550113", "+12125550114", "+12125550150");
    assertThat(campaign(acme, campaign).get("do_not_call_skipped").asLong()).isEqualTo(1);

    // the callee who said "stop calling me" is on the list now, with the call
    String optOutCall =
        calls.stream()
            .filter(c -> c.get("contact").get("phone").asText().equals("+12125550150"))
            .findFirst()
            .orElseThrow()
            .get("call_id")
            .asText();
    JsonNode optOut = acme.check("+12125550150").json();
    assertThat(optOut.get("source").asText()).isEqualTo("opt_out");
    assertThat(optOut.get("call_id").asText()).isEqualTo(optOutCall);
  }

  @Test
  void aNumberAddedWhileItsContactWaitsIsNotDialed() {
    Tenant acme = Tenant.fresh("dnc-pending");
    List<String> phones = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      phones.add("+1212555011" + i);
    }
    String last = "+12135550111";
    phones.add(last);
    String campaign = create(acme, 1, phones);
    Reply paused = api.pauseOnceActive(campaign, acme.key());
    assertThat(paused.status()).as(paused.body()).isEqualTo(200);
    await("calls in flight end")
        .atMost(Duration.ofSeconds(30))
        .until(() -> Database.callsInFlight(server, campaign) == 0);
    assertThat(
            Database.number(
                server,
                "select count(*) from contact where campaign_id = ? and phone = ? and status = 'pending'",
                campaign,
                last))
        .as("the last contact still waits")
        .isEqualTo(1);

    assertThat(acme.add("{\"phone_number\": \"" + last + "\"}").status()).isEqualTo(201);
    Reply resumed =
        api.post("/api/v1/campaigns/" + campaign + "/resume", "", "X-API-Key", acme.key());
    assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
    awaitCompleted(acme, campaign);

    assertThat(audit(acme, campaign))
        .extracting(c -> c.get("contact").get("phone").asText())
        .hasSize(phones.size() - 1)
        .doesNotContain(last);
    assertThat(campaign(acme, campaign).get("do_not_call_skipped").asLong()).isEqualTo(1);
  }

  private static String create(Tenant tenant, int maxConcurrent, List<String> phones) {
    Reply reply =
        api.post(
            "/api/v1/campaigns",
            """
            {"client_id": "%s", "name": "Do-not-call test", "system_prompt": "You are a recruiter.",
             "caller_id": "+15551234567", "max_concurrent": %d, "contacts": %s}
            """
                .formatted(tenant.client(), maxConcurrent, Contacts.json(phones)),
            "X-API-Key",
            tenant.key());
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json().get("campaign_id").asText();
  }

  private static JsonNode campaign(Tenant tenant, String campaign) {
    Reply reply = api.get("/api/v1/campaigns/" + campaign, "X-API-Key", tenant.key());
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private static void awaitCompleted(Tenant tenant, String campaign) {
    await("campaign " + campaign + " completed")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> campaign(tenant, campaign).get("status").asText().equals("completed"));
  }

  private static List<JsonNode> audit(Tenant tenant, String campaign) {
    Reply reply =
        api.get("/api/v1/audit?campaign_id=" + campaign + "&limit=200", "X-API-Key", tenant.key());
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<JsonNode> records = new ArrayList<>();
    reply.json().get("records").forEach(records::add);
    return records;
  }
}
