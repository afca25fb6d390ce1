/** {@code /api/v1/agents}: a client's reusable voice-agent configurations. */
package io.outdial.rest.agent;
