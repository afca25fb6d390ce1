package it.outdial.support;

import java.util.UUID;

/** Creates API keys for fresh clients through the admin API, as an admin would. */
public final class Clients {
  private Clients() {}

  /** A client id no other test uses. */
  public static String newClientId(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A new raw API key for {@code clientId} with these scopes (JSON array text). */
  public static String newKey(TestServer server, String clientId, String scopesJson) {
    Api.Reply reply =
        server
            .api()
            .post(
                "/admin/api-keys",
                "{\"client_id\":\"%s\",\"name\":\"it\",\"scopes\":%s}"
                    .formatted(clientId, scopesJson),
                "X-Admin-Key",
                server.adminKey());
    if (reply.status() != 201) {
      throw new IllegalStateException("could not create a key: " + reply.body());
    }
    return reply.json().get("api_key").asText();
  }

  /** The key_hash of a raw key, as the admin API shows it. */
  public static String hashOf(String rawKey) {
    return io.outdial.core.apikey.KeyHash.of(rawKey).value();
  }
}
