/** Integration tests of dialing: the dispatcher on Liberty with the simulated carrier. */
package it.outdial.dialing;
