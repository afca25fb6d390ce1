package io.outdial.rest.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.outdial.core.apikey.ApiScope;
import io.outdial.core.id.JobId;
import io.outdial.persistence.job.JobRecord;
import io.outdial.persistence.job.JobStore;
import io.outdial.rest.PathIds;
import io.outdial.rest.Times;
import io.outdial.rest.auth.Caller;
import io.outdial.rest.auth.RequiresScope;
import io.outdial.rest.contact.ContactUploads;
import io.outdial.rest.error.ErrorBody;
import io.outdial.rest.json.JsonProvider;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Jobs of the calling key's client. */
@Path("/api/v1/jobs")
@RequestScoped
@RequiresScope(ApiScope.CAMPAIGNS)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Jobs")
@SecurityRequirement(name = "apiKey")
public class JobsResource {
  @Inject JobStore jobs;
  @Inject ContactUploads uploads;
  @Inject Caller caller;

  @GET
  @Path("/{job_id}")
  @Operation(summary = "Status of an asynchronous job (e.g. a contact upload)")
  @APIResponse(
      responseCode = "200",
      description = "The job",
      content = @Content(schema = @Schema(implementation = JobView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such job for this client",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public JobView get(@PathParam("job_id") String jobId) {
    JobId id = PathIds.parse(jobId, JobId::parse, "Job not found");
    uploads.failAbandonedJobs(); // a job whose server died reads as failed, never running
    JobRecord job = jobs.find(caller.client(), id).orElseThrow(JobsResource::notFound);
    return new JobView(
        job.jobId(),
        job.type(),
        job.status(),
        job.progress(),
        job.campaignId().orElse(null),
        job.resultJson().map(JobsResource::parse).orElse(null),
        Times.seconds(job.createdAt()),
        job.completedAt().map(Times::seconds).orElse(null));
  }

  private static JsonNode parse(String json) {
    try {
      return JsonProvider.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("job results are stored as JSON", e);
    }
  }

  private static NotFoundException notFound() {
    return new NotFoundException("Job not found");
  }
}
