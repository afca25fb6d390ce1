package io.outdial.rest.error;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of every error response.
 *
 * @param detail what went wrong, in words a client developer can act on
 */
@Schema(name = "Error", description = "Every 4xx and 5xx answer has this shape")
public record ErrorBody(@Schema(examples = "name is required") String detail) {

  /** A JSON error response with this status and detail. */
  public static Response response(Response.StatusType status, String detail) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorBody(detail))
        .build();
  }
}
