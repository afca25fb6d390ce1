/**
 * Outdial's dialer: the dispatcher that claims due contacts and places calls on managed executors,
 * the telephony and voice-agent service-provider interfaces, and the built-in simulated carrier and
 * scripted agent. Calls are events, not threads: a call in flight holds no thread.
 *
 * <p>Not built yet: this module holds only its place in the build (see the dialer issue).
 */
module io.outdial.dialer {
  requires transitive io.outdial.persistence;
}
