/** JSON on the wire: one Jackson configuration for every request and response body. */
package io.outdial.rest.json;
