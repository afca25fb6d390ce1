package io.outdial.persistence.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link JsonMergePatch} against the examples of RFC 7396 (appendix A and section 3). */
class JsonMergePatchTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0} + {1} = {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"a\":\"b\"}                | {\"a\":\"c\"}              | {\"a\":\"c\"}",
        "{\"a\":\"b\"}                | {\"b\":\"c\"}              | {\"a\":\"b\",\"b\":\"c\"}",
        "{\"a\":\"b\"}                | {\"a\":null}               | {}",
        "{\"a\":\"b\",\"b\":\"c\"}    | {\"a\":null}               | {\"b\":\"c\"}",
        "{\"a\":[\"b\"]}              | {\"a\":\"c\"}              | {\"a\":\"c\"}",
        "{\"a\":\"c\"}                | {\"a\":[\"b\"]}            | {\"a\":[\"b\"]}",
        "{\"a\":{\"b\":\"c\"}}        | {\"a\":{\"b\":\"d\",\"c\":null}} | {\"a\":{\"b\":\"d\"}}",
        "{\"a\":[{\"b\":\"c\"}]}      | {\"a\":[1]}                | {\"a\":[1]}",
        "[\"a\",\"b\"]                | [\"c\",\"d\"]              | [\"c\",\"d\"]",
        "{\"a\":\"b\"}                | [\"c\"]                    | [\"c\"]",
        "{\"a\":\"foo\"}              | null                       | null",
        "{\"a\":\"foo\"}              | \"bar\"                    | \"bar\"",
        "{\"e\":null}                 | {\"a\":1}                  | {\"e\":null,\"a\":1}",
        "[1,2]                        | {\"a\":\"b\",\"c\":null}   | {\"a\":\"b\"}",
        "{}                           | {\"a\":{\"bb\":{\"ccc\":null}}} | {\"a\":{\"bb\":{}}}",
      })
  void appliesTheRfcExamples(String target, String patch, String expected) throws Exception {
    JsonNode result = JsonMergePatch.apply(JSON.readTree(target), JSON.readTree(patch));

    assertThat(result).isEqualTo(JSON.readTree(expected));
  }

  @Test
  void theRfcsLargerExampleMergesNestedObjectsAndRemovesNulledMembers() throws Exception {
    JsonNode target =
        JSON.readTree(
            """
            {"title": "Goodbye!", "author": {"givenName": "John", "familyName": "Doe"},
             "tags": ["example", "sample"], "content": "This will be unchanged"}
            """);
    JsonNode patch =
        JSON.readTree(
            """
            {"title": "Hello!", "phoneNumber": "+01-123-456-7890",
             "author": {"familyName": null}, "tags": ["example"]}
            """);

    JsonNode result = JsonMergePatch.apply(target, patch);

    assertThat(result)
        .isEqualTo(
            JSON.readTree(
                """
                {"title": "Hello!", "author": {"givenName": "John"}, "tags": ["example"],
                 "content": "This will be unchanged", "phoneNumber": "+01-123-456-7890"}
                """));
  }

  @Test
  void neitherArgumentIsChanged() throws Exception {
    JsonNode target = JSON.readTree("{\"a\":{\"b\":1},\"c\":2}");
    JsonNode patch = JSON.readTree("{\"a\":{\"b\":null,\"d\":3},\"c\":null}");

    JsonNode result = JsonMergePatch.apply(target, patch);

    assertThat(result).isEqualTo(JSON.readTree("{\"a\":{\"d\":3}}"));
    assertThat(target).isEqualTo(JSON.readTree("{\"a\":{\"b\":1},\"c\":2}"));
    assertThat(patch).isEqualTo(JSON.readTree("{\"a\":{\"b\":null,\"d\":3},\"c\":null}"));
  }

  @Test
  void aMissingTargetIsAnEmptyObject() throws Exception {
    assertThat(JsonMergePatch.apply(null, JSON.readTree("{\"a\":1,\"b\":null}")))
        .isEqualTo(JSON.readTree("{\"a\":1}"));
  }
}
