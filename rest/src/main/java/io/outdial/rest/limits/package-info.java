/**
 * What one request may cost the server: the size of a request body, read as it arrives (413 past
 * the limit, declared or not), and the settings of those limits. The bounds of a contact upload's
 * content (rows, columns, cells, variables) are the contact package's.
 */
package io.outdial.rest.limits;
