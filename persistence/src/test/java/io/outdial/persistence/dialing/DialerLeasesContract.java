package io.outdial.persistence.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.core.call.ErrorReason;
import io.outdial.core.contact.Disposition;
import io.outdial.core.dialing.ContactState;
import io.outdial.core.dialing.DialRules;
import io.outdial.core.id.CampaignId;
import io.outdial.core.retry.CampaignRetry;
import io.outdial.core.stats.CampaignProgress;
import io.outdial.persistence.call.EndRequest;
import io.outdial.persistence.dialing.testing.DialingWorld.CallRow;
import io.outdial.persistence.dialing.testing.DialingWorld.Counters;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DialerLeases} must do: the JDBC one and the in-memory one alike. Leases are
 * judged by the storage's own clock, so these tests claim at the real time.
 */
abstract class DialerLeasesContract extends DialingContract {
  private static final Duration LEASE = Duration.ofMinutes(1);
  private static final Duration MAX_AGE = Duration.ofHours(1);

  private Instant now;
  private DialRules rules;

  @BeforeEach
  void realTime() {
    now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    rules = Rules.anyTime();
  }

  private int reclaim() {
    return world.leases().reclaim(LEASE, MAX_AGE, 100, now, rules);
  }

  private CampaignId campaignWith(int contacts) {
    CampaignId campaign = world.campaign(CLIENT, 5, 100);
    world.contacts(campaign, now.minus(Duration.ofHours(4)), phones(1, contacts));
    return campaign;
  }

  @Test
  void aServerThatRenewsItsLeaseKeepsItsCalls() {
    world.leases().heartbeat("server-a", "host-a");
    CampaignId campaign = campaignWith(2);
    List<ClaimedCall> calls = calls(campaign, 2, now, "server-a");
    world.leases().heartbeat("server-a", "host-a");

    assertThat(reclaim()).isZero();

    assertThat(world.calls(campaign)).allSatisfy(row -> assertThat(row.endedAt()).isEmpty());
    for (ClaimedCall call : calls) {
      assertThat(world.contactState(call.contactId())).isEqualTo(ContactState.DIALING);
    }
    assertThat(world.counters(campaign).inFlight()).isEqualTo(2);
  }

  @Test
  void lostCallsAreRetriedByTheirCampaignsOwnPolicy() {
    world.leases().heartbeat("server-a", "host-a");
    CampaignId once =
        world.scheduledCampaign(
            CLIENT,
            now.minusSeconds(60),
            new CampaignRetry(
                Optional.of(1), Optional.empty(), Optional.empty(), Optional.empty()));
    CampaignId quick =
        world.scheduledCampaign(
            CLIENT,
            now.minusSeconds(60),
            new CampaignRetry(
                Optional.empty(),
                Optional.empty(),
                Optional.of(Duration.ofSeconds(5)),
                Optional.of(CampaignRetry.Kind.FIXED)));
    world.claims().startScheduled(now);
    world.contacts(once, now.minus(Duration.ofHours(4)), phone(1));
    world.contacts(quick, now.minus(Duration.ofHours(4)), phone(2));
    ClaimedCall onceCall = call(once, now, "server-a");
    ClaimedCall quickCall = call(quick, now, "server-a");

    world.leases().expire("server-a");
    assertThat(reclaim()).isEqualTo(2);

    // one attempt in all: the lost call was the contact's last
    assertThat(world.contactState(onceCall.contactId())).isEqualTo(ContactState.DONE);
    assertThat(world.progress(once)).isEqualTo(new CampaignProgress(1, 0));
    // its own delay, not the server's ten minutes
    assertThat(world.contactState(quickCall.contactId())).isEqualTo(ContactState.PENDING);
    assertThat(world.nextAttempt(quickCall.contactId())).isEqualTo(now.plusSeconds(5));
  }

  @Test
  void theCallsOfAServerThatGaveUpItsLeaseAreClosedAsLostAndTheirContactsRetried() {
    world.leases().heartbeat("server-a", "host-a");
    CampaignId campaign = campaignWith(2);
    List<ClaimedCall> calls = calls(campaign, 2, now, "server-a");

    world.leases().expire("server-a");
    int closed = reclaim();

    assertThat(closed).isEqualTo(2);
    for (ClaimedCall call : calls) {
      CallRow row = row(campaign, call.callId());
      assertThat(row.endedAt()).contains(now);
      assertThat(row.disposition()).contains(Disposition.FAILED);
      assertThat(row.errorReason()).contains(ErrorReason.SERVER_LOST);
      assertThat(world.contactState(call.contactId())).isEqualTo(ContactState.PENDING);
      assertThat(world.nextAttempt(call.contactId()))
          .isEqualTo(rules.retryLostAt(call.phone(), 1, now).orElseThrow())
          .isEqualTo(now.plus(Rules.RETRY_DELAY));
      assertThat(world.lastDisposition(call.contactId())).contains(Disposition.FAILED);
    }
    Counters counters = world.counters(campaign);
    assertThat(counters.inFlight()).isZero();
    assertThat(counters.errors()).isEqualTo(2);
    assertThat(counters.callsPlaced()).isEqualTo(2);
    assertThat(world.usage(CLIENT, YearMonth.from(now.atOffset(ZoneOffset.UTC))).totalCalls())
        .isEqualTo(2);
  }

