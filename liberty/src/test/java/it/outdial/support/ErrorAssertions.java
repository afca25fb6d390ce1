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

  /**
   * A contact file refused for its content: a 400 when the upload's job failed within the time the
   * request waits for it, else a 202 whose job then failed. Returns the reason either way.
   */
  public static String assertFileRefused(Api api, String apiKey, Api.Reply reply) {
    if (reply.status() != 202) {
      assertError(reply, 400);
      return reply.json().get("detail").asText();
    }
    JsonNode status = Jobs.awaitEnd(api, apiKey, reply.json().get("job_id").asText());
    assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("failed");
    String error = status.at("/result/error").asText();
    assertThat(error).as(status.toString()).isNotBlank().doesNotContain("Internal error");
    return error;
  }
}
