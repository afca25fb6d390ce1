package io.outdial.rest.transfer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.outdial.core.id.TransferTargetId;
import io.outdial.core.transfer.AgentStatus;
import io.outdial.core.transfer.TargetAddress;
import io.outdial.persistence.transfer.TargetRecord;
import io.outdial.rest.Times;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A transfer target as the API shows it. */
@Schema(name = "TransferTarget")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TransferTargetView(
    @JsonProperty("target_id") String targetId,
    @JsonProperty("client_id") String clientId,
    @Schema(enumeration = {"human", "queue"}) String type,
    String name,
    @Schema(description = "SIP URI or E.164 number; null for a queue without one") String address,
    @Schema(
            description = "A human's availability; null for a queue",
            enumeration = {"available", "busy", "offline"})
        String status,
    @JsonProperty("status_changed_at")
        @Schema(description = "When a human's status was last set; null for a queue")
        Instant statusChangedAt,
    @JsonProperty("queue_ids")
        @Schema(description = "The queues a human belongs to; empty for a queue")
        List<String> queueIds,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("updated_at") Instant updatedAt) {

  static TransferTargetView from(TargetRecord t) {
    return new TransferTargetView(
        t.id().value(),
        t.clientId().value(),
        t.type().wireName(),
        t.name(),
        t.address().map(TargetAddress::value).orElse(null),
        t.status().map(AgentStatus::wireName).orElse(null),
        t.statusChangedAt().map(Times::seconds).orElse(null),
        t.queueIds().stream().map(TransferTargetId::value).toList(),
        Times.seconds(t.createdAt()),
        Times.seconds(t.updatedAt()));
  }
}
