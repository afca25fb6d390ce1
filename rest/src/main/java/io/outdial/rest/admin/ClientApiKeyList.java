package io.outdial.rest.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.outdial.core.apikey.ApiKey;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code GET /admin/api-keys/{client_id}}. */
@Schema(name = "ClientApiKeyList")
public record ClientApiKeyList(
    @JsonProperty("client_id") String clientId, List<ApiKeyView> keys, int count) {
  static ClientApiKeyList from(String clientId, List<ApiKey> keys) {
    return new ClientApiKeyList(
        clientId, keys.stream().map(ApiKeyView::from).toList(), keys.size());
  }
}
