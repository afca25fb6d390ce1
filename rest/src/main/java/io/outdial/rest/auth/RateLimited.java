package io.outdial.rest.auth;

import io.outdial.core.ratelimit.ApiRatePolicy;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the rate-limit policy of a resource method (for example {@link ApiRatePolicy#UPLOADS});
 * methods without it use the default policy.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RateLimited {
  ApiRatePolicy value();
}
