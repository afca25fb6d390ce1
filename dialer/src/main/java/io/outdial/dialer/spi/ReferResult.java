package io.outdial.dialer.spi;

import java.util.Optional;

/**
 * The carrier's answer to a blind transfer ({@link CallHandle#refer}).
 *
 * @param accepted the far end took the referral (SIP 202): the callee's leg leaves Outdial
 * @param providerStatus the carrier's status, e.g. 202, or 403/405/501 for a refusal
 */
public record ReferResult(boolean accepted, Optional<Integer> providerStatus) {
  public static ReferResult accepted(int status) {
    return new ReferResult(true, Optional.of(status));
  }

  public static ReferResult refused(int status) {
    return new ReferResult(false, Optional.of(status));
  }
}
