package io.outdial.rest.limits;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks methods that take a call's metadata: their request body may be at most {@link
 * RequestLimits#maxCallMetadataBytes()}, below the limit of other requests ({@link
 * RequestSizeFilter}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface LimitedCallMetadataSize {}
