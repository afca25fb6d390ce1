/** Integration tests of do-not-call list management through the API, dialing included. */
package it.outdial.dnc;
