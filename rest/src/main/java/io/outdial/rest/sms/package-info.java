/**
 * Text messages: {@code POST /api/v1/sms} stores a message queued for the SMS sender (after the
 * do-not-call check) and {@code GET /api/v1/sms/{sms_id}} shows where it is.
 */
package io.outdial.rest.sms;
