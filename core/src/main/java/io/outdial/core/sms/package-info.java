/**
 * Text messages (SMS): their statuses, the limits of a text, and a campaign's follow-up message
 * with its {@code {{first_name}}}-style template.
 */
package io.outdial.core.sms;
