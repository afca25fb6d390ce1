package io.outdial.rest;

import io.outdial.rest.idempotency.Idempotent;
import io.outdial.rest.idempotency.IdempotentOperations;
import io.outdial.rest.webhook.WebhookEventsDocumentation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents, in one place, the answers every {@code /api/v1} operation can give whatever it does:
 * 401 (no valid key), 403 (scope), 429 (rate limit), with their bodies; and on the operations
 * marked {@link Idempotent}, the {@code Idempotency-Key} header with its 409 and 422 answers, so
 * that the mark alone documents them. Registered through {@code mp.openapi.filter} in {@code
 * META-INF/microprofile-config.properties}.
 */
public class ApiDocumentationFilter implements OASFilter {
  private static final String API = "/api/v1/";
  private static final Set<String> IDEMPOTENT =
      IdempotentOperations.of(new OutdialApi().getClasses());

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
      return;
    }
    for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
      if (!path.getKey().startsWith(API)) {
        continue;
      }
      for (Map.Entry<PathItem.HttpMethod, Operation> entry :
          path.getValue().getOperations().entrySet()) {
        Operation operation = entry.getValue();
        APIResponses responses = operation.getResponses();
        if (responses == null) {
          responses = OASFactory.createAPIResponses();
          operation.setResponses(responses);
        }
        if (IDEMPOTENT.contains(entry.getKey().name() + " " + path.getKey())) {
          idempotent(operation, responses);
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
                          .examples(List.of("Rate limit exceeded. Try again in 12 seconds.")))
                  .addProperty(
                      "retry_after", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
    }
    if (openAPI.getComponents() != null
        && (openAPI.getWebhooks() == null || openAPI.getWebhooks().isEmpty())) {
      WebhookEventsDocumentation.document(openAPI);
    }
  }

  private static void idempotent(Operation operation, APIResponses responses) {
    boolean declared =
        operation.getParameters() != null
            && operation.getParameters().stream()
                .anyMatch(p -> "Idempotency-Key".equalsIgnoreCase(p.getName()));
    if (!declared) {
      operation.addParameter(
          OASFactory.createParameter()
              .name("Idempotency-Key")
              .in(Parameter.In.HEADER)
              .required(false)
              .description(IdempotentOperations.DESCRIPTION)
              .schema(
                  OASFactory.createSchema()
                      .addType(Schema.SchemaType.STRING)
                      .minLength(1)
                      .maxLength(255)
                      .examples(List.of("3f1c9a52-7a0e-4a8e-9a43-0c1f5e2b7d11"))));
    }
    addIfAbsent(
        responses,
        "409",
        "A request with this Idempotency-Key is still being processed; retry after Retry-After"
            + " seconds",
        "Error");
    addIfAbsent(
        responses,
        "422",
        "This Idempotency-Key was used for a different request (another body) within 24 hours",
        "Error");
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
