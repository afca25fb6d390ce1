package io.outdial.dialer.spi;

import io.outdial.core.WireNames;
import io.outdial.core.call.ErrorReason;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a provider could not carry a call.
 *
 * @param reason the provider-independent reason, stored as the call's error reason
 * @param providerStatus the carrier's own code when it gave one (a SIP status such as 503)
 * @param detail a short human-readable explanation for logs and the audit trail; never secrets
 */
public record CallFailure(Reason reason, Optional<Integer> providerStatus, String detail) {
  /** Provider-independent failure reasons; busy and no answer are not failures but own events. */
  public enum Reason {
    /** The number does not exist or cannot be routed (SIP 404, 484, 604). */
    INVALID_NUMBER,
    /** The far end or the carrier refused the call (SIP 403, 488, 603). */
    REJECTED,
    /** The network did not carry the signalling (transport error, no response in time). */
    NETWORK,
    /** The carrier answered with a server error (SIP 5xx) or broke its own protocol. */
    PROVIDER_ERROR,
    /** The call was up but its audio could not be sent or received (RTP, TTS, STT). */
    MEDIA;

    public String wireName() {
      return WireNames.of(this);
    }

    /** The audit record's error reason for this failure. */
    public ErrorReason errorReason() {
      return ErrorReason.valueOf(name());
    }
  }

  public CallFailure {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(providerStatus, "providerStatus");
    Objects.requireNonNull(detail, "detail");
    providerStatus.ifPresent(
        code -> {
          if (code < 0) {
            throw new IllegalArgumentException("providerStatus must not be negative: " + code);
          }
        });
  }

  public static CallFailure of(Reason reason, String detail) {
    return new CallFailure(reason, Optional.empty(), detail);
  }

  public static CallFailure of(Reason reason, int providerStatus, String detail) {
    return new CallFailure(reason, Optional.of(providerStatus), detail);
  }
}
