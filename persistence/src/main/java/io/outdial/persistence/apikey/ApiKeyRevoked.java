package io.outdial.persistence.apikey;

import io.outdial.core.apikey.KeyHash;

/** Fired (synchronously) when this server revokes a key, so that caches drop it at once. */
public record ApiKeyRevoked(KeyHash hash) {}
