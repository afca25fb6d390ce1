package it.outdial.hostile;

import static it.outdial.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import it.outdial.support.Api;
import it.outdial.support.Api.Reply;
import it.outdial.support.Clients;
import it.outdial.support.Contacts;
import it.outdial.support.Database;
import it.outdial.support.ErrorAssertions;
import it.outdial.support.TestServer;
import it.outdial.support.Workbooks;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A client holding one valid {@code campaigns} key attacks the API with oversized, malformed and
 * deeply crafted requests while another client's campaign dials on the same server, whose heap is
 * kept small (384 MB) so that an unbounded read would show. Every probe must answer a 4xx with
 * {@code {"detail": ...}}; afterwards the server is ready, the other client's campaign went on
 * dialing during the attack and after it, no OutOfMemoryError was logged and no client error left
 * an incident (FFDC) file.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {
  private static final long MB = 1 << 20;

  private static TestServer server;
  private static Api api;
  private static String attacker;
  private static String attackerKey;
  private static String bystander;
  private static String bystanderKey;
  private static String target;
  private static String bystanding;
  private static Instant attackStarted;
  private static Set<String> incidentsBefore;

  @BeforeAll
  static void start() throws IOException {
    server = TestServer.isolatedWithAdminKey("outdial-hostile");
    TestServer.dialingSettings(server)
        .with("OUTDIAL_TELEPHONY_SIMULATOR_TIME_SCALE", "0.05")
        .with("JVM_ARGS", "-Xmx384m");
    server.start();
    api = server.api();
    attacker = Clients.newClientId("attacker");
    attackerKey = Clients.newKey(server, attacker, "[\"campaigns\", \"audit\"]");
    bystander = Clients.newClientId("bystander");
    bystanderKey = Clients.newKey(server, bystander, "[\"campaigns\", \"audit\"]");

    target = create(attacker, attackerKey, numbers(200, 200), 1);
    await("the attacker's campaign active")
        .atMost(Duration.ofSeconds(30))
        .until(() -> status(target, attackerKey).equals("active"));
    assertThat(
            api.post("/api/v1/campaigns/" + target + "/pause", "", "X-API-Key", attackerKey)
                .status())
        .isEqualTo(200); // paused: it takes uploads and dials nothing

    // enough contacts to outlast the attack at 3 calls at a time (60 ran out before it ended
    // once, and the check that it still dials afterwards found nothing to dial)
    bystanding = create(bystander, bystanderKey, numbers(201, 1_000), 3);
    await("the other client's campaign dialing")
        .atMost(Duration.ofSeconds(30))
        .until(() -> Database.callsInFlight(server, bystanding) > 0);
    incidentsBefore = incidents();
    attackStarted = Instant.now();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Order(1)
  void bodiesOverTheLimitAreRefusedWhetherDeclaredOrChunked() {
    String create = "{\"client_id\": \"" + attacker + "\", \"name\": \"x\", \"contacts\": ";
    Reply chunked =
        api.stream(
            "/api/v1/campaigns",
            () -> jsonArray(create, 64 * MB),
            -1,
            "application/json",
            "X-API-Key",
            attackerKey);
    assertError(chunked, 413);
    assertThat(chunked.json().get("detail").asText()).contains("larger than 10 MB");

    Reply declared =
        api.stream(
            "/api/v1/campaigns",
            () -> jsonArray(create, 64 * MB),
            64 * MB + create.length() + 26,
            "application/json",
            "X-API-Key",
            attackerKey);
    assertError(declared, 413);

    Reply uploadJson =
        api.stream(
            "/api/v1/campaigns/" + target + "/contacts/json",
            () -> jsonArray("", 120 * MB),
            -1,
            "application/json",
            "X-API-Key",
            attackerKey);
    assertError(uploadJson, 413);
    assertThat(uploadJson.json().get("detail").asText()).contains("larger than 50 MB");

    // a well-formed form whose file is larger than the limit, sent without a length
    assertError(multipart(true), 413);
    // the same without its closing boundary: malformed, refused as such
    assertThat(multipart(false).status()).isIn(400, 413);
    assertThat(totalContacts(target)).isEqualTo(200);
  }

  @Test
  @Order(2)
  void jsonOutsideTheLimitsIsRefusedWhileItIsParsed() {
    Reply longText =
        createBody(
            "{\"client_id\": \"%s\", \"name\": \"x\", \"system_prompt\": \"%s\"}"
                .formatted(attacker, "a".repeat((int) (2 * MB))));
    assertError(longText, 400);
    assertThat(longText.json().get("detail").asText()).contains("a text is longer than");

    Reply deep =
        createBody(
            "{\"client_id\": \"%s\", \"contacts\": [{\"phone\": \"+15551230001\", \"x\": %s}]}"
                .formatted(attacker, "[".repeat(100_000) + "]".repeat(100_000)));
    assertError(deep, 400);
    assertThat(deep.json().get("detail").asText()).contains("nest deeper than");

    Reply manyInline =
        createBody(
            """
            {"client_id": "%s", "name": "x", "system_prompt": "p", "caller_id": "+15551234567",
             "contacts": %s}
            """
                .formatted(attacker, Contacts.json(numbers(300, 10_001))));
    assertError(manyInline, 400);
    assertThat(manyInline.json().get("detail").asText()).startsWith("At most 10000 contacts");

    Reply tooManyRows =
        api.post(
            "/api/v1/campaigns/" + target + "/contacts/json",
            Contacts.json(numbers(300, 100_001)),
            "X-API-Key",
            attackerKey);
    assertError(tooManyRows, 400);
    assertThat(tooManyRows.json().get("detail").asText()).startsWith("At most 100000 contacts");
    assertThat(totalContacts(target)).isEqualTo(200);
  }

  @Test
  @Order(3)
  void spreadsheetsThatWouldFillTheHeapAreRefused() throws IOException {
    String base64 = randomText(40 * MB);
    byte[] hugeCell =
        Workbooks.withSheet(
            Workbooks.workbook(new String[] {"phone"}),
            sheet(
                cell("A1", "phone")
                    + cell("B1", "notes")
                    + "</row><row r=\"2\">"
                    + cell("A2", "+15551230001")
                    + cell("B2", base64)));
    assertThat(hugeCell.length).isLessThan((int) (50 * MB));
    assertThat(refused(upload("cell.xlsx", hugeCell))).contains("Cell B2");

    byte[] farColumn =
        Workbooks.withSheet(
            Workbooks.workbook(new String[] {"phone"}),
            sheet(cell("A1", "phone") + cell("EEEEEE1", "notes")));
    assertThat(refused(upload("column.xlsx", farColumn))).contains("EEEEEE1");

    StringBuilder quoted = new StringBuilder("phone,notes\n+15551230001,\"");
    for (int i = 0; i < 2_100; i++) {
      quoted.append("x".repeat(1_000)).append('\n');
    }
    quoted.append("\"\n");
    assertThat(refused(upload("quoted.csv", quoted.toString().getBytes(StandardCharsets.UTF_8))))
        .contains("record starting at line 2");

    String wide =
        "phone,"
            + IntStream.range(0, 10_000).mapToObj(i -> "c" + i).collect(Collectors.joining(","))
            + "\n+15551230001\n";
    assertThat(refused(upload("wide.csv", wide.getBytes(StandardCharsets.UTF_8))))
        .contains("columns");
    assertThat(totalContacts(target)).isEqualTo(200);
  }

  @Test
  @Order(4)
  void aFloodOfMadeUpKeysIsRefusedAndAKeyIssuedMeanwhileWorksAtOnce() throws Exception {
    ExecutorService flood = Executors.newFixedThreadPool(48);
    try {
      List<CompletableFuture<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 480; i++) {
        String madeUp = "jt_ak_" + Base64.getUrlEncoder().encodeToString(new byte[32]) + i;
        answers.add(
            CompletableFuture.supplyAsync(
                () -> api.get("/api/v1/jobs/job_x", "X-API-Key", madeUp).status(), flood));
      }
      String issued = Clients.newKey(server, attacker, "[\"campaigns\"]");
      Reply first = api.get("/api/v1/campaigns", "X-API-Key", issued);
      assertThat(first.status()).as(first.body()).isEqualTo(200);
      for (CompletableFuture<Integer> answer : answers) {
        assertThat(answer.get()).isEqualTo(401);
      }
    } finally {
      flood.shutdownNow();
    }
  }

  @Test
  @Order(5)
  void conflictsAreOrdinaryAnswers() {
    String done = create(attacker, attackerKey, numbers(400, 2), 2);
    await("a small campaign completed")
        .atMost(Duration.ofSeconds(60))
        .until(() -> status(done, attackerKey).equals("completed"));
    for (int i = 0; i < 5; i++) {
      assertError(
          api.post("/api/v1/campaigns/" + done + "/resume", "", "X-API-Key", attackerKey), 409);
    }
    assertError(
        api.post(
            "/api/v1/campaigns/" + done + "/contacts/json",
            Contacts.json(numbers(401, 1)),
            "X-API-Key",
            attackerKey),
        409);
  }

  @Test
  @Order(100)
  void theOtherClientWasServedThroughoutAndNothingWasLogged() throws IOException {
    assertThat(api.get("/health/ready").status()).isEqualTo(200);
    Instant attackEnded = Instant.now();
    assertThat(
            Database.number(
                server,
                "select count(*) from call where campaign_id = ? and started_at > ?"
                    + " and started_at < ?",
                bystanding,
                java.sql.Timestamp.from(attackStarted),
                java.sql.Timestamp.from(attackEnded)))
        .as("calls the other client's campaign placed during the attack")
        .isPositive();
    await("the other client's campaign still dialing after the attack")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Database.number(
                        server,
                        "select count(*) from call where campaign_id = ? and started_at > ?",
                        bystanding,
                        java.sql.Timestamp.from(attackEnded))
                    > 0);
    Path log = server.liberty().logDirectory().resolve("messages.log");
    assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
    Set<String> newIncidents = incidents();
    newIncidents.removeAll(incidentsBefore);
    assertThat(newIncidents).as("incident files written during the attack").isEmpty();
  }

  /** A chunked form with a file of 120 MB of phone numbers, closed or not by its boundary. */
  private static Reply multipart(boolean closed) {
    String boundary = "hostile-boundary";
    return api.stream(
        "/api/v1/campaigns/" + target + "/contacts",
        () ->
            new SequenceInputStream(
                java.util.Collections.enumeration(
                    List.of(
                        text(
                            "--"
                                + boundary
                                + "\r\nContent-Disposition: form-data; name=\"file\";"
                                + " filename=\"c.csv\"\r\nContent-Type: text/csv\r\n\r\nphone\n"),
                        new Repeating("+15551230000\n", 120 * MB),
                        text(closed ? "\r\n--" + boundary + "--\r\n" : "")))),
        -1,
        "multipart/form-data; boundary=" + boundary,
        "X-API-Key",
        attackerKey);
  }

  private static String refused(Reply reply) {
    return ErrorAssertions.assertFileRefused(api, attackerKey, reply);
  }

  private static Reply createBody(String json) {
    return api.post("/api/v1/campaigns", json, "X-API-Key", attackerKey);
  }

  private static Reply upload(String name, byte[] content) {
    return api.upload(
        "/api/v1/campaigns/" + target + "/contacts",
        "file",
        name,
        content,
        "X-API-Key",
        attackerKey);
  }

  private static String create(String client, String key, List<String> phones, int concurrent) {
    Reply reply =
        api.post(
            "/api/v1/campaigns",
            """
            {"client_id": "%s", "name": "Hostile input test", "system_prompt": "You recruit.",
             "caller_id": "+15551234567", "max_concurrent": %d, "contacts": %s}
            """
                .formatted(client, concurrent, Contacts.json(phones)),
            "X-API-Key",
            key);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json().get("campaign_id").asText();
  }

  private static String status(String campaign, String key) {
    return api.get("/api/v1/campaigns/" + campaign, "X-API-Key", key).json().get("status").asText();
  }

  private static long totalContacts(String campaign) {
    return Database.number(server, "select total_contacts from campaign where id = ?", campaign);
  }

  /**
   * Interested callees (555-0110..0119, done at their first call) of {@code areas} area codes from
   * {@code firstArea}, ten per area code, then further numbers of the same area codes if more are
   * asked for.
   */
  private static List<String> numbers(int firstArea, int count) {
    List<String> phones = new ArrayList<>();
    for (int i = 0; phones.size() < count; i++) {
      int area = firstArea + (i / 10) % 700;
      int line = 110 + i % 10 + (i / 7_000) * 10;
      phones.add("+1" + area + "555" + String.format("%04d", line));
    }
    return phones;
  }

  private static Set<String> incidents() throws IOException {
    Path folder = server.liberty().logDirectory().resolve("ffdc");
    if (!Files.isDirectory(folder)) {
      return new java.util.HashSet<>();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .map(path -> path.getFileName().toString())
          .filter(name -> name.startsWith("ffdc_"))
          .collect(Collectors.toCollection(java.util.HashSet::new));
    }
  }

  private static String randomText(long chars) {
    byte[] bytes = new byte[(int) (chars * 3 / 4)];
    new Random(13).nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] sheet(String firstRow) {
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
            + "<sheetData><row r=\"1\">"
            + firstRow
            + "</row></sheetData></worksheet>")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String cell(String reference, String text) {
    return "<c r=\"" + reference + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
  }

  private static InputStream text(String text) {
    return new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code prefix}, then a JSON array of small contacts {@code bytes} long that never closes. */
  private static InputStream jsonArray(String prefix, long bytes) {
    return new SequenceInputStream(
        text(prefix + "[{\"phone\": \"+15551230000\"}"),
        new Repeating(",{\"phone\": \"+15551230000\"}", bytes));
  }

  /** {@code unit} again and again, {@code bytes} long in all, made as it is read. */
  private static final class Repeating extends InputStream {
    private final byte[] unit;
    private long left;
    private int at;

    Repeating(String unit, long bytes) {
      this.unit = unit.getBytes(StandardCharsets.UTF_8);
      this.left = bytes;
    }

    @Override
    public int read() {
      if (left <= 0) {
        return -1;
      }
      left--;
      byte b = unit[at];
      at = (at + 1) % unit.length;
      return b & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (left <= 0) {
        return -1;
      }
      int n = (int) Math.min(length, left);
      for (int i = 0; i < n; i++) {
        buffer[offset + i] = unit[at];
        at = (at + 1) % unit.length;
      }
      left -= n;
      return n;
    }
  }
}
