/**
 * The Outdial campaign domain as a plain Java library.
 *
 * <p>Campaign lifecycle, validating value objects, the dialing scheduler, the sliding-window rate
 * limiter, retry policy, calling hours, phone-number rules and stats arithmetic. It knows nothing
 * of HTTP, JPA or threads: time comes in through an injected {@link java.time.Clock} or nano
 * source, so every rule can be tested by moving time by hand.
 */
module io.outdial.core {
  requires com.google.i18n.phonenumbers.libphonenumber;

  exports io.outdial.core;
  exports io.outdial.core.apikey;
}
