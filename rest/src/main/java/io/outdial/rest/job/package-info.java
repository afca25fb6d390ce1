/** {@code /api/v1/jobs/{job_id}}: the status, progress and result of asynchronous work. */
package io.outdial.rest.job;
