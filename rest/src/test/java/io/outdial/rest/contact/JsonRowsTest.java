package io.outdial.rest.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.outdial.core.ValidationException;
import io.outdial.rest.json.JsonProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The contacts of a JSON upload, read from its spooled body a contact at a time. */
class JsonRowsTest {
  @TempDir Path dir;

  private final List<Map<String, String>> rows = new ArrayList<>();
  private final List<Long> numbers = new ArrayList<>();
  private final List<Integer> progress = new ArrayList<>();

  private Path body(String json) throws IOException {
    return Files.writeString(dir.resolve("body.json"), json, StandardCharsets.UTF_8);
  }

  /** Checks the body, then reads its rows, as an upload does. */
  private void upload(String json, int maxRows, RowLimits limits) throws IOException {
    JsonRows reader = new JsonRows(limits);
    Path file = body(json);
    long total = reader.count(file, maxRows);
    reader.read(
        file,
        total,
        (row, fields, percent) -> {
          numbers.add(row);
          rows.add(fields);
          progress.add(percent);
        });
    assertThat(rows).hasSize((int) total);
  }

  private void upload(String json) throws IOException {
    upload(json, 100_000, RowLimits.DEFAULT);
  }

  @Test
  void theRowOneOverTheMaximumIsRefusedWithoutReadingFurther() throws IOException {
    String contact = "{\"phone\": \"+12022000001\"}";
    upload(
        "[" + String.join(",", List.of(contact, contact, contact, contact, contact)) + "]",
        5,
        RowLimits.DEFAULT);
    assertThat(rows).hasSize(5);

    // what follows the sixth contact is not even JSON: the refusal comes before it is read
    Path tooMany = body("[" + (contact + ",").repeat(6) + " not JSON at all");
    assertThatThrownBy(() -> new JsonRows(RowLimits.DEFAULT).count(tooMany, 5))
        .isInstanceOf(ValidationException.class)
        .hasMessage("At most 5 contacts per JSON upload; upload a file for more")
        .extracting(e -> ((ValidationException) e).field())
        .isEqualTo("body");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[\n  {\"phone\": \"+12022000001\",}\n]",
        "[{\"phone\": \"+12022000001\"}",
        "[{\"phone\": ",
        "[1 2]",
        "[{\"phone\": \"+12022000001\"}] {}",
        "nope"
      })
  void malformedJsonIsRefusedWithItsLineAndColumnAsTheMapperDidIt(String json) {
    String expected;
    try {
      JsonNode tree = JsonProvider.MAPPER.readTree(json);
      // the mapper the API binds bodies with ignores what follows the first value
      expected = tree.isArray() ? null : "unexpected: " + tree;
    } catch (JsonProcessingException e) {
      expected =
          "Request body is not valid JSON (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")";
    }
    String message = expected;
    assertThatThrownBy(() -> new JsonRows(RowLimits.DEFAULT).count(body(json), 100))
        .isInstanceOf(ValidationException.class)
        .satisfies(
            e -> {
              if (message == null) {
                assertThat(e)
                    .hasMessageMatching("Request body is not valid JSON \\(line 1, column \\d+\\)");
              } else {
                assertThat(e).hasMessage(message);
              }
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  \n", "{\"phone\": \"+12022000001\"}", "42", "\"text\"", "null"})
  void aBodyThatIsNotAnArrayIsRefused(String json) {
    assertThatThrownBy(() -> new JsonRows(RowLimits.DEFAULT).count(body(json), 100))
        .isInstanceOf(ValidationException.class)
        .hasMessage("Request body must be a JSON array of contact objects");
  }

  @Test
  void elementsBecomeFieldsAsTheyDidWhenTheBodyWasBoundToATree() throws IOException {
    String json =
        """
        [1, "text", null, true, [{"phone": "+12022000001"}], {},
         {"phone": "+12022000002", "int": 12, "neg": -0, "float": 1.50, "exp": 1e10,
          "big": 123456789012345678901234567890, "long": 2022000003, "yes": true, "no": false,
          "empty": "", "nothing": null, "object": {"a": 1}, "array": [1, [2]],
          "Twice": "first", "between": "b", "Twice": "last", "gone": "x", "gone": null,
          "back": null, "back": "again", "unicode": "\\u00e9\\ud83d\\ude00"}]
        """;
    upload(json);
    List<Map<String, String>> expected = new ArrayList<>();
    for (JsonNode contact : JsonProvider.MAPPER.readTree(json)) {
      expected.add(treeFields(contact));
    }
    assertThat(rows).containsExactlyElementsOf(expected);
    assertThat(rows.subList(0, 6)).allSatisfy(fields -> assertThat(fields).isEmpty());
    assertThat(List.copyOf(rows.get(6).keySet()))
        .containsExactly(
            "phone", "int", "neg", "float", "exp", "big", "long", "yes", "no", "empty", "Twice",
            "between", "back", "unicode");
    assertThat(rows.get(6)).containsEntry("exp", "1.0E10").containsEntry("Twice", "last");
  }

  /** How uploads read a contact when the body was bound to a tree: the oracle of the test above. */
  private static Map<String, String> treeFields(JsonNode contact) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (contact != null && contact.isObject()) {
      contact
          .properties()
          .forEach(
              field -> {
                JsonNode value = field.getValue();
                if (value.isValueNode() && !value.isNull()) {
                  fields.put(field.getKey(), value.asText());
                }
              });
    }
    return fields;
  }

  @Test
  void rowsAreNumberedFromOneWithTheirProgress() throws IOException {
    upload("[{\"phone\": \"1\"}, {\"phone\": \"2\"}, {\"phone\": \"3\"}]");
    assertThat(numbers).containsExactly(1L, 2L, 3L);
    assertThat(progress).containsExactly(33, 66, 99);
  }

  @Test
  void aContactWithTooManyFieldsIsRefused() {
    RowLimits limits = new RowLimits(1_000, 3);
    assertThatThrownBy(
            () ->
                upload(
                    "[{\"phone\": \"1\"}, {\"phone\": \"2\", \"a\": 1, \"b\": null, \"c\": 3}]",
                    10,
                    limits))
        .isInstanceOf(ValidationException.class)
        .hasMessage("body[1] has more than 3 fields (OUTDIAL_UPLOAD_MAX_COLUMNS)");
    assertThat(rows).isEmpty();
  }

  @Test
  void aTextLongerThanTheLimitIsRefusedAsItIsRead() {
    String json = "[{\"phone\": \"1\", \"notes\": \"" + "x".repeat(101) + "\"}]";
    assertThatThrownBy(() -> upload(json, 10, new RowLimits(100, 10)))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "body[0] holds a text of more than 100 characters (OUTDIAL_UPLOAD_MAX_RECORD_CHARS)");
    String name = "[{\"phone\": \"1\", \"" + "n".repeat(101) + "\": 1}]";
    assertThatThrownBy(() -> upload(name, 10, new RowLimits(100, 10)))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "body[0] holds a text of more than 100 characters (OUTDIAL_UPLOAD_MAX_RECORD_CHARS)");
  }

  @Test
  void aContactWhoseTextsAddUpOverTheLimitIsRefused() {
    String json =
        "[{\"phone\": \"1\"}, {\"phone\": \"2\", \"a\": \""
            + "x".repeat(60)
            + "\", \"b\": \""
            + "y".repeat(60)
            + "\"}]";
    assertThatThrownBy(() -> upload(json, 10, new RowLimits(100, 10)))
        .isInstanceOf(ValidationException.class)
        .hasMessage("body[1] holds more than 100 characters (OUTDIAL_UPLOAD_MAX_RECORD_CHARS)");
  }

  @Test
  void textsThatAreNotKeptAreNotCounted() throws IOException {
    // nested values and elements that are not objects are skipped without being read whole
    String big = "z".repeat(500);
    upload(
        "[{\"phone\": \"1\", \"nested\": {\"x\": \""
            + big
            + "\"}, \"list\": [\""
            + big
            + "\"]}, \""
            + big
            + "\"]",
        10,
        new RowLimits(100, 10));
    assertThat(rows).containsExactly(Map.of("phone", "1"), Map.of());
  }

  @Test
  void metadataIsHandedOnAsCompactJsonWhateverItsValue() throws IOException {
    upload(
        """
        [{"phone": "1", "metadata": {"crm_id": "A-17", "tags": [1, true, null],
                                     "nested": {"x": 1.5}}},
         {"phone": "2", "Metadata": ["not", "an", "object"]},
         {"phone": "3", "metadata": "{\\"a\\": 1}"},
         {"phone": "4", "metadata": 12},
         {"phone": "5", "metadata": null}]
        """);

    assertThat(rows.get(0))
        .containsEntry(
            "metadata", "{\"crm_id\":\"A-17\",\"tags\":[1,true,null],\"nested\":{\"x\":1.5}}");
    assertThat(rows.get(1)).containsEntry("Metadata", "[\"not\",\"an\",\"object\"]");
    // a text stays a JSON text: ContactFields then refuses it as not an object
    assertThat(rows.get(2)).containsEntry("metadata", "\"{\\\"a\\\": 1}\"");
    assertThat(rows.get(3)).containsEntry("metadata", "12");
    assertThat(rows.get(4)).containsOnlyKeys("phone");
  }

  @Test
  void metadataCountsInTheRecordLimitAndIsRefusedAsItIsCopied() {
    String json =
        "[{\"phone\": \"1\", \"metadata\": {\"a\": ["
            + "\"xxxxxxxxxx\",".repeat(50)
            + "\"end\"]}}]";
    assertThatThrownBy(() -> upload(json, 10, new RowLimits(100, 10)))
        .isInstanceOf(ValidationException.class)
        .hasMessage("body[0] holds more than 100 characters (OUTDIAL_UPLOAD_MAX_RECORD_CHARS)");
  }
}
