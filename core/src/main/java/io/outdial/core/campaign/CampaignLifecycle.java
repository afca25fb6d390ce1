package io.outdial.core.campaign;

import static io.outdial.core.campaign.CampaignStatus.ACTIVE;
import static io.outdial.core.campaign.CampaignStatus.CANCELLED;
import static io.outdial.core.campaign.CampaignStatus.COMPLETED;
import static io.outdial.core.campaign.CampaignStatus.FAILED;
import static io.outdial.core.campaign.CampaignStatus.PAUSED;
import static io.outdial.core.campaign.CampaignStatus.QUEUED;
import static io.outdial.core.campaign.CampaignStatus.SCHEDULED;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The campaign state machine.
 *
 * <p>An action whose target state already holds (pause a paused campaign) is an idempotent no-op
 * and reports the current state; an action the current state does not allow throws {@link
 * IllegalTransitionException}. The full table is in the module README.
 */
public final class CampaignLifecycle {
  private static final Map<CampaignStatus, Map<CampaignAction, CampaignStatus>> TABLE =
      new EnumMap<>(CampaignStatus.class);

  static {
    allow(QUEUED, CampaignAction.SCHEDULE, SCHEDULED);
    allow(QUEUED, CampaignAction.START, ACTIVE);
    allow(SCHEDULED, CampaignAction.START, ACTIVE);
    allow(ACTIVE, CampaignAction.PAUSE, PAUSED);
    // a scheduled campaign can be paused before its time; resuming it is decided by tryApply below
    allow(SCHEDULED, CampaignAction.PAUSE, PAUSED);
    allow(PAUSED, CampaignAction.RESUME, ACTIVE);
    // A paused campaign can complete: its last in-flight calls may end after the pause.
    allow(ACTIVE, CampaignAction.COMPLETE, COMPLETED);
    allow(PAUSED, CampaignAction.COMPLETE, COMPLETED);
    for (CampaignStatus s : new CampaignStatus[] {QUEUED, SCHEDULED, ACTIVE, PAUSED}) {
      allow(s, CampaignAction.CANCEL, CANCELLED);
      allow(s, CampaignAction.FAIL, FAILED);
    }
  }

  private CampaignLifecycle() {}

  private static void allow(CampaignStatus from, CampaignAction action, CampaignStatus to) {
    TABLE.computeIfAbsent(from, k -> new EnumMap<>(CampaignAction.class)).put(action, to);
  }

  /**
   * Applies {@code action} to a campaign in state {@code from}.
   *
   * @throws IllegalTransitionException if the action is neither allowed nor already satisfied
   */
  public static Transition apply(CampaignStatus from, CampaignAction action) {
    return tryApply(from, action).orElseThrow(() -> new IllegalTransitionException(from, action));
  }

  /** Like {@link #apply} but answers empty instead of throwing for an impossible action. */
  public static Optional<Transition> tryApply(CampaignStatus from, CampaignAction action) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(action, "action");
    CampaignStatus to = TABLE.getOrDefault(from, Map.of()).get(action);
    if (to != null) {
      return Optional.of(new Transition(from, action, to));
    }
    if (holdsAlready(from, action)) {
      return Optional.of(new Transition(from, action, from));
    }
    return Optional.empty();
  }

  /**
   * Like {@link #tryApply(CampaignStatus, CampaignAction)} for a campaign that may have a start
   * time: resuming a paused campaign whose {@code scheduledStart} is still after {@code now} makes
   * it {@code scheduled} again (it starts at its time, not at once); once the time has passed,
   * resuming makes it {@code active} as usual.
   */
  public static Optional<Transition> tryApply(
      CampaignStatus from, CampaignAction action, Optional<Instant> scheduledStart, Instant now) {
    Objects.requireNonNull(scheduledStart, "scheduledStart");
    Objects.requireNonNull(now, "now");
    Optional<Transition> plain = tryApply(from, action);
    if (plain.isPresent()
        && action == CampaignAction.RESUME
        && plain.get().to() == ACTIVE
        && plain.get().changed()
        && scheduledStart.filter(at -> at.isAfter(now)).isPresent()) {
      return Optional.of(new Transition(from, action, SCHEDULED));
    }
    return plain;
  }

  /**
   * The status a new campaign starts in: {@code scheduled} when its start time is after {@code
   * now}, else {@code queued} (it dials at once).
   */
  public static CampaignStatus initial(Optional<Instant> scheduledStart, Instant now) {
    Objects.requireNonNull(now, "now");
    return scheduledStart.filter(at -> at.isAfter(now)).isPresent()
        ? apply(QUEUED, CampaignAction.SCHEDULE).to()
        : QUEUED;
  }

  /** Whether {@code from} is already the state that {@code action} leads to. */
  private static boolean holdsAlready(CampaignStatus from, CampaignAction action) {
    return switch (action) {
      case SCHEDULE -> from == SCHEDULED;
      case START -> from == ACTIVE;
      // a scheduled campaign is not paused: resuming it leaves it waiting for its time
      case RESUME -> from == ACTIVE || from == SCHEDULED;
      case PAUSE -> from == PAUSED;
      case COMPLETE -> from == COMPLETED;
      case CANCEL -> from == CANCELLED;
      case FAIL -> from == FAILED;
    };
  }
}
