package io.outdial.rest.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.outdial.rest.json.JsonProvider;
import org.junit.jupiter.api.Test;

/**
 * Documents past the API's JSON limits are refused while parsing, with a detail that says which.
 */
class JsonLimitsTest {
  private static String refusal(String json) {
    JacksonException e =
        catchThrowableOfType(
            JacksonException.class, () -> JsonProvider.MAPPER.readValue(json, JsonNode.class));
    assertThat(e).as("refused: %s...", json.substring(0, Math.min(40, json.length()))).isNotNull();
    return JsonExceptionMapper.detail(e);
  }

  @Test
  void aTextOverAMegaCharacterIsRefused() {
    assertThat(refusal("{\"system_prompt\": \"" + "a".repeat((1 << 20) + 1) + "\"}"))
        .startsWith("Request body is outside this API's limits: a text is longer than 1048576");
  }

  @Test
  void aLongTextBoundToARecordIsRefusedWithTheSameDetail() {
    JacksonException e =
        catchThrowableOfType(
            JacksonException.class,
            () ->
                JsonProvider.MAPPER.readValue(
                    "{\"name\": \"" + "a".repeat((1 << 20) + 1) + "\"}", Named.class));
    assertThat(JsonExceptionMapper.detail(e))
        .startsWith("Request body is outside this API's limits: a text is longer than 1048576");
  }

  record Named(String name) {}

  @Test
  void deepNestingIsRefused() {
    assertThat(refusal("[".repeat(10_000) + "]".repeat(10_000)))
        .startsWith("Request body is outside this API's limits: objects and arrays nest deeper");
  }

  @Test
  void aLongFieldNameIsRefused() {
    assertThat(refusal("{\"" + "n".repeat(5_000) + "\": 1}"))
        .startsWith("Request body is outside this API's limits: a field name is longer than");
  }

  @Test
  void aNumberOfAThousandDigitsIsRefused() {
    assertThat(refusal("{\"priority\": " + "9".repeat(1_000) + "}"))
        .startsWith("Request body is outside this API's limits: a number is longer than 100");
  }

  @Test
  void aDocumentWithinTheLimitsIsRead() throws Exception {
    JsonNode read =
        JsonProvider.MAPPER.readTree(
            "{\"contacts\": [{\"phone\": \"+15551234567\", \"notes\": \""
                + "x".repeat(100_000)
                + "\"}]}");
    assertThat(read.at("/contacts/0/notes").asText()).hasSize(100_000);
  }
}
