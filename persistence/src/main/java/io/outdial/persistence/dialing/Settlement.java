package io.outdial.persistence.dialing;

import io.outdial.core.campaign.CampaignAction;
import io.outdial.core.campaign.CampaignLifecycle;
import io.outdial.core.campaign.CampaignStatus;
import io.outdial.core.dialing.ContactState;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.persistence.webhook.Outbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Completing campaigns that are done: contacts, none of them pending or being dialed, no call in
 * flight, no upload into them running (its next batch must not land in a completed campaign).
 */
final class Settlement {
  private static final String SETTLEABLE =
      "select id, status, client_id from campaign c where id = any(?) and deleted_at is null"
          + " and status in "
          + Sql.in(CampaignStatus.QUEUED, CampaignStatus.ACTIVE, CampaignStatus.PAUSED)
          + " and in_flight = 0 and total_contacts > 0 and not exists (select 1 from contact t"
          + " where t.campaign_id = c.id and t.status in "
          + Sql.in(ContactState.PENDING, ContactState.DIALING)
          + ") and not exists (select 1 from job j where j.campaign_id = c.id"
          + " and j.status = "
          + Sql.JOB_RUNNING
          + " and j.heartbeat_at > ?)";

  private Settlement() {}

  /**
   * Looks first, locks only what looks done: most idle campaigns wait for a retry or an opening.
   */
  static void settle(Connection c, Collection<CampaignId> campaigns, Instant now)
      throws SQLException {
    if (campaigns.isEmpty()) {
      return;
    }
    List<CampaignId> done =
        settleable(c, campaigns, now).stream().map(Outbox.StatusChange::campaign).toList();
    if (!done.isEmpty()) {
      Sql.lockCampaigns(c, done);
      settleLocked(c, done, now);
    }
  }

  /** Completes those of {@code campaigns} (locked by the caller) that are done. */
  static void settleLocked(Connection c, Collection<CampaignId> campaigns, Instant now)
      throws SQLException {
    List<Outbox.StatusChange> changes = settleable(c, campaigns, now);
    if (changes.isEmpty()) {
      return;
    }
    List<CampaignId> candidates = changes.stream().map(Outbox.StatusChange::campaign).toList();
    try (PreparedStatement s =
        c.prepareStatement(
            "update campaign set status = ?, ended_at = ?, started_at = coalesce(started_at, ?)"
                + " where id = any(?)")) {
      s.setString(1, CampaignStatus.COMPLETED.wireName());
      s.setTimestamp(2, Sql.stamp(now));
      s.setTimestamp(3, Sql.stamp(now));
      s.setArray(4, Sql.campaigns(c, candidates));
      s.executeUpdate();
    }
    Outbox.statusChanged(c, changes, now);
  }

  private static List<Outbox.StatusChange> settleable(
      Connection c, Collection<CampaignId> campaigns, Instant now) throws SQLException {
    List<Outbox.StatusChange> candidates = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(SETTLEABLE)) {
      s.setArray(1, Sql.campaigns(c, campaigns));
      s.setTimestamp(2, Sql.stamp(now.minus(Sql.UPLOAD_SILENCE)));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          // queued -> completed happens when every contact was skipped without a call
          CampaignStatus status = CampaignStatus.fromWire(r.getString(2));
          if (status == CampaignStatus.QUEUED
              || CampaignLifecycle.tryApply(status, CampaignAction.COMPLETE).isPresent()) {
            candidates.add(
                new Outbox.StatusChange(
                    CampaignId.parse(r.getString(1)),
                    ClientId.of(r.getString(3)),
                    Optional.of(status),
                    CampaignStatus.COMPLETED));
          }
        }
      }
    }
    return candidates;
  }
}
