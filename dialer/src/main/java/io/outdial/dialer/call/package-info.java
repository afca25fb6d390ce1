/**
 * Conducts one call from dial to outcome: {@link io.outdial.dialer.call.CallConductor} places the
 * call through a telephony provider and a {@link io.outdial.dialer.call.CallSession} reacts to each
 * of its events as a short task (asking the voice agent for the next line, leaving a voicemail
 * after the beep, enforcing the ring timeout and the maximum call length) until it finishes,
 * exactly once, with a {@link io.outdial.dialer.call.CallOutcome}. No thread waits for a call.
 */
package io.outdial.dialer.call;
