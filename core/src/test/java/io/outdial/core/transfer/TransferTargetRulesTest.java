package io.outdial.core.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.core.ValidationException;
import io.outdial.core.id.TransferTargetId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransferTargetRulesTest {
  private static final TransferTargetId SALES = TransferTargetId.parse("target_sales");
  private static final TransferTargetId SUPPORT = TransferTargetId.parse("target_support");

  private static void refused(Runnable r, String field, String words) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageContaining(words);
  }

  @Test
  void sipUrisAndE164NumbersAreAddresses() {
    assertThat(new TargetAddress(" sip:alice@pbx.example.com ").value())
        .isEqualTo("sip:alice@pbx.example.com");
    assertThat(new TargetAddress("SIPS:bob@10.0.0.7:5061;transport=tls").value())
        .isEqualTo("sips:bob@10.0.0.7:5061;transport=tls");
    assertThat(new TargetAddress("sip:alice@pbx.example.com").isSip()).isTrue();
    assertThat(new TargetAddress("+15551230101").isSip()).isFalse();
  }

  @Test
  void anythingElseIsRefusedNamingTheAddress() {
    refused(() -> new TargetAddress(null), "address", "required");
    refused(() -> new TargetAddress("tel:+15551230101"), "address", "SIP URI");
    refused(() -> new TargetAddress("5551230101"), "address", "E.164");
    refused(() -> new TargetAddress("sip:"), "address", "SIP URI");
    refused(() -> new TargetAddress("sip:alice@pbx example.com"), "address", "SIP URI");
    refused(() -> new TargetAddress("sip:" + "a".repeat(300)), "address", "at most 255");
  }

  @Test
  void aHumanNeedsAnAddressAndKeepsItsQueuesOnceEach() {
    refused(
        () ->
            new TargetSpec(
                TargetType.HUMAN, "Alice", Optional.empty(), Optional.empty(), List.of()),
        "address",
        "required for a human");
    TargetSpec alice =
        TargetSpec.human(
            " Alice ",
            new TargetAddress("sip:alice@pbx.example.com"),
            AgentStatus.BUSY,
            List.of(SALES, SUPPORT, SALES));
    assertThat(alice.name()).isEqualTo("Alice");
    assertThat(alice.queueIds()).containsExactly(SALES, SUPPORT);
    assertThat(alice.status()).contains(AgentStatus.BUSY);
  }

  @Test
  void aQueueHasNeitherStatusNorQueues() {
    refused(
        () ->
            new TargetSpec(
                TargetType.QUEUE,
                "Sales",
                Optional.empty(),
                Optional.of(AgentStatus.BUSY),
                List.of()),
        "status",
        "humans only");
    refused(
        () ->
            new TargetSpec(
                TargetType.QUEUE, "Sales", Optional.empty(), Optional.empty(), List.of(SALES)),
        "queue_ids",
        "humans only");
    assertThat(TargetSpec.queue("Sales", Optional.empty()).address()).isEmpty();
  }

  @Test
  void typeNameAndStatusAreChecked() {
    refused(
        () -> new TargetSpec(null, "x", Optional.empty(), Optional.empty(), List.of()),
        "type",
        "required");
    refused(() -> TargetSpec.queue(" ", Optional.empty()), "name", "required");
    refused(() -> TargetSpec.queue("x".repeat(201), Optional.empty()), "name", "at most 200");
    refused(() -> TargetType.fromWire("robot"), "type", "human, queue");
    refused(() -> AgentStatus.fromWire("away"), "status", "available, busy, offline");
    assertThat(AgentStatus.DEFAULT).isEqualTo(AgentStatus.OFFLINE);
  }

  @Test
  void availabilityCountsEachQueuesMembersByStatus() {
    TransferTargetId empty = TransferTargetId.parse("target_empty");
    QueueAvailability.Member alice = member("alice", AgentStatus.AVAILABLE, SALES, SUPPORT);
    QueueAvailability.Member bob = member("bob", AgentStatus.BUSY, SALES);
    QueueAvailability.Member carol = member("carol", AgentStatus.OFFLINE, SALES);
    QueueAvailability.Member dan = member("dan", AgentStatus.AVAILABLE);

    List<QueueAvailability> queues =
        QueueAvailability.of(
            List.of(
                new QueueAvailability.Queue(SALES, "Sales"),
                new QueueAvailability.Queue(SUPPORT, "Support"),
                new QueueAvailability.Queue(empty, "Empty")),
            List.of(alice, bob, carol, dan));

    assertThat(queues)
        .extracting(QueueAvailability::name)
        .containsExactly("Sales", "Support", "Empty");
    QueueAvailability sales = queues.get(0);
    assertThat(sales.available()).containsExactly(alice);
    assertThat(
            List.of(sales.availableCount(), sales.busyCount(), sales.offlineCount(), sales.total()))
        .containsExactly(1, 1, 1, 3);
    assertThat(queues.get(1).available()).containsExactly(alice);
    assertThat(queues.get(1).total()).isEqualTo(1);
    assertThat(queues.get(2).available()).isEmpty();
    assertThat(queues.get(2).total()).isZero();
    assertThat(QueueAvailability.counts(List.of(alice, bob, carol, dan)))
        .containsEntry(AgentStatus.AVAILABLE, 2)
        .containsEntry(AgentStatus.BUSY, 1)
        .containsEntry(AgentStatus.OFFLINE, 1);
  }

  private static QueueAvailability.Member member(
      String name, AgentStatus status, TransferTargetId... queues) {
    return new QueueAvailability.Member(
        TransferTargetId.parse("target_" + name),
        name,
        new TargetAddress("sip:" + name + "@pbx.example.com"),
        status,
        Set.of(queues));
  }
}
