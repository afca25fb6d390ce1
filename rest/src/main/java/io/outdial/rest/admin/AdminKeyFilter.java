package io.outdial.rest.admin;

import io.outdial.core.admin.KeyAttempt;
import io.outdial.persistence.admin.AdminKeys;
import io.outdial.rest.error.ErrorBody;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Lets a request to an admin resource through only with the admin key in {@code X-Admin-Key}.
 *
 * <p>Wrong keys are slowed down per client address by the same rule, and the same count, as the
 * admin pages' sign-in ({@link AdminKeys#attempt}): from the third wrong key in a row the address
 * is locked out, and during a lock-out every request with a key gets 429 with {@code Retry-After}
 * before its key is compared. A request without the header is not a guess: 401, uncounted.
 */
@Provider
@RequireAdminKey
@Priority(Priorities.AUTHENTICATION)
public class AdminKeyFilter implements ContainerRequestFilter {
  /** The header that carries the admin key. */
  public static final String HEADER = "X-Admin-Key";

  @Inject AdminKeys adminKeys;
  @Context HttpServletRequest servletRequest;

  @Override
  public void filter(ContainerRequestContext request) {
    String presented = request.getHeaderString(HEADER);
    if (presented == null || presented.isBlank()) {
      request.abortWith(
          ErrorBody.response(Response.Status.UNAUTHORIZED, "Missing X-Admin-Key header"));
      return;
    }
    switch (adminKeys.attempt(servletRequest.getRemoteAddr(), presented.strip())) {
      case KeyAttempt.Accepted accepted -> {}
      case KeyAttempt.Wrong wrong ->
          request.abortWith(ErrorBody.response(Response.Status.UNAUTHORIZED, "Invalid admin key"));
      case KeyAttempt.LockedOut locked -> request.abortWith(lockedOut(locked.seconds()));
    }
  }

  /** The answer during a lock-out. */
  static Response lockedOut(long seconds) {
    return Response.status(Response.Status.TOO_MANY_REQUESTS)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header("Retry-After", seconds)
        .entity(
            new ErrorBody(
                "Too many wrong admin keys from your address. Try again in " + seconds + " s."))
        .build();
  }
}
