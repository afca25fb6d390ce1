package io.outdial.persistence.dialing;

import io.outdial.core.campaign.CampaignStatus;
import io.outdial.core.dialing.DialRules;
import io.outdial.core.id.CampaignId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dialer's port to the contacts waiting for a call: which campaigns may dial, and the claims
 * that turn due contacts into calls to place. Every method is one transaction; several servers
 * claim from the same database at once.
 */
public interface ContactClaims {
  /**
   * Campaigns that may dial now ({@code queued} or {@code active}, not deleted), with their load
   * across all servers.
   *
   * @param dueProbe the most due contacts counted per campaign (the count is a bounded probe, so
   *     that a campaign of a million contacts costs no more than one of a thousand)
   */
  List<DialableCampaign> dialable(Instant now, int dueProbe);

  /**
   * Starts the scheduled campaigns whose start time is at or before {@code now}: each becomes
   * {@code active} (its {@code started_at} is {@code now}) and a {@code campaign.status_changed}
   * event is written with it, in one transaction. Several servers may call this at once: each
   * campaign is started by exactly one of them (a campaign whose row another transaction holds is
   * skipped, and started by a later call).
   *
   * @return the campaigns this call started
   */
  List<CampaignId> startScheduled(Instant now);

  /** What the dialer needs to call for this campaign; empty when it is gone (deleted). */
  Optional<CampaignSetup> setup(CampaignId id);

  /**
   * The status of each of these campaigns; a deleted campaign is {@code cancelled}, one that does
   * not exist is missing from the answer.
   */
  Map<CampaignId, CampaignStatus> statuses(Collection<CampaignId> ids);

  /**
   * Claims due contacts for several campaigns at once: up to {@code wanted.get(id)} of each
   * campaign for {@code serverId}, never more than the campaign's {@code max_concurrent} allows
   * across all servers. Contacts on the client's do-not-call list become final without a call;
   * contacts outside their calling hours move to their next opening. A campaign's own calling hours
   * and days ({@code calling_rules}) count instead of {@code rules}' hours. A contact of a campaign
   * with a frequency cap whose number already has that many attempts within the last 24 hours, by
   * any campaign of the client, waits (stays pending) until the cap allows one more: until enough
   * of the counted attempts leave the window, at the next opening of its hours from then on ({@link
   * io.outdial.core.calling.FrequencyCap#allowedFrom}). Claims of capped campaigns of one client
   * are serialised by a lock on the client held until the claim commits; a capped campaign whose
   * client's lock another claim holds is skipped ({@link Claim#BUSY}), not waited for, so two
   * servers claiming at once never both pass the cap. A campaign becomes {@code active} with its
   * first call. A campaign whose row another transaction holds (an upload adding its counts) is
   * skipped this time, not waited for.
   *
   * <p>The claim reads {@code clock} once it holds the campaigns' rows: that instant decides which
   * contacts are due and is each call's {@code started_at}. So a call never looks as if it started
   * before the call whose end made room for it (on this server or another) or before a pause that
   * the claim waited for.
   *
   * @return what was claimed, for every campaign asked about (those gone, paused or finished get
   *     {@link Claim#NOTHING}, those skipped {@link Claim#BUSY})
   */
  Map<CampaignId, Claim> claim(
      Map<CampaignId, Integer> wanted, Clock clock, String serverId, DialRules rules);

  /** {@link #claim(Map, Clock, String, DialRules)} at a fixed instant. */
  default Map<CampaignId, Claim> claim(
      Map<CampaignId, Integer> wanted, Instant now, String serverId, DialRules rules) {
    return claim(wanted, Clock.fixed(now, ZoneOffset.UTC), serverId, rules);
  }

  /**
   * Gives back claimed calls that were never placed: no call record remains, the contacts are due
   * again as they were and the campaigns' counts are restored.
   */
  void release(List<ClaimedCall> calls);
}
