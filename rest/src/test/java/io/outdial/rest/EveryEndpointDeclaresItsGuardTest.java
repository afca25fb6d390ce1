package io.outdial.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.rest.admin.RequireAdminKey;
import io.outdial.rest.auth.ApiKeyFilter;
import io.outdial.rest.auth.RateLimitFilter;
import io.outdial.rest.auth.RequiresScope;
import io.outdial.rest.limits.RequestSizeFilter;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A new endpoint cannot ship unguarded: every resource method under {@code /api/v1} declares the
 * scope its API key needs, and every one under {@code /admin} the admin key, else this test names
 * it. The filters that enforce them (authentication, rate limit, body size) are registered.
 */
class EveryEndpointDeclaresItsGuardTest {
  private static final List<Class<? extends Annotation>> HTTP_METHODS =
      List.of(
          GET.class, POST.class, PUT.class, DELETE.class, PATCH.class, HEAD.class, OPTIONS.class);

  private final Set<Class<?>> registered = new OutdialApi().getClasses();

  @Test
  void everyApiMethodDeclaresAScopeAndEveryAdminMethodTheAdminKey() {
    List<String> endpoints = new ArrayList<>();
    List<String> unguarded = new ArrayList<>();
    for (Class<?> type : registered) {
      Path classPath = type.getAnnotation(Path.class);
      if (classPath == null) {
        continue;
      }
      for (Method method : type.getMethods()) {
        if (!isEndpoint(method) || Modifier.isStatic(method.getModifiers())) {
          continue;
        }
        String path = path(classPath, method);
        endpoints.add(path);
        boolean guarded =
            path.startsWith("/api/v1")
                ? declares(type, method, RequiresScope.class)
                : path.startsWith("/admin") && declares(type, method, RequireAdminKey.class);
        if (!guarded) {
          unguarded.add(type.getSimpleName() + "." + method.getName() + " " + path);
        }
      }
    }
    assertThat(endpoints).as("resource methods found").hasSizeGreaterThan(10);
    assertThat(unguarded)
        .as("endpoints without @RequiresScope (under /api/v1) or @RequireAdminKey (/admin)")
        .isEmpty();
  }

  @Test
  void theFiltersThatEnforceTheGuardsAreRegistered() {
    assertThat(registered)
        .contains(ApiKeyFilter.class, RateLimitFilter.class, RequestSizeFilter.class);
  }

  private static boolean isEndpoint(Method method) {
    return method.isAnnotationPresent(Path.class)
        || HTTP_METHODS.stream().anyMatch(method::isAnnotationPresent);
  }

  private static boolean declares(
      Class<?> type, Method method, Class<? extends Annotation> annotation) {
    return method.isAnnotationPresent(annotation) || type.isAnnotationPresent(annotation);
  }

  private static String path(Path classPath, Method method) {
    Path methodPath = method.getAnnotation(Path.class);
    String base = classPath.value().startsWith("/") ? classPath.value() : "/" + classPath.value();
    return methodPath == null ? base : base + "/" + methodPath.value().replaceFirst("^/", "");
  }
}
