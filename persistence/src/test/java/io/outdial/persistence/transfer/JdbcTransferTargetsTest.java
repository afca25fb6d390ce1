package io.outdial.persistence.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.core.id.ClientId;
import io.outdial.core.id.TransferTargetId;
import io.outdial.core.transfer.AgentStatus;
import io.outdial.core.transfer.QueueAvailability;
import io.outdial.core.transfer.TargetAddress;
import io.outdial.core.transfer.TargetSpec;
import io.outdial.core.transfer.TargetType;
import io.outdial.persistence.campaign.Page;
import io.outdial.persistence.dialing.PlainTransactor;
import io.outdial.persistence.dialing.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link TransferTargets} on a real PostgreSQL. Every test uses clients of its own.
 */
class JdbcTransferTargetsTest {
  private final TransferTargets targets =
      new JdbcTransferTargets(new PlainTransactor(TestDatabase.dataSource()));
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
  private final ClientId client = ClientId.of("targets-" + UUID.randomUUID());
  private final ClientId other = ClientId.of("targets-" + UUID.randomUUID());
  private int created;

  /** A time for the next target created by the helpers: one millisecond after the last one. */
  private Instant next() {
    return now.plusMillis(created++);
  }

  private TargetRecord queue(ClientId owner, String name) {
    return written(
        targets.create(
            owner, TransferTargetId.random(), TargetSpec.queue(name, Optional.empty()), next()));
  }

  private TargetRecord human(
      ClientId owner, String name, AgentStatus status, TargetRecord... queues) {
    return written(
        targets.create(
            owner,
            TransferTargetId.random(),
            TargetSpec.human(
                name,
                new TargetAddress("sip:" + name.toLowerCase() + "@pbx.example.com"),
                status,
                List.of(queues).stream().map(TargetRecord::id).toList()),
            next()));
  }

  private static TargetRecord written(TargetWrite write) {
    assertThat(write).isInstanceOf(TargetWrite.Written.class);
    return ((TargetWrite.Written) write).target();
  }

  @Test
  void aHumanIsStoredWithItsQueuesAndReadBackByItsClientOnly() {
    TargetRecord sales = queue(client, "Sales");
    TargetRecord support = queue(client, "Support");
    TargetRecord alice = human(client, "Alice", AgentStatus.AVAILABLE, support, sales);

    assertThat(alice.type()).isEqualTo(TargetType.HUMAN);
    assertThat(alice.address()).contains(new TargetAddress("sip:alice@pbx.example.com"));
    assertThat(alice.status()).contains(AgentStatus.AVAILABLE);
    assertThat(alice.statusChangedAt()).contains(alice.createdAt());
    assertThat(alice.queueIds())
        .as("in the order the queues were created")
        .containsExactly(sales.id(), support.id());
    assertThat(targets.find(client, alice.id())).contains(alice);
    assertThat(targets.find(other, alice.id())).isEmpty();
    assertThat(sales.status()).isEmpty();
    assertThat(sales.queueIds()).isEmpty();
  }

  @Test
  void aNewHumanWithoutAStatusIsOffline() {
    TargetWrite write =
        targets.create(
            client,
            TransferTargetId.random(),
            new TargetSpec(
                TargetType.HUMAN,
                "Bob",
                Optional.of(new TargetAddress("+15551230101")),
                Optional.empty(),
                List.of()),
            now);
    assertThat(written(write).status()).contains(AgentStatus.OFFLINE);
  }

  @Test
  void duplicatesAreAnswersNamingTheTargetAlreadyThere() {
    TargetRecord sales = queue(client, "Sales");
    TargetRecord alice = human(client, "Alice", AgentStatus.BUSY);

    assertThat(
            targets.create(
                client,
                TransferTargetId.random(),
                TargetSpec.queue("SALES", Optional.empty()),
                now))
        .isEqualTo(new TargetWrite.DuplicateQueueName(sales.id()));
    assertThat(
            targets.create(
                client,
                TransferTargetId.random(),
                TargetSpec.human(
                    "Alice again",
                    new TargetAddress("sip:alice@pbx.example.com"),
                    AgentStatus.BUSY,
                    List.of()),
                now))
        .isEqualTo(new TargetWrite.DuplicateAddress(alice.id()));
    // another client may use the same names and addresses
    queue(other, "Sales");
    human(other, "Alice", AgentStatus.BUSY);
    // two humans may share a name
    written(
        targets.create(
            client,
            TransferTargetId.random(),
            TargetSpec.human(
                "Alice", new TargetAddress("+15551230102"), AgentStatus.BUSY, List.of()),
            now));
  }

