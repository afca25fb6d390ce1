package io.outdial.rest.limits;

import io.outdial.rest.contact.LimitedUploadSize;
import io.outdial.rest.contact.UploadFiles;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/**
 * Bounds every request body: a contact upload ({@link LimitedUploadSize}) by the upload limit, a
 * call's metadata write-back ({@link LimitedCallMetadataSize}) by {@link
 * RequestLimits#maxCallMetadataBytes()}, any other body by {@link RequestLimits#maxBodyBytes()}. A
 * declared length over the limit is refused (413) before a byte is read; a body without one
 * (chunked) is counted as it is read and refused as soon as it passes the limit. It runs after
 * authentication and the rate limit, so a caller without a valid key never has a body read at all.
 */
@Provider
@Priority(Priorities.USER)
public class RequestSizeFilter implements ContainerRequestFilter, ContainerResponseFilter {
  private static final String REFUSED = RequestSizeFilter.class.getName() + ".refused";

  @Context ResourceInfo resource;
  @Inject RequestLimits limits;
  @Inject UploadFiles uploads;

  @Override
  public void filter(ContainerRequestContext request) {
    long limit;
    String detail;
    if (marked(resource, LimitedUploadSize.class)) {
      limit = uploads.maxBytes();
      detail = uploads.tooLarge();
    } else if (marked(resource, LimitedCallMetadataSize.class)) {
      limit = limits.maxCallMetadataBytes();
      detail = RequestLimits.tooLarge(limit) + " (OUTDIAL_CALL_METADATA_MAX_BYTES)";
    } else {
      limit = limits.maxBodyBytes();
      detail = RequestLimits.tooLarge(limit);
    }
    if (request.getLength() > limit) {
      request.abortWith(BodyTooLargeException.answer(detail));
      return;
    }
    if (request.hasEntity()) {
      request.setEntityStream(
          new LimitedInputStream(
              request.getEntityStream(),
              limit,
              detail,
              () -> request.setProperty(REFUSED, detail)));
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(REFUSED) instanceof String detail
        && response.getStatus() != Response.Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode()) {
      Response tooLarge = BodyTooLargeException.answer(detail);
      response.setStatus(tooLarge.getStatus());
      response.setEntity(
          tooLarge.getEntity(),
          new java.lang.annotation.Annotation[0],
          MediaType.APPLICATION_JSON_TYPE);
      response.getHeaders().putSingle("Connection", "close");
    }
  }

  private static boolean marked(
      ResourceInfo resource, Class<? extends java.lang.annotation.Annotation> limit) {
    Method method = resource == null ? null : resource.getResourceMethod();
    return method != null && method.isAnnotationPresent(limit);
  }
}
