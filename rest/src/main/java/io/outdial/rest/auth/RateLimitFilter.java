package io.outdial.rest.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.outdial.core.ratelimit.RateLimitDecision;
import io.outdial.core.ratelimit.RateLimitPolicy;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * The sliding-window rate limit of {@code /api/v1}, per API key and policy ({@link RateLimits}).
 * Every answer carries the limit headers (IETF draft {@code RateLimit}/{@code RateLimit-Policy} and
 * the common {@code X-RateLimit-*}); a refused request gets 429 with {@code retry_after} and {@code
 * Retry-After}.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 100)
public class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {
  private static final String DECISION = RateLimitFilter.class.getName() + ".decision";
  private static final String POLICY = RateLimitFilter.class.getName() + ".policy";

  /** The body of a 429: the reference document's shape. */
  public record TooManyRequests(String detail, @JsonProperty("retry_after") long retryAfter) {}

  @Context ResourceInfo resource;
  @Inject Caller caller;
  @Inject RateLimits limits;

  @Override
  public void filter(ContainerRequestContext request) {
    if (ApiKeyFilter.requiredScope(resource).isEmpty()) {
      return; // admin and public endpoints are not limited
    }
    RateLimitPolicy policy = limits.policy(policyName());
    RateLimitDecision decision = limits.acquire(policy, caller.key().hash().value());
    request.setProperty(DECISION, decision);
    request.setProperty(POLICY, policy);
    if (!decision.allowed()) {
      long wait = decision.retryAfterSeconds();
      Response.ResponseBuilder refused =
          Response.status(Response.Status.TOO_MANY_REQUESTS)
              .type(MediaType.APPLICATION_JSON_TYPE)
              .header("Retry-After", wait)
              .entity(
                  new TooManyRequests(
                      "Rate limit exceeded. Try again in " + wait + " seconds.", wait));
      request.abortWith(refused.build());
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!(request.getProperty(DECISION) instanceof RateLimitDecision decision)
        || !(request.getProperty(POLICY) instanceof RateLimitPolicy policy)) {
      return;
    }
    MultivaluedMap<String, Object> headers = response.getHeaders();
    long window = policy.window().toSeconds();
    headers.putSingle("RateLimit-Policy", decision.limit() + ";w=" + window);
    headers.putSingle(
        "RateLimit",
        "limit="
            + decision.limit()
            + ", remaining="
            + decision.remaining()
            + ", reset="
            + decision.resetSeconds());
    headers.putSingle("X-RateLimit-Limit", decision.limit());
    headers.putSingle("X-RateLimit-Remaining", decision.remaining());
    headers.putSingle("X-RateLimit-Reset", decision.resetSeconds());
  }

  private String policyName() {
    RateLimited named = resource.getResourceMethod().getAnnotation(RateLimited.class);
    return named == null ? RateLimitPolicy.DEFAULT.name() : named.value().policyName();
  }
}
