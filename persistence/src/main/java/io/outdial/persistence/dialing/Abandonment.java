package io.outdial.persistence.dialing;

import io.outdial.core.campaign.CampaignAction;
import io.outdial.core.campaign.CampaignLifecycle;
import io.outdial.core.campaign.CampaignStatus;
import io.outdial.core.dialing.AbandonmentPolicy;
import io.outdial.core.dialing.AbandonmentPolicy.Verdict;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.persistence.webhook.Outbox;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The abandonment rule where outcomes are written, under the campaign rows' locks the writer holds:
 * the batch's measured live answers and abandoned calls are added to the campaign's day, the
 * window's sums judged by {@link AbandonmentPolicy}, and the campaign slowed (its claims then take
 * half its concurrency, at least one line) or paused with {@link AbandonmentPolicy#PAUSE_REASON}
 * and a {@code campaign.status_changed} event, in the same transaction. Only campaigns whose batch
 * holds a measured live answer are judged: a batch of voicemails costs nothing here.
 */
final class Abandonment {
  private Abandonment() {}

  /** A campaign's measured live answers and abandoned calls in one batch. */
  record Count(long liveAnswers, long abandoned) {}

  static void judge(
      Connection c, Map<CampaignId, Count> batch, Instant now, AbandonmentPolicy policy)
      throws SQLException {
    if (batch.isEmpty()) {
      return;
    }
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into campaign_abandonment (campaign_id, day, live_answers, abandoned)"
                + " values (?, ?, ?, ?) on conflict (campaign_id, day) do update set"
                + " live_answers = campaign_abandonment.live_answers + excluded.live_answers,"
                + " abandoned = campaign_abandonment.abandoned + excluded.abandoned")) {
      for (var e : batch.entrySet()) {
        s.setString(1, e.getKey().value());
        s.setDate(2, Date.valueOf(today));
        s.setLong(3, e.getValue().liveAnswers());
        s.setLong(4, e.getValue().abandoned());
        s.addBatch();
      }
      s.executeBatch();
    }
    LocalDate since = LocalDate.ofInstant(now.minus(policy.window()), ZoneOffset.UTC);
    List<CampaignId> ids = List.copyOf(batch.keySet());
    List<Object[]> judged = new ArrayList<>(); // id, client, status, live, abandoned
    try (PreparedStatement s =
        c.prepareStatement(
            "select k.id, k.client_id, k.status, coalesce(sum(a.live_answers), 0),"
                + " coalesce(sum(a.abandoned), 0) from campaign k"
                + " left join campaign_abandonment a on a.campaign_id = k.id and a.day > ?"
                + " where k.id = any(?) group by k.id, k.client_id, k.status")) {
      s.setDate(1, Date.valueOf(since));
      s.setArray(2, Sql.campaigns(c, ids));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          judged.add(
              new Object[] {
                CampaignId.parse(r.getString(1)),
                ClientId.of(r.getString(2)),
                CampaignStatus.fromWire(r.getString(3)),
                r.getLong(4),
                r.getLong(5)
              });
        }
      }
    }
    List<Outbox.StatusChange> paused = new ArrayList<>();
    try (PreparedStatement update =
            c.prepareStatement(
                "update campaign set abandonment_live_answers = ?, abandonment_abandoned = ?,"
                    + " slowed = ? where id = ?");
        PreparedStatement pause =
            c.prepareStatement(
                "update campaign set status = ?, pause_reason = ?, slowed = false where id = ?")) {
      for (Object[] row : judged) {
        CampaignId id = (CampaignId) row[0];
        CampaignStatus status = (CampaignStatus) row[2];
        long live = (Long) row[3];
        long abandoned = (Long) row[4];
        Verdict verdict = policy.judge(live, abandoned);
        update.setLong(1, live);
        update.setLong(2, abandoned);
        update.setBoolean(3, verdict == Verdict.SLOW_DOWN);
        update.setString(4, id.value());
        update.addBatch();
        if (verdict == Verdict.PAUSE && status.isDialing()) {
          Optional<CampaignStatus> to =
              CampaignLifecycle.tryApply(status, CampaignAction.PAUSE, Optional.empty(), now)
                  .map(t -> t.to());
          if (to.isPresent() && to.get() != status) {
            pause.setString(1, to.get().wireName());
            pause.setString(2, AbandonmentPolicy.PAUSE_REASON);
            pause.setString(3, id.value());
            pause.addBatch();
            paused.add(
                new Outbox.StatusChange(id, (ClientId) row[1], Optional.of(status), to.get()));
          }
        }
      }
      update.executeBatch();
      if (!paused.isEmpty()) {
        pause.executeBatch();
        Outbox.statusChanged(c, paused, now, Optional.of(AbandonmentPolicy.PAUSE_REASON));
      }
    }
  }
}
