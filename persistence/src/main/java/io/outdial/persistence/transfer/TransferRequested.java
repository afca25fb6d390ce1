package io.outdial.persistence.transfer;

import io.outdial.core.id.CallId;

/**
 * A transfer (or, with nobody free, a callback) of a live call was recorded ({@link
 * CallTransfers#request}); fired after it, so that this server's dispatcher looks at once instead
 * of at its next refresh. Observers use {@code during = AFTER_SUCCESS}.
 */
public record TransferRequested(CallId callId) {}
