/**
 * API keys in PostgreSQL: the entity, its mapping to {@code io.outdial.core.apikey.ApiKey}, and the
 * store.
 */
package io.outdial.persistence.apikey;
