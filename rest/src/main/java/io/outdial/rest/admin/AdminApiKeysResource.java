package io.outdial.rest.admin;

import io.outdial.core.ValidationException;
import io.outdial.core.apikey.ApiKey;
import io.outdial.core.apikey.KeyHash;
import io.outdial.core.apikey.Secrets;
import io.outdial.persistence.apikey.ApiKeyStore;
import io.outdial.rest.error.ErrorBody;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admins issue, list and revoke API keys. */
@Path("/admin/api-keys")
@RequestScoped
@RequireAdminKey
@Produces(MediaType.APPLICATION_JSON)
@Tag(
    name = "Admin",
    description = "API keys, guarded by the admin key; not rate-limited, but wrong keys lock out")
@SecurityRequirement(name = "adminKey")
@APIResponse(
    responseCode = "401",
    description = "X-Admin-Key missing or wrong",
    content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(
    responseCode = "429",
    description =
        "Too many wrong admin keys from this address: locked out for the seconds in Retry-After,"
            + " whatever the key",
    content = @Content(schema = @Schema(implementation = ErrorBody.class)))
public class AdminApiKeysResource {
  @Inject ApiKeyStore keys;
  @Inject Clock clock;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create an API key",
      description = "The raw key is in this response only; it is stored as a SHA-256 hash.")
  @RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = CreateApiKeyRequest.class)))
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = CreatedApiKey.class)))
  @APIResponse(
      responseCode = "400",
      description = "A field is missing or invalid; the detail names it",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public Response create(CreateApiKeyRequest request) {
    if (request == null) {
      throw new ValidationException("body", "Request body is required: {client_id, name, scopes}");
    }
    String raw = Secrets.newApiKey();
    ApiKey key =
        new ApiKey(
            KeyHash.of(raw),
            ApiKey.validClientId(request.clientId()),
            ApiKey.validName(request.name()),
            ApiKey.validScopes(request.scopes()),
            clock.instant(),
            Optional.empty());
    keys.create(key);
    return Response.status(Response.Status.CREATED).entity(CreatedApiKey.from(raw, key)).build();
  }

  @DELETE
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Revoke an API key", description = "The key stops working at once.")
  @RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = RevokeApiKeyRequest.class)))
  @APIResponse(
      responseCode = "200",
      description = "Revoked",
      content = @Content(schema = @Schema(implementation = RevokedApiKey.class)))
  @APIResponse(
      responseCode = "400",
      description = "key_hash missing or malformed",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "404",
      description = "No active key has this hash",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public RevokedApiKey revoke(RevokeApiKeyRequest request) {
    if (request == null) {
      throw new ValidationException("body", "Request body is required: {key_hash}");
    }
    KeyHash hash = new KeyHash(request.keyHash());
    if (!keys.revoke(hash, clock.instant())) {
      throw new NotFoundException("No active API key has this key_hash");
    }
    return new RevokedApiKey("revoked", hash.value());
  }

  @GET
  @Operation(summary = "List every active API key", description = "Raw keys are never returned.")
  @APIResponse(
      responseCode = "200",
      description = "Active keys, oldest first",
      content = @Content(schema = @Schema(implementation = ApiKeyList.class)))
  public ApiKeyList list() {
    return ApiKeyList.from(keys.listActive());
  }

  @GET
  @Path("/{client_id}")
  @Operation(summary = "List the active API keys of one client")
  @APIResponse(
      responseCode = "200",
      description = "The client's active keys, oldest first (an empty list when it has none)",
      content = @Content(schema = @Schema(implementation = ClientApiKeyList.class)))
  @APIResponse(
      responseCode = "400",
      description = "client_id is malformed",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public ClientApiKeyList listForClient(@PathParam("client_id") String clientId) {
    String client = ApiKey.validClientId(clientId);
    List<ApiKey> found = keys.listActive(client);
    return ClientApiKeyList.from(client, found);
  }
}