  @Test
  void concurrentCreatesOfOneQueueNameStoreOne() throws Exception {
    int n = 6;
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<TargetWrite>> writes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      writes.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return targets.create(
                    client,
                    TransferTargetId.random(),
                    TargetSpec.queue("Night shift", Optional.empty()),
                    now);
              }));
    }
    start.countDown();
    List<TargetWrite> results = new ArrayList<>();
    for (CompletableFuture<TargetWrite> w : writes) {
      results.add(w.get(20, TimeUnit.SECONDS));
    }
    assertThat(results).filteredOn(TargetWrite.Written.class::isInstance).hasSize(1);
    assertThat(results).filteredOn(TargetWrite.DuplicateQueueName.class::isInstance).hasSize(n - 1);
    assertThat(targets.list(client, Optional.of(TargetType.QUEUE), 10, 0).total()).isEqualTo(1);
  }

  @Test
  void queuesMustBeTheClientsOwnQueues() {
    TargetRecord foreign = queue(other, "Sales");
    TargetRecord bob = human(client, "Bob", AgentStatus.BUSY);

    TargetWrite write =
        targets.create(
            client,
            TransferTargetId.random(),
            TargetSpec.human(
                "Carol",
                new TargetAddress("sip:carol@pbx.example.com"),
                AgentStatus.AVAILABLE,
                List.of(foreign.id())),
            now);
    assertThat(write).isEqualTo(new TargetWrite.UnknownQueue(foreign.id()));
    TargetWrite intoAHuman =
        targets.create(
            client,
            TransferTargetId.random(),
            TargetSpec.human(
                "Carol",
                new TargetAddress("sip:carol@pbx.example.com"),
                AgentStatus.AVAILABLE,
                List.of(bob.id())),
            now);
    assertThat(intoAHuman).isEqualTo(new TargetWrite.UnknownQueue(bob.id()));
    assertThat(targets.list(client, Optional.empty(), 10, 0).total()).isEqualTo(1);
  }

  @Test
  void aReplaceChangesNameAddressAndQueuesAndKeepsTheStatusUnlessGiven() {
    TargetRecord sales = queue(client, "Sales");
    TargetRecord support = queue(client, "Support");
    TargetRecord alice = human(client, "Alice", AgentStatus.BUSY, sales);
    Instant later = now.plusSeconds(60);

    TargetRecord replaced =
        written(
            targets.replace(
                client,
                alice.id(),
                new TargetSpec(
                    TargetType.HUMAN,
                    "Alice Smith",
                    Optional.of(new TargetAddress("+15551230103")),
                    Optional.empty(),
                    List.of(support.id())),
                later));

    assertThat(replaced.name()).isEqualTo("Alice Smith");
    assertThat(replaced.address()).contains(new TargetAddress("+15551230103"));
    assertThat(replaced.queueIds()).containsExactly(support.id());
    assertThat(replaced.status()).contains(AgentStatus.BUSY);
    assertThat(replaced.statusChangedAt()).contains(alice.createdAt());
    assertThat(replaced.updatedAt()).isEqualTo(later);

    TargetRecord available =
        written(
            targets.replace(
                client,
                alice.id(),
                TargetSpec.human(
                    "Alice Smith",
                    new TargetAddress("+15551230103"),
                    AgentStatus.AVAILABLE,
                    List.of()),
                later.plusSeconds(1)));
    assertThat(available.status()).contains(AgentStatus.AVAILABLE);
    assertThat(available.statusChangedAt()).contains(later.plusSeconds(1));
    assertThat(available.queueIds()).isEmpty();
  }

  @Test
  void aReplaceNeitherChangesTheTypeNorTakesAnotherTargetsNameOrAddress() {
    TargetRecord sales = queue(client, "Sales");
    TargetRecord support = queue(client, "Support");
    TargetRecord alice = human(client, "Alice", AgentStatus.BUSY);
    TargetRecord bob = human(client, "Bob", AgentStatus.BUSY);

    assertThat(
            targets.replace(client, sales.id(), TargetSpec.queue("support", Optional.empty()), now))
        .isEqualTo(new TargetWrite.DuplicateQueueName(support.id()));
    assertThat(
            targets.replace(
                client,
                alice.id(),
                TargetSpec.human("Alice", bob.address().orElseThrow(), AgentStatus.BUSY, List.of()),
                now))
        .isEqualTo(new TargetWrite.DuplicateAddress(bob.id()));
    assertThat(
            targets.replace(client, alice.id(), TargetSpec.queue("Alice", Optional.empty()), now))
        .isEqualTo(new TargetWrite.TypeChanged());
    assertThat(targets.replace(other, alice.id(), TargetSpec.queue("x", Optional.empty()), now))
        .isEqualTo(new TargetWrite.NotFound());
    // keeping its own name and address is no duplicate
    written(targets.replace(client, sales.id(), TargetSpec.queue("Sales", Optional.empty()), now));
  }

  @Test
  void theStatusIsAHumansOnly() {
    TargetRecord sales = queue(client, "Sales");
    TargetRecord alice = human(client, "Alice", AgentStatus.OFFLINE);
    Instant later = now.plusSeconds(5);

    StatusChange change = targets.status(client, alice.id(), AgentStatus.AVAILABLE, later);

    assertThat(change).isInstanceOf(StatusChange.Changed.class);
    TargetRecord changed = ((StatusChange.Changed) change).target();
    assertThat(changed.status()).contains(AgentStatus.AVAILABLE);
    assertThat(changed.statusChangedAt()).contains(later);
    StatusChange same =
        targets.status(client, alice.id(), AgentStatus.AVAILABLE, later.plusSeconds(5));
    assertThat(((StatusChange.Changed) same).target().statusChangedAt())
        .as("the same status again changes nothing")
        .contains(later);
    assertThat(targets.status(client, sales.id(), AgentStatus.BUSY, later))
        .isEqualTo(new StatusChange.NotAHuman());
    assertThat(targets.status(other, alice.id(), AgentStatus.BUSY, later))
        .isEqualTo(new StatusChange.NotFound());
  }

  @Test
  void deletingAQueueKeepsItsMembersAndDeletingAHumanLeavesItsQueues() {
    TargetRecord sales = queue(client, "Sales");
    TargetRecord support = queue(client, "Support");
    TargetRecord alice = human(client, "Alice", AgentStatus.AVAILABLE, sales, support);
    TargetRecord bob = human(client, "Bob", AgentStatus.AVAILABLE, support);

    assertThat(targets.delete(other, sales.id())).isFalse();
    assertThat(targets.delete(client, sales.id())).isTrue();
    assertThat(targets.delete(client, sales.id())).isFalse();

    assertThat(targets.find(client, alice.id()).orElseThrow().queueIds())
        .containsExactly(support.id());
    assertThat(targets.delete(client, bob.id())).isTrue();
    QueueAvailability left =
        targets.availability(client, Optional.empty()).orElseThrow().queues().get(0);
    assertThat(left.available())
        .extracting(QueueAvailability.Member::id)
        .containsExactly(alice.id());
  }

  @Test
  void listsAreTheClientsOwnByTypeOldestFirst() {
    TargetRecord sales = queue(client, "Sales");
    TargetRecord alice = human(client, "Alice", AgentStatus.AVAILABLE, sales);
    TargetRecord bob = human(client, "Bob", AgentStatus.AVAILABLE);
    queue(other, "Sales");

    Page<TargetRecord> all = targets.list(client, Optional.empty(), 10, 0);
    assertThat(all.total()).isEqualTo(3);
    assertThat(all.items())
        .extracting(TargetRecord::id)
        .containsExactlyInAnyOrder(sales.id(), alice.id(), bob.id());
    Page<TargetRecord> humans = targets.list(client, Optional.of(TargetType.HUMAN), 1, 1);
    assertThat(humans.total()).isEqualTo(2);
    assertThat(humans.items()).hasSize(1);
  }

  @Test
  void availabilityCountsEachQueueAndFiltersByIdOrName() {
    TargetRecord sales = queue(client, "Sales");
    TargetRecord support = queue(client, "Support");
    TargetRecord alice = human(client, "Alice", AgentStatus.AVAILABLE, sales, support);
    human(client, "Bob", AgentStatus.BUSY, sales);
    human(client, "Carol", AgentStatus.OFFLINE, sales);
    human(client, "Dan", AgentStatus.AVAILABLE);
    human(other, "Eve", AgentStatus.AVAILABLE);

    TransferTargets.Availability all = targets.availability(client, Optional.empty()).orElseThrow();
    assertThat(all.humans()).hasSize(4);
    assertThat(all.queues())
        .extracting(QueueAvailability::name)
        .containsExactly("Sales", "Support");
    QueueAvailability s = all.queues().get(0);
    assertThat(List.of(s.availableCount(), s.busyCount(), s.offlineCount()))
        .containsExactly(1, 1, 1);
    assertThat(s.available()).extracting(QueueAvailability.Member::id).containsExactly(alice.id());

    TransferTargets.Availability byName =
        targets.availability(client, Optional.of("support")).orElseThrow();
    assertThat(byName.queues())
        .extracting(QueueAvailability::queueId)
        .containsExactly(support.id());
    assertThat(byName.humans())
        .extracting(QueueAvailability.Member::id)
        .containsExactly(alice.id());
    assertThat(targets.availability(client, Optional.of(sales.id().value())).orElseThrow().queues())
        .extracting(QueueAvailability::queueId)
        .containsExactly(sales.id());
    assertThat(targets.availability(client, Optional.of("Nobody"))).isEmpty();
    assertThat(targets.availability(other, Optional.of("Sales"))).isEmpty();
  }
}
