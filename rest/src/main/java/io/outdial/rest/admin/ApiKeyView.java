package io.outdial.rest.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.outdial.core.apikey.ApiKey;
import io.outdial.rest.Times;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An API key's metadata, as listed to admins (never the raw key). */
@Schema(name = "ApiKey")
public record ApiKeyView(
    @JsonProperty("key_hash") String keyHash,
    @JsonProperty("client_id") String clientId,
    String name,
    List<String> scopes,
    @JsonProperty("created_at") Instant createdAt) {

  static ApiKeyView from(ApiKey key) {
    return new ApiKeyView(
        key.hash().value(),
        key.clientId(),
        key.name(),
        key.scopeNames(),
        Times.seconds(key.createdAt()));
  }
}
