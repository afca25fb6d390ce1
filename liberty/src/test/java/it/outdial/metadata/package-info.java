/**
 * Integration tests of integrators' metadata: contact metadata given inline and in JSON uploads,
 * shown in audit records, and metadata written back onto ended calls.
 */
package it.outdial.metadata;
