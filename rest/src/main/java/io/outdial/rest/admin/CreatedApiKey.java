package io.outdial.rest.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.outdial.core.apikey.ApiKey;
import io.outdial.rest.Times;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code POST /admin/api-keys}: the only time the raw key is ever shown. */
@Schema(name = "CreatedApiKey")
public record CreatedApiKey(
    @JsonProperty("api_key") @Schema(description = "The raw key; shown once") String apiKey,
    @JsonProperty("key_hash") String keyHash,
    @JsonProperty("client_id") String clientId,
    String name,
    List<String> scopes,
    @JsonProperty("created_at") Instant createdAt,
    String warning) {

  static final String WARNING = "Store this key securely. It will not be shown again.";

  static CreatedApiKey from(String rawKey, ApiKey key) {
    return new CreatedApiKey(
        rawKey,
        key.hash().value(),
        key.clientId(),
        key.name(),
        key.scopeNames(),
        Times.seconds(key.createdAt()),
        WARNING);
  }
}
