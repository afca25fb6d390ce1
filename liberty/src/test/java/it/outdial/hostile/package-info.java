/** Hostile requests from a client with a valid key, and the server staying up for everyone else. */
package it.outdial.hostile;
