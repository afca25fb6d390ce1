/**
 * Adapters that the JAIN-SIP stack loads by class name to log through {@link System.Logger}; they
 * keep SIP message dumps, and with them Authorization headers, out of every log. Opened to the
 * stack's module only; not Outdial API.
 */
package io.outdial.carrier.sip.stacklog;
