package io.outdial.carrier.sip;

import java.util.Objects;

/**
 * How a SIP leg ended, for the call record: the provider-level reason, and the SIP status and
 * phrase as the far end gave them.
 *
 * @param reason why the leg ended
 * @param sipStatus the final SIP status that ended it (e.g. 486), or 0 when no SIP response did
 *     (our own timers, transport errors, a BYE after the answer)
 * @param detail the reason phrase or a short explanation; never secrets
 */
public record SipCallEnd(Reason reason, int sipStatus, String detail) {
  /** Why a leg ended. */
  public enum Reason {
    /** The callee hung up (BYE) after answering. */
    REMOTE_HANGUP,
    /** We hung up: {@link SipCall#hangUp()} or the endpoint closing. */
    LOCAL_HANGUP,
    /** 486 Busy Here or 600 Busy Everywhere. */
    BUSY,
    /** 408 or 480, or our ring timeout (then cancelled). */
    NO_ANSWER,
    /** 404, 484 or 604: the number does not exist or cannot be routed. */
    INVALID_NUMBER,
    /**
     * 488 or 606: the callee accepts none of our codecs (or answered with one we did not offer).
     */
    CODEC_REJECTED,
    /**
     * Any other final failure: other 4xx/5xx/6xx statuses, rejected authentication, no response
     * within the failure timeout, transport errors.
     */
    FAILED
  }

  public SipCallEnd {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
    if (sipStatus != 0 && (sipStatus < 100 || sipStatus > 699)) {
      throw new IllegalArgumentException("sipStatus must be 0 or 100..699, got: " + sipStatus);
    }
  }
}
