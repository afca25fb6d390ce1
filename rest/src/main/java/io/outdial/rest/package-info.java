/** The JAX-RS application: which resources and providers make up Outdial's HTTP API. */
package io.outdial.rest;
