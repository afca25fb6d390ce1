/**
 * The dialing scheduler, Outdial's priority queue: given the active campaigns' priorities,
 * concurrency caps, calls in flight and due contacts, and the free global and per-client capacity,
 * it answers which campaigns get the next dial slots (strict priority, fair share within a
 * priority, never over a cap, never idle while work waits), in O(log n) per decision.
 */
package io.outdial.core.dialing;