  @Test
  void aLostCallOfAContactOutOfAttemptsMakesItFinal() {
    rules = Rules.attempts(1);
    world.leases().heartbeat("server-a", "host-a");
    CampaignId campaign = campaignWith(1);
    ClaimedCall call = call(campaign, now, "server-a");

    world.leases().expire("server-a");
    assertThat(reclaim()).isEqualTo(1);

    assertThat(world.contactState(call.contactId())).isEqualTo(ContactState.DONE);
    assertThat(world.lastDisposition(call.contactId())).contains(Disposition.FAILED);
  }

  @Test
  void aServerWhoseHeartbeatIsOlderThanTheLeaseLosesItsCallsAndOnlyThat() throws Exception {
    Duration lease = Duration.ofSeconds(2);
    world.leases().heartbeat("server-a", "host-a");
    world.leases().heartbeat("server-b", "host-b");
    CampaignId campaign = campaignWith(2);
    ClaimedCall kept = call(campaign, now, "server-a");
    ClaimedCall lost = call(campaign, now, "server-b");

    Thread.sleep(lease.toMillis() + 300);
    world.leases().heartbeat("server-a", "host-a");
    int closed = world.leases().reclaim(lease, MAX_AGE, 100, now, rules);

    assertThat(closed).isEqualTo(1);
    assertThat(row(campaign, lost.callId()).errorReason()).contains(ErrorReason.SERVER_LOST);
    assertThat(row(campaign, kept.callId()).endedAt()).isEmpty();
    assertThat(world.contactState(kept.contactId())).isEqualTo(ContactState.DIALING);
    assertThat(world.counters(campaign).inFlight()).isEqualTo(1);
  }

  @Test
  void callsOpenLongerThanTheMaxAgeAreClosedAsStaleWhateverTheirServer() {
    world.leases().heartbeat("server-a", "host-a");
    CampaignId campaign = campaignWith(2);
    Instant longAgo = now.minus(Duration.ofHours(3));
    ClaimedCall old = call(campaign, longAgo, "server-a");
    ClaimedCall fresh = call(campaign, now, "server-a");

    assertThat(reclaim()).isEqualTo(1);

    CallRow row = row(campaign, old.callId());
    assertThat(row.disposition()).contains(Disposition.FAILED);
    assertThat(row.errorReason()).contains(ErrorReason.STALE);
    assertThat(row.endedAt()).contains(now);
    assertThat(world.contactState(old.contactId())).isEqualTo(ContactState.PENDING);
    assertThat(world.nextAttempt(old.contactId())).isEqualTo(now.plus(Rules.RETRY_DELAY));
    assertThat(row(campaign, fresh.callId()).endedAt()).isEmpty();
    assertThat(world.counters(campaign).inFlight()).isEqualTo(1);
    assertThat(world.counters(campaign).talkSeconds())
        .as("a stale call lasted from its start to its closing")
        .isEqualTo(Duration.ofHours(3).toSeconds());
  }

  @Test
  void aClosedCallIsNotReclaimedTwice() {
    world.leases().heartbeat("server-a", "host-a");
    CampaignId campaign = campaignWith(1);
    ClaimedCall call = call(campaign, now, "server-a");
    world.leases().expire("server-a");
    assertThat(reclaim()).isEqualTo(1);
    Counters once = world.counters(campaign);

    assertThat(reclaim()).isZero();

    assertThat(world.counters(campaign)).isEqualTo(once);
    assertThat(once.errors()).isEqualTo(1);
    assertThat(world.attempts(call.contactId())).isEqualTo(1);
    assertThat(world.calls(campaign)).hasSize(1);
  }

