package io.outdial.core.campaign;

import static io.outdial.core.campaign.CampaignAction.CANCEL;
import static io.outdial.core.campaign.CampaignAction.COMPLETE;
import static io.outdial.core.campaign.CampaignAction.FAIL;
import static io.outdial.core.campaign.CampaignAction.PAUSE;
import static io.outdial.core.campaign.CampaignAction.RESUME;
import static io.outdial.core.campaign.CampaignAction.SCHEDULE;
import static io.outdial.core.campaign.CampaignAction.START;
import static io.outdial.core.campaign.CampaignStatus.ACTIVE;
import static io.outdial.core.campaign.CampaignStatus.CANCELLED;
import static io.outdial.core.campaign.CampaignStatus.COMPLETED;
import static io.outdial.core.campaign.CampaignStatus.FAILED;
import static io.outdial.core.campaign.CampaignStatus.PAUSED;
import static io.outdial.core.campaign.CampaignStatus.QUEUED;
import static io.outdial.core.campaign.CampaignStatus.SCHEDULED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.core.DomainException;
import io.outdial.core.ValidationException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CampaignLifecycleTest {
  @ParameterizedTest(name = "{0} --{1}--> {2}")
  @CsvSource({
    "QUEUED, SCHEDULE, SCHEDULED",
    "QUEUED, START, ACTIVE",
    "SCHEDULED, START, ACTIVE",
    "ACTIVE, PAUSE, PAUSED",
    "SCHEDULED, PAUSE, PAUSED",
    "PAUSED, RESUME, ACTIVE",
    "ACTIVE, COMPLETE, COMPLETED",
    "PAUSED, COMPLETE, COMPLETED",
    "QUEUED, CANCEL, CANCELLED",
    "SCHEDULED, CANCEL, CANCELLED",
    "ACTIVE, CANCEL, CANCELLED",
    "PAUSED, CANCEL, CANCELLED",
    "QUEUED, FAIL, FAILED",
    "SCHEDULED, FAIL, FAILED",
    "ACTIVE, FAIL, FAILED",
    "PAUSED, FAIL, FAILED",
  })
  void allowedActionsMoveTheCampaign(
      CampaignStatus from, CampaignAction action, CampaignStatus to) {
    Transition t = CampaignLifecycle.apply(from, action);
    assertThat(t.to()).isEqualTo(to);
    assertThat(t.changed()).isTrue();
  }

  @Test
  void pausingAPausedCampaignIsANoOpReportingPaused() {
    Transition t = CampaignLifecycle.apply(PAUSED, PAUSE);
    assertThat(t.to()).isEqualTo(PAUSED);
    assertThat(t.changed()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "SCHEDULED, SCHEDULE",
    "ACTIVE, START",
    "ACTIVE, RESUME",
    "SCHEDULED, RESUME",
    "COMPLETED, COMPLETE",
    "CANCELLED, CANCEL",
    "FAILED, FAIL"
  })
  void repeatingAnActionThatAlreadyHoldsChangesNothing(CampaignStatus s, CampaignAction a) {
    assertThat(CampaignLifecycle.apply(s, a)).isEqualTo(new Transition(s, a, s));
  }

  @Test
  void resumingACompletedCampaignIsAConflictNamingStateAndAction() {
    assertThatThrownBy(() -> CampaignLifecycle.apply(COMPLETED, RESUME))
        .isInstanceOf(IllegalTransitionException.class)
        .isInstanceOf(DomainException.class)
        .hasMessage("cannot resume a campaign that is completed")
        .satisfies(
            e -> {
              IllegalTransitionException ite = (IllegalTransitionException) e;
              assertThat(ite.from()).isEqualTo(COMPLETED);
              assertThat(ite.action()).isEqualTo(RESUME);
            });
  }

  @ParameterizedTest
  @CsvSource({
    "QUEUED, PAUSE",
    "QUEUED, RESUME",
    "QUEUED, COMPLETE",
    "ACTIVE, SCHEDULE",
    "PAUSED, START",
    "PAUSED, SCHEDULE",
    "CANCELLED, START",
    "CANCELLED, RESUME",
    "FAILED, CANCEL",
    "COMPLETED, CANCEL",
    "COMPLETED, PAUSE"
  })
  void impossibleActionsAreRefused(CampaignStatus s, CampaignAction a) {
    assertThatThrownBy(() -> CampaignLifecycle.apply(s, a))
        .isInstanceOf(IllegalTransitionException.class);
    assertThat(CampaignLifecycle.tryApply(s, a)).isEmpty();
  }

  @Test
  void terminalStatesAcceptOnlyTheirOwnRepetition() {
    for (CampaignStatus s : CampaignStatus.values()) {
      if (!s.isTerminal()) {
        continue;
      }
      long accepted =
          Arrays.stream(CampaignAction.values())
              .filter(a -> CampaignLifecycle.tryApply(s, a).isPresent())
              .count();
      assertThat(accepted).as(s.wireName()).isEqualTo(1);
    }
  }

  @Test
  void onlyActiveCampaignsDial() {
    assertThat(Arrays.stream(CampaignStatus.values()).filter(CampaignStatus::isDialing))
        .containsExactly(ACTIVE);
  }

  @Test
  void statusesUseLowerCaseWireNames() {
    assertThat(CampaignStatus.fromWire("queued")).isEqualTo(QUEUED);
    assertThat(CANCELLED.wireName()).isEqualTo("cancelled");
    assertThat(CampaignAction.fromWire("resume")).isEqualTo(RESUME);
    assertThatThrownBy(() -> CampaignStatus.fromWire("QUEUED"))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("status must be one of: queued, scheduled, active");
  }

  @Test
  void failedIsTerminalButPausedIsNot() {
    assertThat(FAILED.isTerminal()).isTrue();
    assertThat(PAUSED.isTerminal()).isFalse();
    assertThat(CampaignLifecycle.apply(PAUSED, RESUME).to()).isEqualTo(ACTIVE);
  }

  @Test
  void scheduleThenStartReachesActive() {
    CampaignStatus s = CampaignLifecycle.apply(QUEUED, SCHEDULE).to();
    assertThat(CampaignLifecycle.apply(s, START).to()).isEqualTo(ACTIVE);
    assertThat(CampaignLifecycle.apply(ACTIVE, CANCEL).to()).isEqualTo(CANCELLED);
    assertThat(CampaignLifecycle.apply(ACTIVE, COMPLETE).to()).isEqualTo(COMPLETED);
    assertThat(CampaignLifecycle.apply(ACTIVE, FAIL).to()).isEqualTo(FAILED);
  }

  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

  @Test
  void resumingAPausedCampaignBeforeItsStartTimeMakesItScheduledAgain() {
    Transition t =
        CampaignLifecycle.tryApply(PAUSED, RESUME, Optional.of(NOW.plusSeconds(60)), NOW)
            .orElseThrow();
    assertThat(t.to()).isEqualTo(SCHEDULED);
    assertThat(t.changed()).isTrue();
  }

  @Test
  void resumingAPausedCampaignWhoseStartTimePassedMakesItActive() {
    assertThat(CampaignLifecycle.tryApply(PAUSED, RESUME, Optional.of(NOW), NOW))
        .contains(new Transition(PAUSED, RESUME, ACTIVE));
    assertThat(CampaignLifecycle.tryApply(PAUSED, RESUME, Optional.empty(), NOW))
        .contains(new Transition(PAUSED, RESUME, ACTIVE));
  }

  @Test
  void aStartTimeChangesNoOtherAction() {
    Optional<Instant> later = Optional.of(NOW.plusSeconds(60));
    for (CampaignStatus s : CampaignStatus.values()) {
      for (CampaignAction a : CampaignAction.values()) {
        if (s == PAUSED && a == RESUME) {
          continue;
        }
        assertThat(CampaignLifecycle.tryApply(s, a, later, NOW))
            .as(s + " " + a)
            .isEqualTo(CampaignLifecycle.tryApply(s, a));
      }
    }
  }

  @Test
  void aCampaignStartingLaterIsScheduledAndOneStartingNowOrEarlierIsQueued() {
    assertThat(CampaignLifecycle.initial(Optional.of(NOW.plusMillis(1)), NOW)).isEqualTo(SCHEDULED);
    assertThat(CampaignLifecycle.initial(Optional.of(NOW), NOW)).isEqualTo(QUEUED);
    assertThat(CampaignLifecycle.initial(Optional.of(NOW.minusSeconds(3600)), NOW))
        .isEqualTo(QUEUED);
    assertThat(CampaignLifecycle.initial(Optional.empty(), NOW)).isEqualTo(QUEUED);
  }
}
