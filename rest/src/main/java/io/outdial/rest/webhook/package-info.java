/**
 * {@code /api/v1/webhooks}: each client's webhook endpoints, their delivery log and replays. The
 * rules live in {@code io.outdial.webhooks.Subscriptions}; these resources map HTTP to it.
 */
package io.outdial.rest.webhook;
