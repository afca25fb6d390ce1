/**
 * Tests that run inside the Liberty server through Arquillian, for what only the container can show
 * (CDI, JTA, the application's own persistence unit).
 */
package it.outdial.arquillian;
