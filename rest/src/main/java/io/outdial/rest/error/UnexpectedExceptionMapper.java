package io.outdial.rest.error;

import io.outdial.rest.limits.BodyTooLargeException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything no other mapper claimed: logged in full with an incident id, answered with a generic 500
 * carrying only that id so that an operator can find the log entry.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

  @Override
  public Response toResponse(Throwable e) {
    Optional<BodyTooLargeException> tooLarge = BodyTooLargeException.in(e);
    if (tooLarge.isPresent()) {
      return tooLarge.get().response(); // the refusal of an oversized body, wrapped or not
    }
    String incident = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "Unexpected error, incident " + incident, e);
    return ErrorBody.response(
        Response.Status.INTERNAL_SERVER_ERROR, "Internal server error (incident " + incident + ")");
  }
}
