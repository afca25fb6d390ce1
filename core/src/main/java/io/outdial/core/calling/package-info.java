/**
 * Calling hours in the recipient's local time: the allowed days and hours ({@link
 * io.outdial.core.calling.CallingHours}, 08:00-21:00 by default), the recipient's possible time
 * zones taken from the phone number with a fallback for unknown ones, and the resulting window that
 * is open only when every possible zone allows a call and that tells the next open instant.
 */
package io.outdial.core.calling;
