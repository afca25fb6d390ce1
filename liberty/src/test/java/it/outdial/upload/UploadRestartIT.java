package it.outdial.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import it.outdial.support.Api;
import it.outdial.support.Api.Reply;
import it.outdial.support.Clients;
import it.outdial.support.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server dies (kill -9) while an upload job runs: after the restart the job reads as failed,
 * never "running" for ever, the rows stored before the crash stay, and uploading the file again
 * completes the campaign without a duplicate.
 */
class UploadRestartIT {
  /**
   * Enough that the job still runs when the upload answers 202 (after 0.5 s on test servers) and
   * the server is killed: several seconds of work at the measured 50 000-75 000 rows/s.
   */
  private static final int ROWS = 400_000;

  private static TestServer server;

  @BeforeAll
  static void isolatedServer() {
    server =
        TestServer.isolatedWithAdminKey("outdial-restart")
            .with("OUTDIAL_JOBS_ABANDONED_AFTER_S", "3");
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void aJobWhoseServerDiedReadsAsFailedAndTheUploadCanBeRepeated() throws IOException {
    Api api = server.api();
    String client = Clients.newClientId("restart");
    String key = Clients.newKey(server, client, "[\"campaigns\"]");
    Reply created =
        api.post(
            "/api/v1/campaigns",
            """
            {"client_id": "%s", "name": "Restart", "system_prompt": "p",
             "caller_id": "+15551234567", "contacts": []}
            """
                .formatted(client),
            "X-API-Key",
            key);
    String campaign = created.json().get("campaign_id").asText();
    StringBuilder csv = new StringBuilder("phone\n");
    for (int i = 0; i < ROWS; i++) {
      csv.append("+1303").append(String.format("%07d", i)).append('\n');
    }
    byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);

    Reply accepted =
        api.upload(
            "/api/v1/campaigns/" + campaign + "/contacts", "file", "c.csv", file, "X-API-Key", key);
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    String job = accepted.json().get("job_id").asText();

    Path uploads = server.liberty().serverDirectory().resolve("uploads");
    assertThat(spooled(uploads))
        .as("the running job's file, in the server's uploads folder")
        .hasSize(1);
    server.liberty().kill();
    server.start();
    assertThat(spooled(uploads)).as("files the killed server left, after the restart").isEmpty();

    JsonNode failed =
        await("the orphaned job reads as failed")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () -> api.get("/api/v1/jobs/" + job, "X-API-Key", key).json(),
                status -> status.get("status").asText().equals("failed"));
    assertThat(failed.get("result").get("error").asText()).contains("server stopped");
    assertThat(failed.get("completed_at").isNull()).isFalse();

    long storedBeforeTheCrash =
        api.get("/api/v1/campaigns/" + campaign + "/stats", "X-API-Key", key)
            .json()
            .get("total_contacts")
            .asLong();
    assertThat(storedBeforeTheCrash).isLessThan(ROWS);

    Reply again =
        api.upload(
            "/api/v1/campaigns/" + campaign + "/contacts", "file", "c.csv", file, "X-API-Key", key);
    assertThat(again.status()).isIn(200, 202);
    String second = again.json().get("job_id").asText();
    JsonNode done =
        await("the repeated upload finishes")
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () -> api.get("/api/v1/jobs/" + second, "X-API-Key", key).json(),
                status -> !status.get("status").asText().equals("running"));
    assertThat(done.get("status").asText()).isEqualTo("completed");
    assertThat(done.get("result").get("duplicates_skipped").asLong())
        .isEqualTo(storedBeforeTheCrash);
    assertThat(done.get("result").get("uploaded").asLong()).isEqualTo(ROWS - storedBeforeTheCrash);
    assertThat(
            api.get("/api/v1/campaigns/" + campaign + "/stats", "X-API-Key", key)
                .json()
                .get("total_contacts")
                .asLong())
        .isEqualTo(ROWS);
  }

  private static List<Path> spooled(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().startsWith("outdial-upload-")).toList();
    }
  }
}
