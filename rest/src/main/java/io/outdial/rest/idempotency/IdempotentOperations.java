package io.outdial.rest.idempotency;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The operations marked {@link Idempotent} among resource classes, as {@code POST
 * /api/v1/campaigns} (the path template as the OpenAPI document keys it), so that the document
 * declares the header wherever the filter honours it.
 */
public final class IdempotentOperations {
  private static final Map<Class<? extends Annotation>, String> METHODS =
      Map.of(POST.class, "POST", PUT.class, "PUT", PATCH.class, "PATCH", DELETE.class, "DELETE");

  /** What the OpenAPI document says of the header. */
  public static final String DESCRIPTION =
      "Optional; 1-255 printable ASCII characters (a UUID, say). Repeating a request with the same"
          + " key and body within 24 hours answers the first request's answer again, byte for"
          + " byte, with Idempotent-Replayed: true, instead of creating anything twice (an answer"
          + " of 500 or more is not kept: the request runs again). The same key with a different"
          + " body answers 422; while the first request with the key still runs, 409 with"
          + " Retry-After. Keys are per API client and endpoint.";

  private IdempotentOperations() {}

  /** {@code METHOD /path/{param}} of every marked method of these classes. */
  public static Set<String> of(Collection<Class<?>> classes) {
    Set<String> operations = new TreeSet<>();
    for (Class<?> type : classes) {
      Path classPath = type.getAnnotation(Path.class);
      if (classPath == null) {
        continue;
      }
      boolean all = type.isAnnotationPresent(Idempotent.class);
      for (Method method : type.getMethods()) {
        if (!all && !method.isAnnotationPresent(Idempotent.class)) {
          continue;
        }
        for (var http : METHODS.entrySet()) {
          if (method.isAnnotationPresent(http.getKey())) {
            Path methodPath = method.getAnnotation(Path.class);
            operations.add(
                http.getValue()
                    + " "
                    + join(classPath.value(), methodPath == null ? "" : methodPath.value()));
          }
        }
      }
    }
    return operations;
  }

  static String join(String... pieces) {
    StringBuilder path = new StringBuilder();
    for (String piece : List.of(pieces)) {
      for (String segment : piece.split("/")) {
        if (!segment.isEmpty()) {
          path.append('/').append(segment);
        }
      }
    }
    return path.isEmpty() ? "/" : path.toString();
  }
}
