package io.outdial.rest.auth;

import io.outdial.core.apikey.ApiKey;
import io.outdial.core.id.ClientId;
import jakarta.enterprise.context.RequestScoped;

/** The API key behind the current request, set by {@link ApiKeyFilter}. */
@RequestScoped
public class Caller {
  private ApiKey key;

  void authenticate(ApiKey key) {
    this.key = key;
  }

  /** The key of this request; only resources behind {@link RequiresScope} may ask. */
  public ApiKey key() {
    if (key == null) {
      throw new IllegalStateException("no API key on this request: is the resource scoped?");
    }
    return key;
  }

  /** The client this request acts for. */
  public ClientId client() {
    return ClientId.of(key().clientId());
  }
}
