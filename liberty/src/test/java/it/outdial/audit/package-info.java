/** Integration tests of the audit trail, client usage, jobs and JSON contact uploads. */
package it.outdial.audit;
