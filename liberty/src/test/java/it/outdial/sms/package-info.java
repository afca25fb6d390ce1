/** Text messages through the HTTP API: sent, followed up after calls, refused, limited. */
package it.outdial.sms;
