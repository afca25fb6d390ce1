package it.outdial.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import it.outdial.support.Api;
import it.outdial.support.Api.Reply;
import it.outdial.support.Clients;
import it.outdial.support.Database;
import it.outdial.support.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calling hours apply in the recipient's time zone: the server's window is set around the current
 * time in New York, which excludes the current time in London (five hours ahead, give or take a
 * daylight-saving week); a New York number is called, a London number waits for its window.
 */
class CallingHoursIT {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId LONDON = ZoneId.of("Europe/London");

  private static TestServer server;
  private static Api api;
  private static String key;
  private static String client;
  private static LocalTime opens;

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeAll
  static void start() {
    LocalTime newYorkNow = ZonedDateTime.now(NEW_YORK).toLocalTime();
    opens =
        newYorkNow.isBefore(LocalTime.of(1, 0))
            ? LocalTime.MIDNIGHT
            : newYorkNow.minusHours(1).truncatedTo(ChronoUnit.MINUTES);
    LocalTime closes =
        newYorkNow.isAfter(LocalTime.of(22, 30))
            ? LocalTime.of(23, 59)
            : newYorkNow.plusHours(1).truncatedTo(ChronoUnit.MINUTES);
    server = TestServer.isolatedWithAdminKey("outdial-hours");
    TestServer.dialingSettings(server)
        .with("OUTDIAL_DIALER_CALLING_HOURS", opens + "-" + closes)
        .with("OUTDIAL_DIALER_CALLING_DAYS", "MON-SUN");
    server.start();
    api = server.api();
    client = Clients.newClientId("hours");
    key = Clients.newKey(server, client, "[\"campaigns\", \"audit\"]");
  }

  @Test
  void aContactOutsideItsCallingHoursWaitsForItsWindow() {
    Reply created =
        api.post(
            "/api/v1/campaigns",
            """
            {"client_id": "%s", "name": "Hours", "system_prompt": "You are a recruiter.",
             "caller_id": "+15551234567",
             "contacts": [{"phone": "+12125550160"}, {"phone": "+442079460018"}]}
            """
                .formatted(client),
            "X-API-Key",
            key);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String campaign = created.json().get("campaign_id").asText();

    await("the New York number is called")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Database.number(
                        server,
                        "select count(*) from call where campaign_id = ? and ended_at is not null",
                        campaign)
                    == 1);
    // the London number waits: not called, due at the next opening of the window in London
    Instant expected = nextOpening(Instant.now(), LONDON);
    await("the London number is moved to its window")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                Database.number(
                        server,
                        "select count(*) from contact where campaign_id = ? and phone = ?"
                            + " and status = 'pending' and next_attempt_at = ?",
                        campaign,
                        "+442079460018",
                        java.sql.Timestamp.from(expected))
                    == 1);
    Reply stats = api.get("/api/v1/campaigns/" + campaign + "/stats", "X-API-Key", key);
    assertThat(stats.json().get("calls_placed").asLong()).isEqualTo(1);
    assertThat(stats.json().get("status").asText()).isEqualTo("active");
  }

  private static Instant nextOpening(Instant now, ZoneId zone) {
    LocalDateTime local = LocalDateTime.ofInstant(now, zone);
    LocalDateTime today = local.toLocalDate().atTime(opens);
    LocalDateTime next = today.isAfter(local) ? today : today.plusDays(1);
    return next.atZone(zone).toInstant();
  }
}
