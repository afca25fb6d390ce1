/**
 * Identifiers of the domain as validating records: campaigns ({@code camp_...}), calls ({@code
 * call_...}), background jobs ({@code job_...}) and clients. Each parses what a client sends,
 * rejecting malformed values with a {@link io.outdial.core.ValidationException} that names the
 * field, and can generate a fresh random id from an injected random source.
 */
package io.outdial.core.id;
