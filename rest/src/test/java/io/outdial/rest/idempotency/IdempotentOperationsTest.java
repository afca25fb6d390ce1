package io.outdial.rest.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.rest.OutdialApi;
import io.outdial.rest.auth.RequiresScope;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdempotentOperationsTest {
  @Test
  void theCreateEndpointsHonourIdempotencyKeys() {
    assertThat(IdempotentOperations.of(new OutdialApi().getClasses()))
        .contains(
            "POST /api/v1/campaigns",
            "POST /api/v1/campaigns/{campaign_id}/contacts",
            "POST /api/v1/campaigns/{campaign_id}/contacts/json",
            "POST /api/v1/clients/{client_id}/dnc",
            "POST /api/v1/clients/{client_id}/dnc/upload",
            "POST /api/v1/sms")
        .allMatch(operation -> operation.startsWith("POST "));
  }

  @Test
  void theFilterThatHonoursTheMarkIsRegistered() {
    assertThat(new OutdialApi().getClasses()).contains(IdempotencyFilter.class);
  }

  @Test
  void everyIdempotentMethodIsBehindAnApiKeyForKeysArePerClient() {
    List<String> unscoped = new ArrayList<>();
    for (Class<?> type : new OutdialApi().getClasses()) {
      if (!type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
        continue; // the filter itself carries the binding
      }
      for (Method method : type.getMethods()) {
        boolean idempotent =
            method.isAnnotationPresent(Idempotent.class)
                || type.isAnnotationPresent(Idempotent.class);
        boolean scoped =
            method.isAnnotationPresent(RequiresScope.class)
                || type.isAnnotationPresent(RequiresScope.class);
        if (idempotent && !scoped && method.getDeclaringClass() == type) {
          unscoped.add(type.getSimpleName() + "." + method.getName());
        }
      }
    }
    assertThat(unscoped).isEmpty();
  }

  @Test
  void pathsAreJoinedAsTheOpenApiDocumentKeysThem() {
    assertThat(IdempotentOperations.join("/api/v1/campaigns/", "/")).isEqualTo("/api/v1/campaigns");
    assertThat(IdempotentOperations.join("api/v1/x", "json")).isEqualTo("/api/v1/x/json");
    assertThat(IdempotentOperations.join("/", "")).isEqualTo("/");
  }

  @Test
  void longPathsAreKeptAsTheirHash() {
    assertThat(IdempotencyFilter.normalise("/api/v1/campaigns/")).isEqualTo("/api/v1/campaigns");
    assertThat(IdempotencyFilter.normalise("/a/" + "x".repeat(2000)))
        .startsWith("sha256:")
        .hasSize(71);
  }
}
