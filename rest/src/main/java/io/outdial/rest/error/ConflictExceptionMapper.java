package io.outdial.rest.error;

import io.outdial.core.ConflictException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * What the state of a campaign does not allow (resume a completed campaign, upload into a cancelled
 * one): 409.
 */
@Provider
public class ConflictExceptionMapper implements ExceptionMapper<ConflictException> {
  @Override
  public Response toResponse(ConflictException e) {
    return ErrorBody.response(Response.Status.CONFLICT, e.getMessage());
  }
}
