package it.outdial.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** Waiting for a job the API reported. */
public final class Jobs {
  private Jobs() {}

  /**
   * The job's view once it is no longer {@code running}, polled with {@code apiKey} once a second:
   * a long job must not spend the key's 100 requests a minute.
   */
  public static JsonNode awaitEnd(Api api, String apiKey, String job) {
    return await("upload job " + job)
        .atMost(Duration.ofSeconds(120))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> api.get("/api/v1/jobs/" + job, "X-API-Key", apiKey).json(),
            status -> !status.get("status").asText().equals("running"));
  }
}
