/** Asynchronous jobs (contact uploads): their status, progress and result, scoped to one client. */
package io.outdial.persistence.job;
