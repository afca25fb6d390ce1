package io.outdial.rest.usage;

import io.outdial.core.ValidationException;
import io.outdial.core.apikey.ApiScope;
import io.outdial.core.id.ClientId;
import io.outdial.persistence.usage.UsageStore;
import io.outdial.rest.PathIds;
import io.outdial.rest.auth.Caller;
import io.outdial.rest.auth.RequiresScope;
import io.outdial.rest.error.ErrorBody;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Usage of the calling key's own client. */
@Path("/api/v1/clients/{client_id}/usage")
@RequestScoped
@RequiresScope(ApiScope.CAMPAIGNS)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Clients")
@SecurityRequirement(name = "apiKey")
public class UsageResource {
  private static final Pattern PERIOD = Pattern.compile("\\d{4}-\\d{2}");

  @Inject UsageStore usage;
  @Inject Caller caller;
  @Inject Clock clock;

  @GET
  @Operation(
      summary = "A client's usage across all campaigns in one month",
      description = "period is YYYY-MM (UTC); the current month by default.")
  @APIResponse(
      responseCode = "200",
      description = "Usage",
      content = @Content(schema = @Schema(implementation = UsageView.class)))
  @APIResponse(
      responseCode = "400",
      description = "period is not YYYY-MM",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "404",
      description = "Not this key's client",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public UsageView get(
      @PathParam("client_id") String clientId, @QueryParam("period") String period) {
    ClientId client = PathIds.parse(clientId, ClientId::of, "Client not found");
    if (!client.equals(caller.client())) {
      throw notFound(); // another client's usage does not exist for this key
    }
    return UsageView.from(usage.usage(client, period(period)));
  }

  private YearMonth period(String period) {
    if (period == null || period.isBlank()) {
      return YearMonth.now(clock.withZone(ZoneOffset.UTC));
    }
    String text = period.strip();
    try {
      if (PERIOD.matcher(text).matches()) {
        return YearMonth.parse(text);
      }
    } catch (DateTimeParseException e) {
      // answered below
    }
    throw new ValidationException("period", "period must be a month as YYYY-MM, e.g. 2025-03");
  }

  private static NotFoundException notFound() {
    return new NotFoundException("Client not found");
  }
}
