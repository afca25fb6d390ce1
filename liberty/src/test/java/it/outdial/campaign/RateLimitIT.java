package it.outdial.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import it.outdial.support.Api;
import it.outdial.support.Api.Reply;
import it.outdial.support.Clients;
import it.outdial.support.TestServer;
import org.junit.jupiter.api.Test;

class RateLimitIT {
  @Test
  void theHundredAndFirstRequestOfAMinuteIsRefusedWithRetryAfter() {
    TestServer server = TestServer.shared();
    Api api = server.api();
    String client = Clients.newClientId("limited");
    String key = Clients.newKey(server, client, "[\"campaigns\"]");

    for (int i = 1; i <= 100; i++) {
      Reply reply = api.get("/api/v1/campaigns", "X-API-Key", key);
      String remaining = Integer.toString(100 - i);
      assertThat(reply.status()).as("request %d", i).isEqualTo(200);
      assertThat(reply.header("X-RateLimit-Limit")).hasValue("100");
      assertThat(reply.header("X-RateLimit-Remaining")).hasValue(remaining);
      assertThat(reply.header("RateLimit-Policy")).hasValue("100;w=60");
      assertThat(reply.header("RateLimit"))
          .hasValueSatisfying(
              v -> assertThat(v).startsWith("limit=100, remaining=" + remaining + ", reset="));
      assertThat(reply.header("X-RateLimit-Reset")).isPresent();
    }

    Reply refused = api.get("/api/v1/campaigns", "X-API-Key", key);
    assertThat(refused.status()).isEqualTo(429);
    long retryAfter = refused.json().get("retry_after").asLong();
    assertThat(retryAfter).isBetween(1L, 60L);
    assertThat(refused.json().get("detail").asText())
        .isEqualTo("Rate limit exceeded. Try again in " + retryAfter + " seconds.");
    assertThat(refused.header("Retry-After")).hasValue(Long.toString(retryAfter));
    assertThat(refused.header("X-RateLimit-Remaining")).hasValue("0");

    String otherKey = Clients.newKey(server, client, "[\"campaigns\"]");
    assertThat(api.get("/api/v1/campaigns", "X-API-Key", otherKey).status())
        .as("the limit is per key")
        .isEqualTo(200);
  }

  @Test
  void adminEndpointsAreNotRateLimited() {
    TestServer server = TestServer.shared();
    Api api = server.api();
    for (int i = 0; i < 130; i++) {
      Reply reply = api.get("/admin/api-keys/nobody", "X-Admin-Key", server.adminKey());
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.header("X-RateLimit-Limit")).isEmpty();
    }
  }
}
