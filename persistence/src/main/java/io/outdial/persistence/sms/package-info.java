/**
 * Text messages (SMS) on PostgreSQL ({@code sms_message}): stored queued in the transaction that
 * asks for them (an API request through {@link io.outdial.persistence.sms.SmsMessages}, a call's
 * outcome through {@link io.outdial.persistence.sms.SmsFollowUps}), then claimed by the SMS sender
 * of any server with {@code FOR UPDATE SKIP LOCKED} and a lease, so that each is sent once.
 */
package io.outdial.persistence.sms;
