package io.outdial.rest.auth;

import io.outdial.core.apikey.ApiKey;
import io.outdial.core.apikey.ApiScope;
import io.outdial.persistence.apikey.ApiKeyDirectory;
import io.outdial.rest.error.ErrorBody;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;

/**
 * Authenticates requests to resources marked {@link RequiresScope}: 401 for a missing, malformed,
 * unknown or revoked key; 403 for a key without the scope.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyFilter implements ContainerRequestFilter {
  /** The header that carries an API key. */
  public static final String HEADER = "X-API-Key";

  private static final String BEARER = "Bearer ";

  @Context ResourceInfo resource;
  @Inject ApiKeyDirectory directory;
  @Inject Caller caller;

  @Override
  public void filter(ContainerRequestContext request) {
    Optional<ApiScope> required = requiredScope(resource);
    if (required.isEmpty()) {
      return;
    }
    Optional<String> presented = presentedKey(request);
    if (presented.isEmpty()) {
      request.abortWith(
          ErrorBody.response(
              Response.Status.UNAUTHORIZED, "Missing API key: send it in the X-API-Key header"));
      return;
    }
    Optional<ApiKey> key = directory.authenticate(presented.get());
    if (key.isEmpty()) {
      request.abortWith(
          ErrorBody.response(Response.Status.UNAUTHORIZED, "Invalid or revoked API key"));
      return;
    }
    if (!key.get().grants(required.get())) {
      request.abortWith(
          ErrorBody.response(
              Response.Status.FORBIDDEN,
              "This API key lacks the '" + required.get().wireName() + "' scope"));
      return;
    }
    caller.authenticate(key.get());
  }

  static Optional<ApiScope> requiredScope(ResourceInfo resource) {
    if (resource == null || resource.getResourceMethod() == null) {
      return Optional.empty();
    }
    RequiresScope scope = resource.getResourceMethod().getAnnotation(RequiresScope.class);
    if (scope == null) {
      scope = resource.getResourceClass().getAnnotation(RequiresScope.class);
    }
    return Optional.ofNullable(scope).map(RequiresScope::value);
  }

  private static Optional<String> presentedKey(ContainerRequestContext request) {
    String header = request.getHeaderString(HEADER);
    if (header != null && !header.isBlank()) {
      return Optional.of(header.strip());
    }
    String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      String token = authorization.substring(BEARER.length()).strip();
      return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
    return Optional.empty();
  }
}
