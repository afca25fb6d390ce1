package io.outdial.rest;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents, in one place, the answers every {@code /api/v1} operation can give whatever it does:
 * 401 (no valid key), 403 (scope), 429 (rate limit), with their bodies. Registered through {@code
 * mp.openapi.filter} in {@code META-INF/microprofile-config.properties}.
 */
public class ApiDocumentationFilter implements OASFilter {
  private static final String API = "/api/v1/";

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
      return;
    }
    for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
      if (!path.getKey().startsWith(API)) {
        continue;
      }
      for (Operation operation : path.getValue().getOperations().values()) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
          responses = OASFactory.createAPIResponses();
          operation.setResponses(responses);
        }
        addIfAbsent(responses, "401", "API key missing, malformed, unknown or revoked", "Error");
        addIfAbsent(responses, "403", "The API key lacks the scope this endpoint needs", "Error");
        addIfAbsent(
            responses,
            "429",
            "Rate limit exceeded; Retry-After and retry_after say when to try again",
            "TooManyRequests");
      }
    }
    if (openAPI.getComponents() != null
        && openAPI.getComponents().getSchemas() != null
        && !openAPI.getComponents().getSchemas().containsKey("TooManyRequests")) {
      openAPI
          .getComponents()
          .addSchema(
              "TooManyRequests",
              OASFactory.createSchema()
                  .addType(Schema.SchemaType.OBJECT)
                  .addProperty(
                      "detail",
                      OASFactory.createSchema()
                          .addType(Schema.SchemaType.STRING)
                          .examples(
                              java.util.List.of("Rate limit exceeded. Try again in 12 seconds.")))
                  .addProperty(
                      "retry_after", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
    }
  }

  private static void addIfAbsent(
      APIResponses responses, String status, String description, String schema) {
    if (responses.hasAPIResponse(status)) {
      return;
    }
    MediaType json =
        OASFactory.createMediaType()
            .schema(OASFactory.createSchema().ref("#/components/schemas/" + schema));
    Content content = OASFactory.createContent().addMediaType("application/json", json);
    APIResponse response = OASFactory.createAPIResponse().description(description).content(content);
    responses.addAPIResponse(status, response);
  }
}
