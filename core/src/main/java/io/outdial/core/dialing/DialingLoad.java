package io.outdial.core.dialing;

/**
 * How busy dialing keeps this server, for background work that must yield to it (webhook
 * deliveries): the share of time, 0 to 1, that the dialer's serial work (dispatching, writing
 * outcomes) was running since the last look. A dialer placing a few calls a second is busy a few
 * percent of the time; one that cannot keep up is busy all of it.
 */
public interface DialingLoad {
  /** A server that does not dial: never busy, nothing to yield to. */
  DialingLoad NONE = () -> 0;

  /**
   * The busiest share of time of the dialer's serial work since the previous call, 0 to 1; negative
   * when not known yet. Meant for one reader.
   */
  double sinceLastLook();
}
