package io.outdial.rest.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.outdial.core.ValidationException;
import io.outdial.persistence.call.MetadataWrite;
import io.outdial.rest.json.JsonProvider;
import io.outdial.rest.limits.BodyTooLargeException;
import org.junit.jupiter.api.Test;

/** How the write-back maps its query and body; the merge itself is the store's. */
class CallMetadataResourceTest {
  private static JsonNode json(String text) throws Exception {
    return JsonProvider.MAPPER.readTree(text);
  }

  @Test
  void modeIsMergeByDefaultOrReplace() {
    assertThat(CallMetadataResource.mode(null)).isEqualTo(MetadataWrite.Mode.MERGE);
    assertThat(CallMetadataResource.mode("")).isEqualTo(MetadataWrite.Mode.MERGE);
    assertThat(CallMetadataResource.mode("merge")).isEqualTo(MetadataWrite.Mode.MERGE);
    assertThat(CallMetadataResource.mode("Replace")).isEqualTo(MetadataWrite.Mode.REPLACE);
  }

  @Test
  void anyOtherModeIsRefusedNamingMode() {
    assertThatThrownBy(() -> CallMetadataResource.mode("patch"))
        .isInstanceOf(ValidationException.class)
        .hasMessage("mode must be merge or replace")
        .extracting(e -> ((ValidationException) e).field())
        .isEqualTo("mode");
  }

  @Test
  void anObjectIsTheMetadata() throws Exception {
    JsonNode body = json("{\"outcome\": \"booked\", \"score\": 4}");

    assertThat(CallMetadataResource.checked(body, 1_000)).isSameAs(body);
  }

  @Test
  void aBodyThatIsNotAnObjectIsRefused() throws Exception {
    for (String text : new String[] {"[1, 2]", "\"text\"", "12", "null"}) {
      assertThatThrownBy(() -> CallMetadataResource.checked(json(text), 1_000))
          .as(text)
          .isInstanceOf(ValidationException.class)
          .hasMessage("Request body must be a JSON object (the call's metadata)");
    }
    assertThatThrownBy(() -> CallMetadataResource.checked(null, 1_000))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void aBodyNestedTooDeepIsRefused() throws Exception {
    JsonNode deep = json("{\"a\":".repeat(17) + "1" + "}".repeat(17));

    assertThatThrownBy(() -> CallMetadataResource.checked(deep, 1_000))
        .isInstanceOf(ValidationException.class)
        .hasMessage("The metadata nests deeper than 16 levels");
  }

  @Test
  void aBodyOverTheLimitIsTooLarge() throws Exception {
    JsonNode body = json("{\"a\": \"" + "x".repeat(100) + "\"}");

    assertThatThrownBy(() -> CallMetadataResource.checked(body, 50))
        .isInstanceOf(BodyTooLargeException.class)
        .hasMessage("The request body is larger than 50 bytes");
  }
}
