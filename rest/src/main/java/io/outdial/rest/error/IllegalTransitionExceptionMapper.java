package io.outdial.rest.error;

import io.outdial.core.campaign.IllegalTransitionException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** An action the campaign's state does not allow (resume a completed campaign): 409. */
@Provider
public class IllegalTransitionExceptionMapper
    implements ExceptionMapper<IllegalTransitionException> {
  @Override
  public Response toResponse(IllegalTransitionException e) {
    return ErrorBody.response(Response.Status.CONFLICT, e.getMessage());
  }
}
