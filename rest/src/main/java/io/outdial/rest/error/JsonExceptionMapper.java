package io.outdial.rest.error;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.stream.Collectors;

/**
 * A request body that is not JSON, or JSON of the wrong shape: 400 naming the field, without
 * Jackson's own message (it quotes Java class names).
 */
@Provider
public class JsonExceptionMapper implements ExceptionMapper<JacksonException> {
  @Override
  public Response toResponse(JacksonException e) {
    return ErrorBody.response(Response.Status.BAD_REQUEST, detail(e));
  }

  static String detail(JacksonException e) {
    if (e instanceof JsonParseException || !(e instanceof DatabindException)) {
      return "Request body is not valid JSON"
          + (e.getLocation() == null
              ? ""
              : " (line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + ")");
    }
    String path =
        ((JsonMappingException) e)
            .getPath().stream()
                .map(
                    ref ->
                        ref.getFieldName() != null
                            ? ref.getFieldName()
                            : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    return path.isEmpty()
        ? "Request body has the wrong JSON type (expected an object)"
        : path + " has the wrong type";
  }
}
