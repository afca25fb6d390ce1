package io.outdial.core.webhook;

import java.util.Locale;
import java.util.Optional;

/** What an integrator can subscribe an endpoint to. */
public enum EventType {
  /** A call was placed: the contact's number is being dialed. */
  CALL_STARTED("call.started"),
  /** A call ended, with its disposition, transcript and intents. */
  CALL_ENDED("call.ended"),
  /** Post-call analysis of a call is ready (once analysis exists; nothing sends it yet). */
  CALL_ANALYZED("call.analyzed"),
  /** A transfer of a live call to a human was accepted: the callee is being held. */
  CALL_TRANSFER_STARTED("call.transfer_started"),
  /** The callee and the human were bridged. */
  CALL_TRANSFER_COMPLETED("call.transfer_completed"),
  /**
   * A transfer did not reach a human (nobody free, no answer, refused, the callee hung up); with
   * nobody free, the event carries the callback task recorded instead.
   */
  CALL_TRANSFER_FAILED("call.transfer_failed"),
  /** A campaign moved from one status to another. */
  CAMPAIGN_STATUS_CHANGED("campaign.status_changed"),
  /** A background job (a contact upload) ended, completed or failed. */
  JOB_COMPLETED("job.completed");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  /** The name on the wire and in payloads, e.g. {@code call.ended}. */
  public String wireName() {
    return wireName;
  }

  /** The type of this wire name; matching ignores case. */
  public static Optional<EventType> fromWire(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (EventType type : values()) {
      if (type.wireName.equals(wanted)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
