package it.outdial.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** What every error answer must look like. */
public final class ErrorAssertions {
  private ErrorAssertions() {}

  /** The status, a JSON body whose only field is a non-blank detail, and no stack trace. */
  public static void assertError(Api.Reply reply, int status) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.header("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode body = reply.json();
    List<String> fields = new ArrayList<>();
    body.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("detail");
    assertThat(body.get("detail").asText()).isNotBlank();
    assertThat(reply.body())
        .doesNotContain("Exception")
        .doesNotContain("\tat ")
        .doesNotContain("RESTEASY");
  }
}