  @Test
  void aReclaimClosesNoMoreCallsThanItsLimit() {
    world.leases().heartbeat("server-a", "host-a");
    CampaignId campaign = campaignWith(3);
    calls(campaign, 3, now, "server-a");
    world.leases().expire("server-a");

    assertThat(world.leases().reclaim(LEASE, MAX_AGE, 2, now, rules)).isEqualTo(2);
    assertThat(world.counters(campaign).inFlight()).isEqualTo(1);
    assertThat(world.leases().reclaim(LEASE, MAX_AGE, 2, now, rules)).isEqualTo(1);
    assertThat(world.counters(campaign).inFlight()).isZero();
  }

  @Test
  void theLateResultOfAReclaimedCallCountsNothingButItsDoNotCallRequestStands() {
    world.leases().heartbeat("server-a", "host-a");
    CampaignId campaign = campaignWith(1);
    ClaimedCall call = call(campaign, now, "server-a");
    world.leases().expire("server-a");
    assertThat(reclaim()).isEqualTo(1);
    Counters reclaimed = world.counters(campaign);

    int written =
        world
            .outcomes()
            .complete(
                List.of(Outcome.of(call, Disposition.DO_NOT_CALL).seconds(5).doNotCall().result()),
                now.plusSeconds(5));

    assertThat(written).isZero();
    assertThat(world.counters(campaign)).isEqualTo(reclaimed);
    assertThat(row(campaign, call.callId()).errorReason()).contains(ErrorReason.SERVER_LOST);
    assertThat(world.onDoNotCall(CLIENT, call.phone().e164())).isTrue();
    Claim retry = claim(campaign, 1, now.plus(Rules.RETRY_DELAY), "server-b");
    assertThat(retry.calls()).as("the number is on the list now").isEmpty();
    assertThat(retry.doNotCall()).isEqualTo(1);
    assertThat(world.contactState(call.contactId())).isEqualTo(ContactState.DO_NOT_CALL);
  }

  @Test
  void aRequestToEndACallReachesOnlyTheServerHoldingItUntilItsOutcomeIsWritten() {
    world.leases().heartbeat("server-a", "host-a");
    world.leases().heartbeat("server-b", "host-b");
    CampaignId campaign = campaignWith(3);
    ClaimedCall ended = call(campaign, now, "server-a");
    ClaimedCall untouched = call(campaign, now, "server-a");
    ClaimedCall elsewhere = call(campaign, now, "server-b");
    assertThat(world.leases().endsRequested("server-a")).isEmpty();

    EndRequest first = world.requestEnd(CLIENT, ended.callId(), now);
    EndRequest again = world.requestEnd(CLIENT, ended.callId(), now.plusSeconds(3));
    world.requestEnd(CLIENT, elsewhere.callId(), now);

    assertThat(first).isEqualTo(new EndRequest.Requested(ended.callId(), now));
    assertThat(again)
        .as("a second request keeps the first one's time")
        .isEqualTo(new EndRequest.Requested(ended.callId(), now));
    assertThat(world.leases().endsRequested("server-a")).containsExactly(ended.callId());
    assertThat(world.leases().endsRequested("server-b")).containsExactly(elsewhere.callId());
    assertThat(world.leases().endsRequested("server-a")).doesNotContain(untouched.callId());

    world
        .outcomes()
        .complete(
            List.of(Outcome.of(ended, Disposition.HUMAN_NOT_INTERESTED).seconds(4).result()),
            now.plusSeconds(4));

    assertThat(world.leases().endsRequested("server-a")).isEmpty();
    assertThat(world.requestEnd(CLIENT, ended.callId(), now.plusSeconds(5)))
        .isEqualTo(new EndRequest.NotActive());
  }

  @Test
  void anotherClientsCallOrAnUnknownOneCannotBeEnded() {
    world.leases().heartbeat("server-a", "host-a");
    CampaignId campaign = campaignWith(1);
    ClaimedCall call = call(campaign, now, "server-a");

    assertThat(world.requestEnd(OTHER_CLIENT, call.callId(), now))
        .isEqualTo(new EndRequest.NotFound());
    assertThat(world.requestEnd(CLIENT, io.outdial.core.id.CallId.random(), now))
        .isEqualTo(new EndRequest.NotFound());
    assertThat(world.leases().endsRequested("server-a")).isEmpty();
  }

  @Test
  void aLostCallIsNoLongerToBeEnded() {
    world.leases().heartbeat("server-a", "host-a");
    CampaignId campaign = campaignWith(1);
    ClaimedCall call = call(campaign, now, "server-a");
    world.requestEnd(CLIENT, call.callId(), now);
    world.leases().expire("server-a");

    assertThat(reclaim()).isEqualTo(1);

    assertThat(world.leases().endsRequested("server-a")).isEmpty();
    assertThat(world.requestEnd(CLIENT, call.callId(), now)).isEqualTo(new EndRequest.NotActive());
  }
}
