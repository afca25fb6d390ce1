package io.outdial.rest.campaign;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code GET /api/v1/campaigns}. */
@Schema(name = "CampaignList")
public record CampaignList(List<CampaignView> campaigns, long total, int limit, int offset) {}
