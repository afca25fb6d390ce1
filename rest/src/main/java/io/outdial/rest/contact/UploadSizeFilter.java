package io.outdial.rest.contact;

import io.outdial.rest.error.ErrorBody;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses an upload whose declared length is over the limit before a byte of it is read (413). A
 * body without a declared length is counted while it is spooled instead ({@link UploadFiles}).
 */
@Provider
@LimitedUploadSize
@Priority(Priorities.USER)
public class UploadSizeFilter implements ContainerRequestFilter {
  @Inject UploadFiles files;

  @Override
  public void filter(ContainerRequestContext request) {
    int declared = request.getLength();
    if (declared > files.maxBytes()) {
      request.abortWith(
          ErrorBody.response(Response.Status.REQUEST_ENTITY_TOO_LARGE, files.tooLarge()));
    }
  }
}
