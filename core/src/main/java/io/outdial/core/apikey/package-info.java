/**
 * API keys handed to integrators: the secret's format, its stored hash, the scopes a key grants,
 * and the metadata an admin sees. The raw secret exists only at creation; everything else works on
 * the hash.
 */
package io.outdial.core.apikey;
