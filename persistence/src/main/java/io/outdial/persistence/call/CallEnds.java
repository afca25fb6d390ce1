package io.outdial.persistence.call;

import io.outdial.core.id.CallId;
import io.outdial.core.id.ClientId;
import java.time.Instant;

/**
 * Requests to end live calls. A request is written on the call's row ({@code end_requested_at}),
 * whichever server receives it; the server holding the call reads the requests for its calls at
 * every dispatcher refresh ({@link io.outdial.persistence.dialing.DialerLeases#endsRequested}) and
 * hangs them up. A request survives the server that received it and needs no message between
 * servers.
 */
public interface CallEnds {
  /** Records the client's request to end the call, if the call is still open. */
  EndRequest request(ClientId client, CallId call, Instant now);
}
