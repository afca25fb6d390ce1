package io.outdial.persistence.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class MetadataBoundsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void anObjectWithinTheBoundsFitsAsItsCompactText() throws Exception {
    JsonNode metadata = JSON.readTree("{ \"a\" : [1, 2], \"b\" : { \"c\" : \"é\" } }");

    assertThat(MetadataBounds.check(metadata, 1_000))
        .isEqualTo(new MetadataBounds.Verdict.Fits("{\"a\":[1,2],\"b\":{\"c\":\"é\"}}"));
  }

  @Test
  void onlyAnObjectIsMetadata() throws Exception {
    for (String json : new String[] {"[1]", "\"text\"", "12", "true", "null"}) {
      assertThat(MetadataBounds.check(JSON.readTree(json), 1_000))
          .as(json)
          .isEqualTo(new MetadataBounds.Verdict.NotAnObject());
    }
    assertThat(MetadataBounds.check(null, 1_000))
        .isEqualTo(new MetadataBounds.Verdict.NotAnObject());
  }

  @Test
  void theLimitCountsUtf8BytesOfTheCompactText() throws Exception {
    JsonNode metadata = JSON.readTree("{\"a\": \"éé\"}"); // {"a":"éé"} is 12 bytes

    assertThat(MetadataBounds.check(metadata, 12)).isInstanceOf(MetadataBounds.Verdict.Fits.class);
    assertThat(MetadataBounds.check(metadata, 11))
        .isEqualTo(new MetadataBounds.Verdict.TooLarge(11));
  }

  @Test
  void nestingIsBoundedWithTheObjectItselfAsTheFirstLevel() {
    assertThat(MetadataBounds.check(nested(MetadataBounds.MAX_DEPTH), 1_000_000))
        .isInstanceOf(MetadataBounds.Verdict.Fits.class);
    assertThat(MetadataBounds.check(nested(MetadataBounds.MAX_DEPTH + 1), 1_000_000))
        .isInstanceOf(MetadataBounds.Verdict.TooComplex.class);
  }

  @Test
  void membersAndArrayElementsAreBoundedTogether() {
    ObjectNode metadata = JSON.createObjectNode();
    ArrayNode list = metadata.putArray("list");
    for (int i = 1; i < MetadataBounds.MAX_MEMBERS; i++) {
      list.add(i);
    }
    assertThat(MetadataBounds.check(metadata, 1_000_000))
        .isInstanceOf(MetadataBounds.Verdict.Fits.class);

    metadata.put("one", "more");

    assertThat(MetadataBounds.check(metadata, 1_000_000))
        .isInstanceOf(MetadataBounds.Verdict.TooComplex.class);
  }

  /** An object of {@code levels} levels: {"a":{"a":...{}}}. */
  private static ObjectNode nested(int levels) {
    ObjectNode top = JSON.createObjectNode();
    ObjectNode current = top;
    for (int i = 1; i < levels; i++) {
      current = current.putObject("a");
    }
    return top;
  }
}
