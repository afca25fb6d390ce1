package it.outdial.upload;

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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A large JSON upload into one campaign holds that campaign's row only for moments, never while it
 * inserts many rows: the dialer, which locks campaign rows to claim contacts and to record
 * outcomes, keeps calling for every campaign (the one uploaded into included) while it runs.
 */
@ServerGroup(ServerGroup.DIALING)
class UploadWhileDialingIT {
  /** The most one JSON upload may carry: several seconds of work. */
  private static final int ROWS = 100_000;

  /**
   * The longest the test waits for a campaign row: far longer than the dialer holds one, far
   * shorter than the upload runs.
   */
  private static final Duration LOCK_WAIT = Duration.ofSeconds(1);

  /** Calls of the other campaign that must be placed and recorded while the upload runs. */
  private static final int CALLS_MEANWHILE = 5;

  private static TestServer server;
  private static Api api;
  private static String client;
  private static String key;

  @BeforeAll
  static void start() {
    server = TestServer.dialing();
    api = server.api();
    client = Clients.newClientId("upload-dialing");
    key = Clients.newKey(server, client, "[\"campaigns\"]");
  }

  /** What the test saw while the upload was in flight. */
  private static final class Seen {
    /** Contacts of the target stored when the test first held both campaign rows, or -1. */
    volatile long storedWhenLocked = -1;

    /** Calls of the other campaign started and recorded since the upload began. */
    volatile long otherCallsRecorded;

    /** Calls of the target started and recorded since the upload began. */
    volatile long targetCallsRecorded;
  }

  @Test
  void aLargeJsonUploadHoldsNoCampaignRowWhileItRunsAndTheDialerKeepsCalling() throws Exception {
    // the target has calls in flight and contacts due when the upload starts, so the dialer locks
    // its row to claim and to record; the other campaign shares nothing with it but the dialer
    String target = create("Upload target", 3, numbers("+1202555", 2000, 400));
    String other = create("Dialing meanwhile", 10, numbers("+1303555", 2000, 4000));
    await("both campaigns dialing")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> recordedCalls(target) > 0 && recordedCalls(other) > 0);
    long before =
        Database.number(server, "select total_contacts from campaign where id = ?", target);

    List<String> phones = new ArrayList<>(ROWS);
    for (int i = 0; i < ROWS; i++) {
      phones.add("+1404" + String.format("%07d", i));
    }
    String body = Contacts.json(phones);
    String path = "/api/v1/campaigns/" + target + "/contacts/json";
    CompletableFuture<Reply> upload =
        CompletableFuture.supplyAsync(() -> api.post(path, body, "X-API-Key", key));

