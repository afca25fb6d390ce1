package io.outdial.rest;

import jakarta.ws.rs.SeBootstrap;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.Variant;
import jakarta.ws.rs.ext.RuntimeDelegate;
import java.lang.annotation.Annotation;
import java.net.URI;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Just enough of a JAX-RS runtime for unit tests to create the API's exceptions ({@code new
 * BadRequestException(message)} builds a {@link Response} through the runtime, which only the
 * server provides): responses with a status and nothing else. Found through {@code
 * META-INF/services}.
 */
public final class TestRuntimeDelegate extends RuntimeDelegate {
  @Override
  public Response.ResponseBuilder createResponseBuilder() {
    return new Builder();
  }

  @Override
  public UriBuilder createUriBuilder() {
    throw unsupported();
  }

  @Override
  public Variant.VariantListBuilder createVariantListBuilder() {
    throw unsupported();
  }

  @Override
  public <T> T createEndpoint(Application application, Class<T> endpointType) {
    throw unsupported();
  }

  @Override
  public <T> HeaderDelegate<T> createHeaderDelegate(Class<T> type) {
    throw unsupported();
  }

  @Override
  public Link.Builder createLinkBuilder() {
    throw unsupported();
  }

  @Override
  public SeBootstrap.Configuration.Builder createConfigurationBuilder() {
    throw unsupported();
  }

  @Override
  public CompletionStage<SeBootstrap.Instance> bootstrap(
      Application application, SeBootstrap.Configuration configuration) {
    throw unsupported();
  }

  @Override
  public CompletionStage<SeBootstrap.Instance> bootstrap(
      Class<? extends Application> clazz, SeBootstrap.Configuration configuration) {
    throw unsupported();
  }

  @Override
  public EntityPart.Builder createEntityPartBuilder(String partName) {
    throw unsupported();
  }

  private static UnsupportedOperationException unsupported() {
    return new UnsupportedOperationException("not in unit tests");
  }

  /** Builds responses that carry their status only. */
  private static final class Builder extends Response.ResponseBuilder {
    private Response.StatusType status = Response.Status.OK;

    @Override
    public Response build() {
      return new StatusOnly(status);
    }

    @Override
    public Response.ResponseBuilder clone() {
      Builder copy = new Builder();
      copy.status = status;
      return copy;
    }

    @Override
    public Response.ResponseBuilder status(int code) {
      Response.Status known = Response.Status.fromStatusCode(code);
      if (known == null) {
        throw unsupported();
      }
      status = known;
      return this;
    }

    @Override
    public Response.ResponseBuilder status(int code, String reasonPhrase) {
      return status(code);
    }

    @Override
    public Response.ResponseBuilder entity(Object entity) {
      throw unsupported();
    }

    @Override
    public Response.ResponseBuilder entity(Object entity, Annotation[] annotations) {
      throw unsupported();
    }

    @Override
    public Response.ResponseBuilder allow(String... methods) {
      throw unsupported();
    }

    @Override
    public Response.ResponseBuilder allow(Set<String> methods) {
      throw unsupported();
    }

    @Override
    public Response.ResponseBuilder cacheControl(CacheControl cacheControl) {
      throw unsupported();
    }

    @Override
    public Response.ResponseBuilder encoding(String encoding) {
      throw unsupported();
    }

    @Override
    public Response.ResponseBuilder header(String name, Object value) {
      throw unsupported();
    }

    @Override
    public Response.ResponseBuilder replaceAll(MultivaluedMap<String, Object> headers) {
      throw unsupported();
    }

    @Override
    public Response.ResponseBuilder language(String language) {
      throw unsupported();
    }

    @Override
    public Response.ResponseBuilder language(Locale language) {
      throw unsupported();
    }

    @Override
    public Response.ResponseBuilder type(MediaType type) {
      throw unsupported();
    }

    @Override
    public Response.ResponseBuilder type(String type) {
      throw unsupported();
    }

    @Override
    public Response.ResponseBuilder variant(Variant variant) {
      throw unsupported();
    }

    @Override
    public Response.ResponseBuilder contentLocation(URI location) {
      throw unsupported();
    }

    @Override
    public Response.ResponseBuilder cookie(NewCookie... cookies) {
      throw unsupported();
    }

    @Override
    public Response.ResponseBuilder expires(Date expires) {
      throw unsupported();
    }

    @Override
    public Response.ResponseBuilder lastModified(Date lastModified) {
      throw unsupported();
    }

    @Override
    public Response.ResponseBuilder location(URI location) {
      throw unsupported();
    }

    @Override
    public Response.ResponseBuilder tag(EntityTag tag) {
      throw unsupported();
    }

    @Override
    public Response.ResponseBuilder tag(String tag) {
      throw unsupported();
    }

    @Override
    public Response.ResponseBuilder variants(Variant... variants) {
      throw unsupported();
    }

    @Override
    public Response.ResponseBuilder variants(List<Variant> variants) {
      throw unsupported();
    }

    @Override
    public Response.ResponseBuilder links(Link... links) {
      throw unsupported();
    }

    @Override
    public Response.ResponseBuilder link(URI uri, String rel) {
      throw unsupported();
    }

    @Override
    public Response.ResponseBuilder link(String uri, String rel) {
      throw unsupported();
    }
  }

  /** A response of a status, without entity or headers. */
  private static final class StatusOnly extends Response {
    private final StatusType status;

    StatusOnly(StatusType status) {
      this.status = status;
    }

    @Override
    public int getStatus() {
      return status.getStatusCode();
    }

    @Override
    public StatusType getStatusInfo() {
      return status;
    }

    @Override
    public Object getEntity() {
      return null;
    }

    @Override
    public <T> T readEntity(Class<T> entityType) {
      throw unsupported();
    }

    @Override
    public <T> T readEntity(GenericType<T> entityType) {
      throw unsupported();
    }

    @Override
    public <T> T readEntity(Class<T> entityType, Annotation[] annotations) {
      throw unsupported();
    }

    @Override
    public <T> T readEntity(GenericType<T> entityType, Annotation[] annotations) {
      throw unsupported();
    }

    @Override
    public boolean hasEntity() {
      return false;
    }

    @Override
    public boolean bufferEntity() {
      return false;
    }

    @Override
    public void close() {}

    @Override
    public MediaType getMediaType() {
      return null;
    }

    @Override
    public Locale getLanguage() {
      return null;
    }

    @Override
    public int getLength() {
      return -1;
    }

    @Override
    public Set<String> getAllowedMethods() {
      return Set.of();
    }

    @Override
    public Map<String, NewCookie> getCookies() {
      return Map.of();
    }

    @Override
    public EntityTag getEntityTag() {
      return null;
    }

    @Override
    public Date getDate() {
      return null;
    }

    @Override
    public Date getLastModified() {
      return null;
    }

    @Override
    public URI getLocation() {
      return null;
    }

    @Override
    public Set<Link> getLinks() {
      return Set.of();
    }

    @Override
    public boolean hasLink(String relation) {
      return false;
    }

    @Override
    public Link getLink(String relation) {
      return null;
    }

    @Override
    public Link.Builder getLinkBuilder(String relation) {
      return null;
    }

    @Override
    public MultivaluedMap<String, Object> getMetadata() {
      return new MultivaluedHashMap<>();
    }

    @Override
    public MultivaluedMap<String, String> getStringHeaders() {
      return new MultivaluedHashMap<>();
    }

    @Override
    public String getHeaderString(String name) {
      return null;
    }
  }
}
