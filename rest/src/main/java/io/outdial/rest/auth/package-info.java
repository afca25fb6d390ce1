/**
 * Who is calling {@code /api/v1}: the API key (in {@code X-API-Key}, or {@code Authorization:
 * Bearer}), the scope each resource needs, the client the key belongs to, and the sliding-window
 * rate limit per key with its response headers.
 */
package io.outdial.rest.auth;
