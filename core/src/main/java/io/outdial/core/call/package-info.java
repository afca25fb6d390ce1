/**
 * The vocabulary of one call attempt's end, shared by the telephony providers, the dialer and the
 * audit trail: who answered, what ended the call and why it failed.
 */
package io.outdial.core.call;
