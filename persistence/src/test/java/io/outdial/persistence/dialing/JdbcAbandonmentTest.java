package io.outdial.persistence.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.core.call.AnsweredBy;
import io.outdial.core.campaign.CampaignStatus;
import io.outdial.core.contact.Disposition;
import io.outdial.core.dialing.AbandonmentPolicy;
import io.outdial.core.id.CampaignId;
import io.outdial.persistence.dialing.testing.DialingWorld;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The abandonment rule where outcomes are written, on PostgreSQL: slowed near the limit (claims
 * then take half the concurrency), paused above it with its reason, nothing judged below the
 * minimum sample, voicemails and unmeasured answers not counted.
 */
class JdbcAbandonmentTest extends DialingContract {
  /** At most 40 %, slowing from 20 %, judged from 4 live answers on. */
  private static final AbandonmentPolicy POLICY =
      new AbandonmentPolicy(40, 0.5, Duration.ofDays(30), 4);

  private static final AudioTimes HEARD_AT_ONCE =
      new AudioTimes(Optional.of(0), Optional.of(0), Optional.of(0));
  private static final AudioTimes KEPT_WAITING =
      new AudioTimes(Optional.of(4000), Optional.of(0), Optional.of(4000));

  private JdbcDialing jdbc;
  private CallOutcomes outcomes;

  @Override
  protected DialingWorld world() {
    jdbc = JdbcDialing.fresh();
    outcomes = new JdbcCallOutcomes(new PlainTransactor(jdbc.dataSource()), POLICY);
    return jdbc;
  }

  @Test
  void nearTheLimitTheCampaignIsSlowedAndAboveItPausedWithItsReason() {
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    world.status(campaign, CampaignStatus.ACTIVE);
    world.contacts(campaign, T.minusSeconds(60), phones(1, 9)); // one left: not settled
    List<ClaimedCall> calls = calls(campaign, 8, T, "server-a");

    // one abandoned in four: 25 %, from 20 % on the campaign is slowed
    complete(calls.get(0), HEARD_AT_ONCE, 10);
    complete(calls.get(1), HEARD_AT_ONCE, 11);
    complete(calls.get(2), KEPT_WAITING, 12);
    assertThat(slowed(campaign)).as("three live answers: not judged yet").isFalse();
    complete(calls.get(3), HEARD_AT_ONCE, 13);
    assertThat(slowed(campaign)).isTrue();
    assertThat(world.claims().dialable(T.plusSeconds(14), 100))
        .filteredOn(d -> d.id().equals(campaign))
        .singleElement()
        .satisfies(d -> assertThat(d.maxConcurrent().value()).isEqualTo(5));

    // a voicemail and an answer nobody measured count for nothing
    complete(calls.get(4), KEPT_WAITING, 15, Disposition.VOICEMAIL, AnsweredBy.MACHINE);
    complete(calls.get(5), AudioTimes.NONE, 16);
    assertThat(world.campaignStatus(campaign)).isEqualTo(CampaignStatus.ACTIVE);

    // three abandoned in six: 50 %, above the limit
    complete(calls.get(6), KEPT_WAITING, 17);
    complete(calls.get(7), KEPT_WAITING, 18);
    assertThat(world.campaignStatus(campaign)).isEqualTo(CampaignStatus.PAUSED);
    assertThat(text(campaign, "pause_reason")).isEqualTo("abandonment_rate_exceeded");
    assertThat(text(campaign, "abandonment_live_answers")).isEqualTo("6");
    assertThat(text(campaign, "abandonment_abandoned")).isEqualTo("3");
    assertThat(slowed(campaign)).isFalse();
  }

  @Test
  void oneEarlyAbandonedCallDoesNotPauseACampaign() {
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    world.status(campaign, CampaignStatus.ACTIVE);
    world.contacts(campaign, T.minusSeconds(60), phones(1, 2)); // one left: not settled
    complete(call(campaign, T, "server-a"), KEPT_WAITING, 10);
    assertThat(world.campaignStatus(campaign)).isEqualTo(CampaignStatus.ACTIVE);
    assertThat(text(campaign, "abandonment_abandoned")).isEqualTo("1");
  }

  private void complete(ClaimedCall call, AudioTimes audio, int second) {
    complete(call, audio, second, Disposition.HUMAN_INTERESTED, AnsweredBy.HUMAN);
  }

  private void complete(
      ClaimedCall call, AudioTimes audio, int second, Disposition disposition, AnsweredBy by) {
    assertThat(
            outcomes.complete(
                List.of(Outcome.of(call, disposition).answeredBy(by).audio(audio).result()),
                T.plusSeconds(second)))
        .isEqualTo(1);
  }

  private boolean slowed(CampaignId campaign) {
    return Boolean.parseBoolean(text(campaign, "slowed"));
  }

  private String text(CampaignId campaign, String column) {
    try (Connection c = jdbc.dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement("select " + column + "::text from campaign where id = ?")) {
      s.setString(1, campaign.value());
      try (ResultSet r = s.executeQuery()) {
        r.next();
        String value = r.getString(1);
        return value == null
            ? null
            : value.equals("t") ? "true" : value.equals("f") ? "false" : value;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
