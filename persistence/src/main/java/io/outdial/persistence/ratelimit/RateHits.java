package io.outdial.persistence.ratelimit;

/**
 * Requests of one key under one policy allowed by one server in one second.
 *
 * @param second seconds since the epoch
 */
public record RateHits(String policy, String keyHash, long second, int hits) {}
