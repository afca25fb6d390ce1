package io.outdial.persistence.idempotency;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of the request that reserved a key, as it is replayed.
 *
 * @param status the HTTP status (below 500)
 * @param contentType the media type of {@code body}, if it has one
 * @param headers the headers a client needs again (such as {@code Location}), name to value
 * @param body the body's bytes, exactly as first sent (empty when there was none)
 */
public record StoredResponse(
    int status, Optional<String> contentType, Map<String, String> headers, byte[] body) {
  public StoredResponse {
    Objects.requireNonNull(contentType, "contentType");
    headers = Map.copyOf(headers);
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StoredResponse o
        && status == o.status
        && contentType.equals(o.contentType)
        && headers.equals(o.headers)
        && Arrays.equals(body, o.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, contentType, headers, Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    return "StoredResponse[" + status + ", " + contentType + ", " + body.length + " bytes]";
  }
}
