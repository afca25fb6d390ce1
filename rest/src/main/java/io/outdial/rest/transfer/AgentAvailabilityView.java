package io.outdial.rest.transfer;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.outdial.core.transfer.AgentStatus;
import io.outdial.core.transfer.QueueAvailability;
import io.outdial.persistence.transfer.TransferTargets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code GET /api/v1/calls/agent-availability}. */
@Schema(name = "AgentAvailability")
public record AgentAvailabilityView(
    @Schema(description = "Each queue (or the one asked for) with its members by status")
        List<QueueView> queues,
    @Schema(
            description =
                "Humans available now: all of the client's, or the queue's members when filtered")
        int available,
    @Schema(description = "Humans busy, counted the same way") int busy,
    @Schema(description = "Humans offline, counted the same way") int offline,
    @JsonProperty("checked_at") Instant checkedAt) {

  /** One queue. */
  @Schema(name = "QueueAvailability")
  public record QueueView(
      @JsonProperty("queue_id") String queueId,
      String name,
      int available,
      int busy,
      int offline,
      int total,
      @JsonProperty("available_agents")
          @Schema(description = "The members available now, oldest first")
          List<AgentView> availableAgents) {}

  /** An available human. */
  @Schema(name = "AvailableAgent")
  public record AgentView(
      @JsonProperty("target_id") String targetId, String name, String address) {}

  static AgentAvailabilityView from(TransferTargets.Availability a, Instant now) {
    Map<AgentStatus, Integer> counts = QueueAvailability.counts(a.humans());
    return new AgentAvailabilityView(
        a.queues().stream().map(AgentAvailabilityView::queue).toList(),
        counts.get(AgentStatus.AVAILABLE),
        counts.get(AgentStatus.BUSY),
        counts.get(AgentStatus.OFFLINE),
        now);
  }

  private static QueueView queue(QueueAvailability q) {
    return new QueueView(
        q.queueId().value(),
        q.name(),
        q.availableCount(),
        q.busyCount(),
        q.offlineCount(),
        q.total(),
        q.available().stream()
            .map(m -> new AgentView(m.id().value(), m.name(), m.address().value()))
            .toList());
  }
}
