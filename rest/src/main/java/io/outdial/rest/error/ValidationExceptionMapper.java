package io.outdial.rest.error;

import io.outdial.core.ValidationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A value that broke a domain rule: 400, with the message that names the field. */
@Provider
public class ValidationExceptionMapper implements ExceptionMapper<ValidationException> {
  @Override
  public Response toResponse(ValidationException e) {
    return ErrorBody.response(Response.Status.BAD_REQUEST, e.getMessage());
  }
}
