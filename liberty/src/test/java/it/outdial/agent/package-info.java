/** Agents through the HTTP API: CRUD, campaigns calling with an agent, tenant isolation. */
package it.outdial.agent;
