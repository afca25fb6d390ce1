/**
 * Sliding-window rate limiting per key and per named policy: the {@link
 * io.outdial.core.ratelimit.RateLimiter} port, the policy table and an exact in-memory
 * implementation with idle-key eviction. A decision carries what the HTTP layer needs for its
 * headers and for {@code retry_after} on 429.
 */
package io.outdial.core.ratelimit;
