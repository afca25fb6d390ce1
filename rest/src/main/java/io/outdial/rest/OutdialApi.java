package io.outdial.rest;

import io.outdial.rest.admin.AdminApiKeysResource;
import io.outdial.rest.admin.AdminKeyFilter;
import io.outdial.rest.agent.AgentsResource;
import io.outdial.rest.audit.AuditResource;
import io.outdial.rest.audit.CallTranscriptResource;
import io.outdial.rest.auth.ApiKeyFilter;
import io.outdial.rest.auth.RateLimitFilter;
import io.outdial.rest.call.CallEndResource;
import io.outdial.rest.call.CallMetadataResource;
import io.outdial.rest.call.CallTransferResource;
import io.outdial.rest.campaign.CampaignsResource;
import io.outdial.rest.contact.ContactsResource;
import io.outdial.rest.dnc.DoNotCallResource;
import io.outdial.rest.error.ConflictExceptionMapper;
import io.outdial.rest.error.JsonExceptionMapper;
import io.outdial.rest.error.UnexpectedExceptionMapper;
import io.outdial.rest.error.ValidationExceptionMapper;
import io.outdial.rest.error.WebApplicationExceptionMapper;
import io.outdial.rest.idempotency.IdempotencyFilter;
import io.outdial.rest.job.JobsResource;
import io.outdial.rest.json.JsonProvider;
import io.outdial.rest.limits.RequestSizeFilter;
import io.outdial.rest.sms.SmsResource;
import io.outdial.rest.transfer.AgentAvailabilityResource;
import io.outdial.rest.transfer.TransferTargetsResource;
import io.outdial.rest.usage.UsageResource;
import io.outdial.rest.webhook.WebhooksResource;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/**
 * Outdial's HTTP API. Resources and providers are listed here rather than scanned so that no
 * provider shipped inside a library (Jackson brings its own error mappers) slips in unnoticed.
 */
@ApplicationPath("/")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Outdial API",
            version = "1",
            description =
                "Outbound AI voice-calling campaigns. Every error answers {\"detail\": \"...\"}."))
@SecuritySchemes({
  @SecurityScheme(
      securitySchemeName = "adminKey",
      type = SecuritySchemeType.APIKEY,
      in = SecuritySchemeIn.HEADER,
      apiKeyName = "X-Admin-Key",
      description = "The admin key (ADMIN_API_KEY, or the one printed at first start)"),
  @SecurityScheme(
      securitySchemeName = "apiKey",
      type = SecuritySchemeType.APIKEY,
      in = SecuritySchemeIn.HEADER,
      apiKeyName = "X-API-Key",
      description = "An API key (jt_ak_...) issued by an admin")
})
public class OutdialApi extends Application {
  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(
        AdminApiKeysResource.class,
        AdminKeyFilter.class,
        CampaignsResource.class,
        AgentsResource.class,
        ContactsResource.class,
        DoNotCallResource.class,
        RequestSizeFilter.class,
        IdempotencyFilter.class,
        JobsResource.class,
        AuditResource.class,
        CallTranscriptResource.class,
        CallMetadataResource.class,
        CallEndResource.class,
        CallTransferResource.class,
        TransferTargetsResource.class,
        AgentAvailabilityResource.class,
        UsageResource.class,
        WebhooksResource.class,
        SmsResource.class,
        ApiKeyFilter.class,
        RateLimitFilter.class,
        ConflictExceptionMapper.class,
        JsonProvider.class,
        JsonExceptionMapper.class,
        ValidationExceptionMapper.class,
        WebApplicationExceptionMapper.class,
        UnexpectedExceptionMapper.class);
  }
}
