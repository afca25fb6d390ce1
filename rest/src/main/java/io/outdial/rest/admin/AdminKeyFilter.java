package io.outdial.rest.admin;

import io.outdial.persistence.admin.AdminKeys;
import io.outdial.rest.error.ErrorBody;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/** Lets a request to an admin resource through only with the admin key in {@code X-Admin-Key}. */
@Provider
@RequireAdminKey
@Priority(Priorities.AUTHENTICATION)
public class AdminKeyFilter implements ContainerRequestFilter {
  /** The header that carries the admin key. */
  public static final String HEADER = "X-Admin-Key";

  @Inject AdminKeys adminKeys;

  @Override
  public void filter(ContainerRequestContext request) {
    String presented = request.getHeaderString(HEADER);
    if (presented == null || presented.isBlank()) {
      request.abortWith(
          ErrorBody.response(Response.Status.UNAUTHORIZED, "Missing X-Admin-Key header"));
    } else if (!adminKeys.matches(presented.strip())) {
      request.abortWith(ErrorBody.response(Response.Status.UNAUTHORIZED, "Invalid admin key"));
    }
  }
}
