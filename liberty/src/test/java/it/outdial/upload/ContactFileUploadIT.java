package it.outdial.upload;

import static it.outdial.support.ErrorAssertions.assertError;
import static it.outdial.support.ErrorAssertions.assertFileRefused;
import static it.outdial.support.Workbooks.withSheet;
import static it.outdial.support.Workbooks.workbook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import it.outdial.support.Api;
import it.outdial.support.Api.Reply;
import it.outdial.support.Clients;
import it.outdial.support.Contacts;
import it.outdial.support.Database;
import it.outdial.support.Jobs;
import it.outdial.support.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ContactFileUploadIT {
  private static TestServer server;
  private static Api api;
  private static String client;
  private static String key;

  @BeforeAll
  static void keys() {
    server = TestServer.shared();
    api = server.api();
    client = Clients.newClientId("upload");
    key = Clients.newKey(server, client, "[\"campaigns\"]");
  }

  private static String campaign() {
    Reply reply =
        api.post(
            "/api/v1/campaigns",
            """
            {"client_id": "%s", "name": "Upload", "system_prompt": "p",
             "caller_id": "+15551234567", "contacts": [{"phone": "+15559876543"}]}
            """
                .formatted(client),
            "X-API-Key",
            key);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json().get("campaign_id").asText();
  }

  private static Reply upload(String campaign, String fileName, byte[] content) {
    return uploadWith(key, campaign, fileName, content);
  }

  private static Reply uploadWith(String apiKey, String campaign, String fileName, byte[] content) {
    return api.upload(
        "/api/v1/campaigns/" + campaign + "/contacts",
        "file",
        fileName,
        content,
        "X-API-Key",
        apiKey);
  }

  /** The finished job's result, whether the upload answered at once (200) or later (202). */
  private static JsonNode finishedResult(Reply reply) {
    return finishedResult(reply, key);
  }

  /**
   * The finished job's result, polled with {@code apiKey} once a second: a long job must not spend
   * the key's 100 requests a minute.
   */
  private static JsonNode finishedResult(Reply reply, String apiKey) {
    assertThat(reply.status()).as(reply.body()).isIn(200, 202);
    JsonNode status = Jobs.awaitEnd(api, apiKey, reply.json().get("job_id").asText());
    assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("completed");
    return status.get("result");
  }

  @Test
  void csvRowsAreKeptCountedAndFormulaLookingCellsStayText() {
    String campaign = campaign();
    String csv =
        "\uFEFFPhone,First_Name,COMPANY,shift,notes\n"
            + "+15551230001,Ann,Acme,nights,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\n"
            + "+15559876543,Dup,,,\n"
            + "not a phone,Bad,,,\n"
            + "(212) 555-0101,Bob,,,\n"
            + "+1 555 123 0001,Again,,,\n";
    Reply reply = upload(campaign, "contacts.csv", csv.getBytes(StandardCharsets.UTF_8));
    JsonNode result = finishedResult(reply);
    assertThat(result.get("uploaded").asInt()).isEqualTo(2);
    assertThat(result.get("duplicates_skipped").asInt()).isEqualTo(2);
    assertThat(result.get("invalid_skipped").asInt()).isEqualTo(1);
    assertThat(result.get("row_errors").get(0).get("row").asInt()).isEqualTo(3);
    if (reply.status() == 200) {
      assertThat(reply.json().get("uploaded").asInt()).isEqualTo(2);
    }
    assertThat(
            api.get("/api/v1/campaigns/" + campaign + "/stats", "X-API-Key", key)
                .json()
                .get("total_contacts")
                .asInt())
        .isEqualTo(3);
  }

  /**
   * The dialer completes a campaign under the campaign row's lock. An upload that passed the API's
   * first look at the campaign while it was still open must see the completion when its job starts,
   * answer 409 and store nothing: contacts added to a completed campaign are never dialed.
   */
  @Test
  void anUploadRacingTheCampaignsCompletionIsRefusedAndStoresNothing() throws Exception {
    String campaign = campaign();
    byte[] csv = "phone\n+15551230010\n+15551230011\n".getBytes(StandardCharsets.UTF_8);
    CompletableFuture<Reply> upload;
    try (Connection dialer = Database.connect(server)) {
      dialer.setAutoCommit(false);
      try (PreparedStatement lock =
          dialer.prepareStatement("select status from campaign where id = ? for update")) {
        lock.setString(1, campaign);
        lock.executeQuery().close();
      }
      upload = CompletableFuture.supplyAsync(() -> upload(campaign, "late.csv", csv));
      await("the upload waiting for the campaign's lock")
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  Database.number(
                          server,
                          "select count(*) from pg_stat_activity where wait_event_type = 'Lock'")
                      > 0);
      try (PreparedStatement complete =
          dialer.prepareStatement(
              "update campaign set status = 'completed', ended_at = now() where id = ?")) {
        complete.setString(1, campaign);
        complete.executeUpdate();
      }
      dialer.commit();
    }

    Reply reply = upload.get(30, TimeUnit.SECONDS);
    assertError(reply, 409);
    assertThat(reply.json().get("detail").asText())
        .isEqualTo("Cannot add contacts to a campaign that is completed");
    assertThat(
            Database.number(server, "select count(*) from contact where campaign_id = ?", campaign))
        .as("only the contact the campaign was created with")
        .isEqualTo(1);
    assertThat(Database.number(server, "select count(*) from job where campaign_id = ?", campaign))
        .as("no job left behind")
        .isZero();
  }

  /**
   * Each batch of an upload takes the campaign row's lock only at its end, and checks there once
   * more that the campaign is open. Should it have ended all the same (the dialer completes a
   * campaign whose upload job fell silent for minutes), that batch is rolled back and no later one
   * is stored: the upload answers 409, the batches stored before stay, and the failed job counts
   * them.
   */
  @Test
  void aBatchFindingTheCampaignEndedIsRolledBackAndTheJobCountsTheBatchesBefore() throws Exception {
    String campaign = campaign();
    int rows = 100_000;
    List<String> phones = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      phones.add("+1505" + String.format("%07d", i));
    }
    String body = Contacts.json(phones);
    CompletableFuture<Reply> upload =
        CompletableFuture.supplyAsync(
            () ->
                api.post(
                    "/api/v1/campaigns/" + campaign + "/contacts/json", body, "X-API-Key", key));
    try (Connection dialer = Database.connect(server)) {
      dialer.setAutoCommit(false);
      await("a first batch stored")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(10))
          .until(
              () ->
                  Database.number(
                          server, "select total_contacts from campaign where id = ?", campaign)
                      > 1);
      try (PreparedStatement lock =
          dialer.prepareStatement("select status from campaign where id = ? for no key update")) {
        lock.setString(1, campaign);
        lock.executeQuery().close();
      }
      await("a batch waiting for the campaign's lock at its end")
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  Database.number(
                          server,
                          "select count(*) from pg_stat_activity where wait_event_type = 'Lock'")
                      > 0);
      try (PreparedStatement complete =
          dialer.prepareStatement(
              "update campaign set status = 'completed', ended_at = now() where id = ?")) {
        complete.setString(1, campaign);
        complete.executeUpdate();
      }
      dialer.commit();
    }

    Reply reply = upload.get(60, TimeUnit.SECONDS);
    assertError(reply, 409);
    assertThat(reply.json().get("detail").asText())
        .isEqualTo("Cannot add contacts to a campaign that is completed");
    long stored =
        Database.number(server, "select count(*) from contact where campaign_id = ?", campaign) - 1;
    assertThat(stored).as("contacts of the batches before").isBetween(1L, rows - 1L);
    assertThat(
            Database.number(server, "select total_contacts from campaign where id = ?", campaign))
        .isEqualTo(stored + 1);
    String job = Database.text(server, "select id from job where campaign_id = ?", campaign);
    JsonNode status = api.get("/api/v1/jobs/" + job, "X-API-Key", key).json();
    assertThat(status.get("status").asText()).isEqualTo("failed");
    assertThat(status.get("result").get("error").asText())
        .isEqualTo("Cannot add contacts to a campaign that is completed");
    assertThat(status.get("result").get("before").get("uploaded").asLong()).isEqualTo(stored);
  }

  @Test
  void xlsxRowsAreReadFromTheFirstSheet() throws IOException {
    String campaign = campaign();
    byte[] workbook =
        workbook(
            new String[] {"phone", "First_Name", "Title"},
            new String[] {"+15551230002", "Cy", "Nurse"},
            new String[] {"+15551230003", "Di", "=1+1"},
            new String[] {"12", "Short", ""});
    JsonNode result = finishedResult(upload(campaign, "contacts.xlsx", workbook));
    assertThat(result.get("uploaded").asInt()).isEqualTo(2);
    assertThat(result.get("invalid_skipped").asInt()).isEqualTo(1);
  }

  @Test
  void aLargeUploadAnswers202AndItsJobFinishes() {
    String campaign = campaign();
    StringBuilder csv = new StringBuilder("phone,first_name\n");
    // far more than the server stores within its 3 s of waiting before it answers 202
    int rows = 1_000_000;
    for (int i = 0; i < rows; i++) {
      csv.append("+1202").append(String.format("%07d", i)).append(",N").append(i).append('\n');
    }
    // a key of its own: following the long job takes requests that the other tests' key needs
    String own = Clients.newKey(server, client, "[\"campaigns\"]");
    Reply reply =
        uploadWith(own, campaign, "big.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    assertThat(reply.json().get("status").asText()).isEqualTo("running");
    JsonNode result = finishedResult(reply, own);
    assertThat(result.get("uploaded").asInt() + result.get("invalid_skipped").asInt())
        .isEqualTo(rows);
    assertThat(result.get("uploaded").asInt()).isGreaterThan(rows / 2);
  }

  @Test
  void hostileFilesAreRefusedAndTheServerStaysHealthy() throws IOException {
    String campaign = campaign();
    // uploads are limited to 10 a minute per key: this test sends more, so it has its own keys
    String key = Clients.newKey(server, client, "[\"campaigns\"]");
    String second = Clients.newKey(server, client, "[\"campaigns\"]");
    byte[] random = new byte[50_000];
    new Random(7).nextBytes(random);
    assertError(uploadWith(key, campaign, "contacts.xlsx", random), 415);
    assertError(uploadWith(key, campaign, "contacts.csv", random), 415);

    byte[] longLine =
        ("phone,notes\n+15551230009," + "x".repeat(10 << 20) + "\n")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(assertFileRefused(api, key, uploadWith(key, campaign, "long.csv", longLine)))
        .contains("longer than");

    assertFileRefused(api, key, uploadWith(key, campaign, "bomb.xlsx", zipBomb()));
    assertFileRefused(api, key, uploadWith(key, campaign, "many.xlsx", manyEntries(1_100)));
    assertThat(
            assertFileRefused(
                api, second, uploadWith(second, campaign, "twice.xlsx", duplicateSheetEntry())))
        .contains("more than 1 entry with the name xl/worksheets/sheet1.xml")
        .doesNotContain("/tmp");
    Reply xxe =
        uploadWith(
            key, campaign, "xxe.xlsx", withSheet(workbook(new String[] {"phone"}), xxeSheet()));
    assertThat(xxe.status()).as(xxe.body()).isBetween(400, 499);
    assertThat(xxe.body()).doesNotContain("root:");

    assertError(
        uploadWith(second, campaign, "nophone.csv", "name\nAnn\n".getBytes(StandardCharsets.UTF_8)),
        400);
    assertError(
        api.upload(
            "/api/v1/campaigns/" + campaign + "/contacts",
            "other",
            "c.csv",
            "phone\n".getBytes(StandardCharsets.UTF_8),
            "X-API-Key",
            key),
        400);
    assertError(uploadWith(second, campaign, "huge.csv", new byte[51 << 20]), 413);

    assertThat(api.get("/health/ready").status()).isEqualTo(200);
  }

  /** A workbook whose sheet inflates from about 200 KB to 200 MB. */
  private static byte[] zipBomb() throws IOException {
    return withSheet(workbook(new String[] {"phone"}), new byte[200 << 20]);
  }

  /**
   * A workbook with two entries named {@code xl/worksheets/sheet1.xml}, the second one hiding other
   * rows. The JDK's zip writer refuses duplicate names, so a same-length placeholder name is
   * written and then renamed in the bytes (local header and central directory alike).
   */
  private static byte[] duplicateSheetEntry() throws IOException {
    byte[] workbook = workbook(new String[] {"phone"}, new String[] {"+15551230005"});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(workbook));
        ZipOutputStream zip = new ZipOutputStream(out)) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        byte[] content = in.readAllBytes();
        zip.putNextEntry(new ZipEntry(entry.getName()));
        zip.write(content);
        zip.closeEntry();
        if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
          zip.putNextEntry(new ZipEntry("xl/worksheets/sheetZ.xml"));
          zip.write(content);
          zip.closeEntry();
        }
      }
    }
    String bytes = out.toString(StandardCharsets.ISO_8859_1);
    return bytes
        .replace("xl/worksheets/sheetZ.xml", "xl/worksheets/sheet1.xml")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] manyEntries(int count) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (int i = 0; i < count; i++) {
        zip.putNextEntry(new ZipEntry("xl/media/padding" + i + ".bin"));
        zip.write(i);
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  private static byte[] xxeSheet() {
    return ("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
            + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
            + "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>phone</t></is></c></row>"
            + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>&e;</t></is></c></row>"
            + "</sheetData></worksheet>")
        .getBytes(StandardCharsets.UTF_8);
  }
}