    // the start of the first transaction seen storing the upload's contacts: a single transaction
    // holding the target's row would have held it since then
    Timestamp began =
        await("the upload storing contacts")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(10))
            .until(
                () -> upload.isDone() ? new Timestamp(0) : uploadTransactionStart(),
                start -> start != null);
    assertThat(upload.isDone()).as("the upload was still running when first seen").isFalse();

    Seen seen = new Seen();
    try (Connection probe = Database.connect(server)) {
      probe.setAutoCommit(false);
      await("both campaign rows locked and the other campaign's calls recorded mid-upload")
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(10))
          .until(
              () -> {
                long locked = lockBoth(probe, target, other);
                long recorded = recordedCalls(other, began);
                long recordedForTarget = recordedCalls(target, began);
                if (upload.isDone()) {
                  return true; // what follows was seen after the upload: it does not count
                }
                if (locked > before && locked < before + ROWS && seen.storedWhenLocked < 0) {
                  seen.storedWhenLocked = locked;
                }
                seen.otherCallsRecorded = recorded;
                seen.targetCallsRecorded = recordedForTarget;
                return seen.storedWhenLocked >= 0
                    && recorded >= CALLS_MEANWHILE
                    && recordedForTarget > 0;
              });
    }
    assertThat(seen.storedWhenLocked)
        .as(
            "contacts of the target stored when the test locked both campaign rows as the dialer"
                + " does, while the upload ran (-1: never)")
        .isBetween(before + 1, before + ROWS - 1);
    assertThat(seen.otherCallsRecorded)
        .as("calls of the other campaign placed and recorded while the upload ran")
        .isGreaterThanOrEqualTo(CALLS_MEANWHILE);
    assertThat(seen.targetCallsRecorded)
        .as("calls of the target placed and recorded while the upload ran")
        .isPositive();

    Reply reply = upload.get(120, TimeUnit.SECONDS);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().get("uploaded").asLong()).isEqualTo(ROWS);
    assertThat(reply.json().get("duplicates_skipped").asLong()).isZero();
    assertThat(reply.json().get("invalid_skipped").asLong()).isZero();
    String job = reply.json().get("job_id").asText();
    JsonNode status = api.get("/api/v1/jobs/" + job, "X-API-Key", key).json();
    assertThat(status.get("status").asText()).isEqualTo("completed");
    assertThat(status.get("progress").asInt()).isEqualTo(100);
    assertThat(status.get("result").get("uploaded").asLong()).isEqualTo(ROWS);
    assertThat(
            Database.number(server, "select count(*) from contact where campaign_id = ?", target))
        .isEqualTo(before + ROWS);
    assertThat(
            Database.number(
                server,
                "select count(*) from call k join job j on j.id = ? where k.campaign_id = ?"
                    + " and k.started_at >= j.started_at and k.ended_at <= j.completed_at",
                job,
                other))
        .as("calls of the other campaign placed and ended within the upload's job")
        .isGreaterThanOrEqualTo(CALLS_MEANWHILE);

    // 100 000 contacts would keep the shared dialing server busy for the next tests
    for (String campaign : List.of(target, other)) {
      Reply deleted = api.delete("/api/v1/campaigns/" + campaign, null, "X-API-Key", key);
      assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
    }
  }

  /**
   * Locks both campaign rows the way the dialer does to claim contacts and record outcomes, waiting
   * for them at most {@link #LOCK_WAIT} (the dialer itself holds them for moments), and lets go at
   * once.
   *
   * @return the target's stored contacts, or -1 when a row stayed locked by someone else
   */
  private static long lockBoth(Connection probe, String target, String other) throws SQLException {
    try (Statement wait = probe.createStatement()) {
      wait.execute("set local lock_timeout = '" + LOCK_WAIT.toMillis() + "ms'");
    }
    try (PreparedStatement lock =
        probe.prepareStatement(
            "select id, total_contacts from campaign where id = any(?) order by id"
                + " for no key update")) {
      lock.setArray(1, probe.createArrayOf("varchar", new Object[] {target, other}));
      long stored = -1;
      try (ResultSet rows = lock.executeQuery()) {
        while (rows.next()) {
          if (rows.getString(1).equals(target)) {
            stored = rows.getLong(2);
          }
        }
      }
      return stored;
    } catch (SQLException e) {
      if ("55P03".equals(e.getSQLState())) { // lock_not_available: the wait timed out
        return -1;
      }
      throw e;
    } finally {
      probe.rollback();
    }
  }

  /** When the oldest open transaction inserting contacts began, or null when there is none. */
  private static Timestamp uploadTransactionStart() throws SQLException {
    try (Connection connection = Database.connect(server);
        PreparedStatement query =
            connection.prepareStatement(
                "select min(xact_start) from pg_stat_activity where pid <> pg_backend_pid()"
                    + " and query like 'insert into contact %' and xact_start is not null");
        ResultSet rows = query.executeQuery()) {
      rows.next();
      return rows.getTimestamp(1);
    }
  }

  private static long recordedCalls(String campaign) {
    return recordedCalls(campaign, new Timestamp(0));
  }

  /** Calls of the campaign started after {@code since} whose outcome is recorded. */
  private static long recordedCalls(String campaign, Timestamp since) {
    return Database.number(
        server,
        "select count(*) from call where campaign_id = ? and started_at > ?"
            + " and ended_at is not null",
        campaign,
        since);
  }

  private static String create(String name, int maxConcurrent, List<String> phones) {
    Reply reply =
        api.post(
            "/api/v1/campaigns",
            """
            {"client_id": "%s", "name": "%s", "system_prompt": "p", "caller_id": "+15551234567",
             "max_concurrent": %d, "contacts": %s}
            """
                .formatted(client, name, maxConcurrent, Contacts.json(phones)),
            "X-API-Key",
            key);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json().get("campaign_id").asText();
  }

  private static List<String> numbers(String prefix, int from, int count) {
    List<String> phones = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      phones.add(prefix + String.format("%04d", from + i));
    }
    return phones;
  }
}
