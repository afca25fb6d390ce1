/** MicroProfile Health checks: the server is ready only when PostgreSQL answers. */
package io.outdial.rest.health;
