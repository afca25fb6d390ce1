package io.outdial.rest.error;

import com.fasterxml.jackson.core.JacksonException;
import io.outdial.rest.limits.BodyTooLargeException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;

/**
 * The framework's own refusals (no such route, wrong method, wrong content type, ...) and any
 * {@link WebApplicationException} a resource throws, as {@code {"detail": ...}} with their status.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
  @Override
  public Response toResponse(WebApplicationException e) {
    // a reader that wraps the refusal of an oversized body (as a 400, say) does not change it
    Optional<BodyTooLargeException> tooLarge = BodyTooLargeException.in(e.getCause());
    if (tooLarge.isPresent()) {
      return tooLarge.get().response();
    }
    Response original = e.getResponse();
    Response.StatusType status = original.getStatusInfo();
    Response.ResponseBuilder response =
        Response.fromResponse(ErrorBody.response(status, detail(e, status)));
    // keep headers such as Allow (405) and Retry-After (429, 503) that tell the client what to do
    original
        .getHeaders()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("Content-Type")
                  && !name.equalsIgnoreCase("Content-Length")) {
                response.header(name, null);
                values.forEach(value -> response.header(name, value));
              }
            });
    return response.build();
  }

  private static String detail(WebApplicationException e, Response.StatusType status) {
    if (e.getCause() instanceof JacksonException json) {
      return JsonExceptionMapper.detail(json);
    }
    String message = e.getMessage();
    // a message set by our own code is meant for the client; the framework's are not
    boolean ours =
        e.getCause() == null
            && message != null
            && !message.startsWith("HTTP ")
            && !message.startsWith("RESTEASY");
    if (ours) {
      return message;
    }
    return switch (status.getStatusCode()) {
      case 404 -> "Not found";
      case 405 -> "Method not allowed on this path";
      case 406 -> "Not acceptable: this endpoint answers application/json";
      case 415 -> "Unsupported Content-Type: send application/json";
      default -> status.getReasonPhrase();
    };
  }
}
