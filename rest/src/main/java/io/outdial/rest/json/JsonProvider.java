package io.outdial.rest.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * Reads and writes JSON with Jackson. Instants are ISO-8601 text ({@code 2025-03-15T10:30:00Z}),
 * unknown request fields are ignored so that clients may send more than we read, and a number where
 * text is expected is refused rather than silently converted.
 *
 * <p>What one document may hold is bounded below Jackson's defaults ({@link #READ_LIMITS}): no API
 * field is longer than a system prompt, nests deeper than a contact's fields, or needs a number of
 * more than a few digits. The body's size is bounded before it is parsed ({@link
 * io.outdial.rest.limits.RequestSizeFilter}).
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
@Produces({MediaType.APPLICATION_JSON, "application/*+json"})
public class JsonProvider extends JacksonJsonProvider {
  /** Longest text value or field name, nesting depth, longest number. */
  public static final StreamReadConstraints READ_LIMITS =
      StreamReadConstraints.builder()
          .maxStringLength(1 << 20)
          .maxNameLength(1_000)
          .maxNestingDepth(32)
          .maxNumberLength(100)
          .build();

  /** The one mapper of the API; also used by filters that write bodies themselves. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder(JsonFactory.builder().streamReadConstraints(READ_LIMITS).build())
          .addModule(new JavaTimeModule())
          .addModule(new Jdk8Module())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .build();

  public JsonProvider() {
    super(MAPPER);
  }
}
