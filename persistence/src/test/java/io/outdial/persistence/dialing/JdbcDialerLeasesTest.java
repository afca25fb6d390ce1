package io.outdial.persistence.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import io.outdial.core.campaign.CampaignStatus;
import io.outdial.core.id.CampaignId;
import io.outdial.persistence.dialing.testing.DialingWorld;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link JdbcDialerLeases} on PostgreSQL holds the dialer leases' contract, and keeps the lock
 * order every dialing statement keeps: campaign rows first, then contacts, then calls.
 */
class JdbcDialerLeasesTest extends DialerLeasesContract {
  private JdbcDialing jdbc;

  @Override
  protected DialingWorld world() {
    jdbc = JdbcDialing.fresh();
    return jdbc;
  }

  @Test
  void aReclaimHoldsNoCallRowWhileItWaitsForTheCampaignRow() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    world.leases().heartbeat("server-a", "host-a");
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    world.contacts(campaign, now.minusSeconds(60), phone(1));
    ClaimedCall call = call(campaign, now, "server-a");
    world.leases().expire("server-a");

    CompletableFuture<Integer> reclaim;
    // an outcome being written: it locks the campaign row first, then writes the call's row
    try (Connection outcome = jdbc.dataSource().getConnection()) {
      outcome.setAutoCommit(false);
      execute(outcome, "select id from campaign where id = ? for update", campaign.value());
      reclaim =
          CompletableFuture.supplyAsync(
              () ->
                  world
                      .leases()
                      .reclaim(
                          Duration.ofMinutes(1), Duration.ofHours(1), 100, now, Rules.anyTime()));
      awaitOneWaitingForALock();
      execute(
          outcome,
          "update call set ended_at = ?::timestamptz, disposition = 'human_interested'"
              + " where id = ? and ended_at is null",
          now.toString(),
          call.callId().value());
      outcome.commit();
    }

    assertThatCode(() -> reclaim.get(10, TimeUnit.SECONDS))
        .as(
            "reclaim while an outcome holding the campaign row writes the call: reclaim locks the"
                + " call rows (select ... for update of c skip locked) before the campaign rows"
                + " (OutcomeStatements.write -> Sql.lockCampaigns), against the lock order, so"
                + " the two wait on each other and PostgreSQL aborts one")
        .doesNotThrowAnyException();
    assertThat(reclaim.get()).as("the call was closed by its outcome").isZero();
    assertThat(world.counters(campaign).errors()).isZero();
    assertThat(world.campaignStatus(campaign)).isEqualTo(CampaignStatus.ACTIVE);
  }

  private void awaitOneWaitingForALock() {
    await("the reclaim waits for the campaign row")
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              try (Connection c = jdbc.dataSource().getConnection();
                  PreparedStatement s =
                      c.prepareStatement(
                          "select count(*) from pg_stat_activity where wait_event_type = 'Lock'");
                  ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1) > 0;
              }
            });
  }

  private static void execute(Connection c, String sql, String... parameters) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setString(i + 1, parameters[i]);
      }
      s.execute();
    }
  }
}
