package io.outdial.rest.error;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.outdial.rest.json.JsonProvider;
import io.outdial.rest.limits.BodyTooLargeException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A request body that is not JSON, or JSON of the wrong shape: 400 naming the field, without
 * Jackson's own message (it quotes Java class names).
 */
@Provider
public class JsonExceptionMapper implements ExceptionMapper<JacksonException> {
  @Override
  public Response toResponse(JacksonException e) {
    Optional<BodyTooLargeException> tooLarge = BodyTooLargeException.in(e);
    if (tooLarge.isPresent()) {
      return tooLarge.get().response();
    }
    return ErrorBody.response(Response.Status.BAD_REQUEST, detail(e));
  }

  static String detail(JacksonException e) {
    // data binding wraps the parser's refusal with the path it was reading
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StreamConstraintsException limit) {
        return "Request body is outside this API's limits: " + limit(limit) + where(limit);
      }
    }
    if (e instanceof JsonParseException || !(e instanceof DatabindException)) {
      return "Request body is not valid JSON" + where(e);
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

  /** Which of {@link io.outdial.rest.json.JsonProvider#READ_LIMITS} the body broke, in words. */
  private static String limit(JacksonException e) {
    StreamReadConstraints limits = JsonProvider.READ_LIMITS;
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (message.startsWith("String value length")) {
      return "a text is longer than " + limits.getMaxStringLength() + " characters";
    }
    if (message.startsWith("Name length")) {
      return "a field name is longer than " + limits.getMaxNameLength() + " characters";
    }
    if (message.startsWith("Document nesting depth")) {
      return "objects and arrays nest deeper than " + limits.getMaxNestingDepth() + " levels";
    }
    if (message.startsWith("Number value length")) {
      return "a number is longer than " + limits.getMaxNumberLength() + " digits";
    }
    return "the document is too large";
  }

  private static String where(JacksonException e) {
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }
}
