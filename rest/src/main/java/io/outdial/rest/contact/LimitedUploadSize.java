package io.outdial.rest.contact;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks contact-upload methods: their request body may be as large as the upload limit ({@link
 * UploadFiles#maxBytes()}) instead of the limit of other requests ({@link
 * io.outdial.rest.limits.RequestSizeFilter}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface LimitedUploadSize {}
