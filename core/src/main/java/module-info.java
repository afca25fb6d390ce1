/**
 * The Outdial campaign domain as a plain Java library.
 *
 * <p>Campaign lifecycle, validating value objects, the dialing scheduler, the sliding-window rate
 * limiter, retry policy, calling hours, phone-number rules and stats arithmetic. It knows nothing
 * of HTTP, JPA or threads: time comes in through an injected {@link java.time.Clock} or nano
 * source, so every rule can be tested by moving time by hand.
 *
 * <p>libphonenumber stays an implementation detail (no libphonenumber type appears in this API).
 * Its {@code geocoder} artifact, which supplies recipients' time zones, shares libphonenumber's
 * package and so cannot be a module of its own: the build patches it into the libphonenumber module
 * at compile time, and at run time both jars sit on the class path.
 */
module io.outdial.core {
  requires com.google.i18n.phonenumbers.libphonenumber;

  exports io.outdial.core;
  exports io.outdial.core.admin;
  exports io.outdial.core.agent;
  exports io.outdial.core.apikey;
  exports io.outdial.core.id;
  exports io.outdial.core.campaign;
  exports io.outdial.core.contact;
  exports io.outdial.core.dialing;
  exports io.outdial.core.ratelimit;
  exports io.outdial.core.retry;
  exports io.outdial.core.calling;
  exports io.outdial.core.call;
  exports io.outdial.core.stats;
  exports io.outdial.core.webhook;
  exports io.outdial.core.settings;
  exports io.outdial.core.job;
  exports io.outdial.core.transfer;
  exports io.outdial.core.sms;
}
