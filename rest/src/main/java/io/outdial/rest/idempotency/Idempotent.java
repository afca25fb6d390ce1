package io.outdial.rest.idempotency;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a create endpoint honour {@code Idempotency-Key}: put it on the resource method, nothing
 * else ({@link IdempotencyFilter} does the rest, and the OpenAPI document gains the header and the
 * 409 and 422 answers). The method must be behind {@link io.outdial.rest.auth.RequiresScope}: keys
 * are scoped per client.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Idempotent {}
