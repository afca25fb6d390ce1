package io.outdial.rest.audit;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code GET /api/v1/audit}. */
@Schema(name = "AuditPage")
public record AuditPage(List<AuditRecord> records, long total, int limit, int offset) {}
