package io.outdial.core.transfer;

import io.outdial.core.id.TransferTargetId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who can take a transfer in one queue: its members by status, the available ones in full.
 *
 * @param available the members free now, in the order of the humans given
 */
public record QueueAvailability(
    TransferTargetId queueId,
    String name,
    List<Member> available,
    int availableCount,
    int busyCount,
    int offlineCount) {

  public QueueAvailability {
    Objects.requireNonNull(queueId, "queueId");
    Objects.requireNonNull(name, "name");
    available = List.copyOf(available);
  }

  /** Members of the queue in all. */
  public int total() {
    return availableCount + busyCount + offlineCount;
  }

  /** A human as far as availability goes. */
  public record Member(
      TransferTargetId id,
      String name,
      TargetAddress address,
      AgentStatus status,
      Set<TransferTargetId> queues) {
    public Member {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(status, "status");
      queues = Set.copyOf(queues);
    }
  }

  /** A queue, by id and name. */
  public record Queue(TransferTargetId id, String name) {}

  /**
   * The availability of each queue, in the order of {@code queues}, counting the humans that belong
   * to it.
   */
  public static List<QueueAvailability> of(List<Queue> queues, List<Member> humans) {
    Map<TransferTargetId, List<Member>> members = new LinkedHashMap<>();
    queues.forEach(q -> members.put(q.id(), new ArrayList<>()));
    for (Member human : humans) {
      for (TransferTargetId queue : human.queues()) {
        List<Member> list = members.get(queue);
        if (list != null) {
          list.add(human);
        }
      }
    }
    List<QueueAvailability> out = new ArrayList<>(queues.size());
    for (Queue queue : queues) {
      List<Member> in = members.get(queue.id());
      Map<AgentStatus, Integer> counts = counts(in);
      out.add(
          new QueueAvailability(
              queue.id(),
              queue.name(),
              in.stream().filter(m -> m.status() == AgentStatus.AVAILABLE).toList(),
              counts.get(AgentStatus.AVAILABLE),
              counts.get(AgentStatus.BUSY),
              counts.get(AgentStatus.OFFLINE)));
    }
    return out;
  }

  /** How many of {@code humans} have each status (every status present, zero or more). */
  public static Map<AgentStatus, Integer> counts(List<Member> humans) {
    Map<AgentStatus, Integer> counts = new EnumMap<>(AgentStatus.class);
    for (AgentStatus s : AgentStatus.values()) {
      counts.put(s, 0);
    }
    humans.forEach(h -> counts.merge(h.status(), 1, Integer::sum));
    return counts;
  }
}
