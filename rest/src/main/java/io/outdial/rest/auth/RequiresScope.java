package io.outdial.rest.auth;

import io.outdial.core.apikey.ApiScope;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scope an API key needs for this resource (class) or method; checked by {@link ApiKeyFilter}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresScope {
  ApiScope value();
}
