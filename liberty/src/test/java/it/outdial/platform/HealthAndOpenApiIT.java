package it.outdial.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.outdial.support.Api;
import it.outdial.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HealthAndOpenApiIT {
  private static Api api;

  @BeforeAll
  static void server() {
    api = TestServer.shared().api();
  }

  @Test
  void readinessChecksTheDatabase() {
    Api.Reply ready = api.get("/health/ready");
    assertThat(ready.status()).isEqualTo(200);
    JsonNode checks = ready.json().get("checks");
    assertThat(checks)
        .anySatisfy(
            check -> {
              assertThat(check.get("name").asText()).isEqualTo("database");
              assertThat(check.get("status").asText()).isEqualTo("UP");
            });
  }

  @Test
  void openApiDescribesEveryAdminEndpointWithTheWireFieldNames() {
    Api.Reply document = api.get("/openapi", "Accept", "application/json");
    assertThat(document.status()).isEqualTo(200);
    JsonNode paths = document.json().get("paths");
    JsonNode keys = paths.get("/admin/api-keys");
    assertThat(keys.has("post")).isTrue();
    assertThat(keys.has("get")).isTrue();
    assertThat(keys.has("delete")).isTrue();
    assertThat(paths.get("/admin/api-keys/{client_id}").has("get")).isTrue();
    JsonNode schemas = document.json().get("components").get("schemas");
    assertThat(schemas.get("CreatedApiKey").get("properties").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder(
            "api_key", "key_hash", "client_id", "name", "scopes", "created_at", "warning");
    assertThat(schemas.get("Error").get("properties").has("detail")).isTrue();
  }

  @Test
  void openApiUiIsServed() {
    Api.Reply ui = api.get("/openapi/ui/");
    assertThat(ui.status()).isEqualTo(200);
    assertThat(ui.body()).containsIgnoringCase("<html");
  }

  @Test
  void flywayMigrationsRanAndAreRecorded() throws Exception {
    try (var connection =
            java.sql.DriverManager.getConnection(
                TestServer.shared().database().jdbcUrl(), "postgres", "postgres");
        var rs =
            connection
                .createStatement()
                .executeQuery(
                    "select count(*) from flyway_schema_history where success and version = '1'")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
  }
}
