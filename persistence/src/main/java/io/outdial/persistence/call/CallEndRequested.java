package io.outdial.persistence.call;

import io.outdial.core.id.CallId;

/**
 * An integrator's request to end a call was recorded ({@link CallEnds#request}); fired after it, so
 * that this server's dispatcher looks at once instead of at its next refresh. Observers use {@code
 * during = AFTER_SUCCESS}.
 */
public record CallEndRequested(CallId callId) {}
