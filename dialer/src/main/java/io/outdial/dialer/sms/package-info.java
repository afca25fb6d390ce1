/**
 * The SMS sender: claims queued text messages from the database ({@link
 * io.outdial.persistence.sms.SmsMessages}), checks the do-not-call list and the recipient's calling
 * hours at send time, and hands each to the messaging provider once.
 */
package io.outdial.dialer.sms;
