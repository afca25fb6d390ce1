package io.outdial.rest.admin;

import io.outdial.core.apikey.ApiKey;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code GET /admin/api-keys}. */
@Schema(name = "ApiKeyList")
public record ApiKeyList(List<ApiKeyView> keys, int count) {
  static ApiKeyList from(List<ApiKey> keys) {
    return new ApiKeyList(keys.stream().map(ApiKeyView::from).toList(), keys.size());
  }
}
