/**
 * The simulated carrier: Outdial's embedded default telephony provider. It is a simulator, not a
 * carrier, and places no real call: each call's fate is drawn from a configurable outcome mix with
 * a seeded random source, the simulated callees answer in words according to their persona, and
 * every delay (ringing, talking, the machine's greeting) is a task on the injected scheduler,
 * shrunk or removed by the time scale. Same seed and same sequence of calls give the same outcomes.
 */
package io.outdial.dialer.sim;
