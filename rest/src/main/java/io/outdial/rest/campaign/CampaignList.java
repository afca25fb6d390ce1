package io.outdial.rest.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Answer of {@code GET /api/v1/campaigns}: {@code limit} and {@code offset} always, {@code page}
 * and {@code page_size} too when the request paged with {@code page}/{@code pageSize}.
 */
@Schema(name = "CampaignList")
public record CampaignList(
    List<CampaignView> campaigns,
    @Schema(description = "Campaigns matching the filter, on every page") long total,
    int limit,
    int offset,
    @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(
            description = "The page asked for (1 first); only with page/pageSize",
            nullable = true)
        Integer page,
    @JsonProperty("page_size")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Campaigns per page; only with page/pageSize", nullable = true)
        Integer pageSize) {}
