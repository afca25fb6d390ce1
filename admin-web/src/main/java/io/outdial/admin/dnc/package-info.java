/** The read-only view of a client's do-not-call list. */
package io.outdial.admin.dnc;
