/**
 * The API-key pages: the list with its client filter and empty state, the create form validated by
 * the API's own rules, the one-time display of a new key's secret, and revocation with a
 * confirmation step. Keys are read and written through {@code ApiKeyStore}; only hashes are ever
 * listed.
 */
package io.outdial.admin.keys;
