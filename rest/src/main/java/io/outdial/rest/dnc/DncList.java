package io.outdial.rest.dnc;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code GET /api/v1/clients/{client_id}/dnc}: a page, newest first. */
@Schema(name = "DoNotCallList")
public record DncList(
    List<DncEntryView> entries,
    @Schema(description = "numbers on the whole list") long total,
    int limit,
    int offset) {}
