/**
 * Contacts and what happens when they are called: E.164 phone numbers normalised from the formats
 * people write ({@link io.outdial.core.contact.PhoneNumberParser}, which reports bad numbers as
 * results rather than exceptions because uploads carry millions of rows), and the dispositions a
 * call attempt ends with.
 */
package io.outdial.core.contact;
