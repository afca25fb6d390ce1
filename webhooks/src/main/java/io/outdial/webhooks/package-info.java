/**
 * The webhook sender ({@link io.outdial.webhooks.WebhookSender}), one per server: all servers
 * sharing the database send together, each delivery claimed by one of them at a time. Its settings
 * are read once at start ({@link io.outdial.webhooks.WebhookSettings}).
 */
package io.outdial.webhooks;
