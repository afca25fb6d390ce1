/**
 * Webhook rules: the event types an integrator can subscribe to, the signing of a delivery as the
 * Standard Webhooks specification describes it, the retry schedule, what an attempt's answer means
 * for the delivery and its endpoint, and which destinations a delivery may go to.
 */
package io.outdial.core.webhook;
