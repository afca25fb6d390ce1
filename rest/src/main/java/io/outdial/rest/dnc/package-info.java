/**
 * {@code /api/v1/clients/{client_id}/dnc}: a client's do-not-call list, for its own keys: add a
 * number, upload a file of numbers as a job, check, list and remove numbers.
 */
package io.outdial.rest.dnc;
