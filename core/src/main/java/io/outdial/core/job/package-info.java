/** Asynchronous jobs: their statuses. */
package io.outdial.core.job;
