package io.outdial.core.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.core.campaign.MaxConcurrent;
import io.outdial.core.campaign.Priority;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Random campaign sets and event sequences run against the scheduler and against a naive model that
 * recomputes everything from scratch; each rule of the scheduler is checked at every step.
 */
class DialingSchedulerPropertyTest {
  private static final ClientId[] CLIENTS = {
    ClientId.of("c0"), ClientId.of("c1"), ClientId.of("c2")
  };

  /** One event: {@code kind} picks the event, {@code a} and {@code b} are its arguments. */
  record Op(int kind, int a, int b) {}

  @Provide
  Arbitrary<List<Op>> events() {
    Arbitrary<Op> op =
        net.jqwik.api.Combinators.combine(
                Arbitraries.integers().between(0, 19),
                Arbitraries.integers().between(0, 999),
                Arbitraries.integers().between(0, 999))
            .as(Op::new);
    return op.list().ofMinSize(1).ofMaxSize(250);
  }

  /** The naive model of one campaign. */
  static final class M {
    final CampaignId id;
    int client;
    int priority;
    int max;
    int inFlight;
    long pending;
    int grants;
    int streakStart = -1;

    /** Grants after each step since the campaign was created, by global step number. */
    final Map<Integer, Integer> grantsAtStep = new HashMap<>();

    M(CampaignId id) {
      this.id = id;
    }
  }

  /** Runs a random scenario and checks caps, strict priority and work conservation per step. */
  @Property(tries = 400)
  void everyDecisionRespectsCapsPriorityAndWorkConservation(
      @ForAll("events") List<Op> events,
      @ForAll @IntRange(min = 1, max = 12) int campaignCount,
      @ForAll @IntRange(min = 1, max = 15) int globalCapacity) {
    new Scenario(campaignCount, globalCapacity).run(events, false);
  }

  /**
   * Among campaigns of one priority that both stay eligible (pending contacts, room under their own
   * and their client's cap), slot counts over the shared interval differ by at most two, and by at
   * most one when they started level.
   */
  @Property(tries = 400)
  void campaignsOfEqualPriorityShareSlotsFairly(
      @ForAll("events") List<Op> events,
      @ForAll @IntRange(min = 2, max = 10) int campaignCount,
      @ForAll @IntRange(min = 1, max = 15) int globalCapacity) {
    new Scenario(campaignCount, globalCapacity).run(events, true);
  }

  /** Campaigns that start together and are never capped stay within one slot of each other. */
  @Property(tries = 200)
  void campaignsStartingTogetherStayWithinOneSlot(
      @ForAll @IntRange(min = 1, max = 30) int campaignCount,
      @ForAll @IntRange(min = 1, max = 500) int decisions) {
    DialingScheduler s = new DialingScheduler(Integer.MAX_VALUE);
    Map<CampaignId, Integer> grants = new HashMap<>();
    for (int i = 0; i < campaignCount; i++) {
      CampaignId id = CampaignId.parse("camp_" + i);
      s.upsert(
          new CampaignLoad(id, CLIENTS[i % 3], Priority.of(7), MaxConcurrent.of(10_000), 0, 1_000));
      grants.put(id, 0);
    }
    for (int d = 0; d < decisions; d++) {
      grants.merge(s.nextSlot().orElseThrow(), 1, Integer::sum);
      int min = grants.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
      int max = grants.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
      assertThat(max - min).isLessThanOrEqualTo(1);
    }
  }

  private static final class Scenario {
    final DialingScheduler scheduler;
    final Map<CampaignId, M> model = new LinkedHashMap<>();
    final Integer[] clientCaps = new Integer[CLIENTS.length];
    int global;
    int created;
    int step;

    Scenario(int campaignCount, int globalCapacity) {
      this.global = globalCapacity;
      this.scheduler = new DialingScheduler(globalCapacity);
      for (int i = 0; i < campaignCount; i++) {
        addCampaign(i * 37, i * 53);
      }
    }

    void addCampaign(int a, int b) {
      M m = new M(CampaignId.parse("camp_" + created++));
      m.client = a % CLIENTS.length;
      m.priority = 1 + (b % 3) * 2; // 1, 3 or 5: collisions are the interesting part
      m.max = 1 + (a / 7) % 4;
      m.pending = (b / 3) % 7;
      model.put(m.id, m);
      scheduler.upsert(
          new CampaignLoad(
              m.id,
              CLIENTS[m.client],
              Priority.of(m.priority),
              MaxConcurrent.of(m.max),
              0,
              m.pending));
    }

    int clientInFlight(int client) {
      return model.values().stream()
          .filter(m -> m.client == client)
          .mapToInt(m -> m.inFlight)
          .sum();
    }

    int globalInFlight() {
      return model.values().stream().mapToInt(m -> m.inFlight).sum();
    }

    /**
     * Eligible for fairness purposes: everything but the global capacity, which binds all alike.
     */
    boolean eligibleIgnoringGlobal(M m) {
      Integer cap = clientCaps[m.client];
      return m.pending > 0 && m.inFlight < m.max && (cap == null || clientInFlight(m.client) < cap);
    }

    M pick(List<M> list, int a) {
      return list.isEmpty() ? null : list.get(a % list.size());
    }

    void run(List<Op> events, boolean checkFairness) {
      for (Op op : events) {
        List<M> all = new ArrayList<>(model.values());
        int kind = op.kind();
        if (kind < 9) {
          decide();
        } else if (kind < 12) {
          M m = pick(all.stream().filter(x -> x.inFlight > 0).toList(), op.a());
          if (m != null) {
            scheduler.callFinished(m.id);
            m.inFlight--;
          }
        } else if (kind == 12) {
          M m = pick(all, op.a());
          if (m != null) {
            m.pending = op.b() % 6;
            scheduler.setPendingDue(m.id, m.pending);
          }
        } else if (kind == 13) {
          M m = pick(all, op.a());
          if (m != null) {
            m.max = 1 + op.b() % 4;
            scheduler.setMaxConcurrent(m.id, MaxConcurrent.of(m.max));
          }
        } else if (kind == 14) {
          M m = pick(all, op.a());
          if (m != null) {
            int p = 1 + (op.b() % 3) * 2;
            if (p != m.priority) {
              m.priority = p;
              m.streakStart = -1;
            }
            scheduler.setPriority(m.id, Priority.of(p));
          }
        } else if (kind == 15) {
          int c = op.a() % CLIENTS.length;
          if (op.b() % 3 == 0) {
            clientCaps[c] = null;
            scheduler.clearClientCapacity(CLIENTS[c]);
          } else {
            clientCaps[c] = op.b() % 5;
            scheduler.setClientCapacity(CLIENTS[c], clientCaps[c]);
          }
        } else if (kind == 16) {
          global = op.a() % 16;
          scheduler.setGlobalCapacity(global);
        } else if (kind == 17) {
          M m = pick(all, op.a());
          if (m != null) {
            scheduler.remove(m.id);
            model.remove(m.id);
          }
        } else if (kind == 18) {
          addCampaign(op.a(), op.b());
        } else {
          M m = pick(all, op.a());
          if (m != null) {
            m.pending += op.b() % 4;
            scheduler.addPendingDue(m.id, op.b() % 4);
          }
        }
        afterStep(checkFairness);
      }
    }

    void decide() {
      List<M> eligible =
          model.values().stream()
              .filter(this::eligibleIgnoringGlobal)
              .filter(m -> globalInFlight() < global)
              .toList();
      Optional<CampaignId> granted = scheduler.nextSlot();
      if (eligible.isEmpty()) {
        assertThat(granted).as("nothing is eligible, so no slot").isEmpty();
        return;
      }
      assertThat(granted).as("work-conserving: %s are eligible", eligible.size()).isPresent();
      M m = model.get(granted.orElseThrow());
      assertThat(eligible).as("caps: the granted campaign was eligible").contains(m);
      int top = eligible.stream().mapToInt(x -> x.priority).max().orElseThrow();
      assertThat(m.priority).as("strict priority").isEqualTo(top);
      m.inFlight++;
      m.pending--;
      m.grants++;
    }

    void afterStep(boolean checkFairness) {
      step++;
      assertThat(scheduler.globalInFlight()).isEqualTo(globalInFlight());
      for (int c = 0; c < CLIENTS.length; c++) {
        assertThat(scheduler.clientInFlight(CLIENTS[c])).isEqualTo(clientInFlight(c));
      }
      for (M m : model.values()) {
        CampaignLoad load = scheduler.load(m.id).orElseThrow();
        assertThat(load.inFlight()).isEqualTo(m.inFlight);
        assertThat(load.pendingDue()).isEqualTo(m.pending);
        m.grantsAtStep.put(step, m.grants);
        if (!eligibleIgnoringGlobal(m)) {
          m.streakStart = -1;
        } else if (m.streakStart < 0) {
          m.streakStart = step;
        }
      }
      if (!checkFairness) {
        return;
      }
      List<M> streaking = model.values().stream().filter(m -> m.streakStart >= 0).toList();
      for (M a : streaking) {
        for (M b : streaking) {
          if (a == b || a.priority != b.priority) {
            continue;
          }
          int since = Math.max(a.streakStart, b.streakStart);
          int ga = a.grants - a.grantsAtStep.get(since);
          int gb = b.grants - b.grantsAtStep.get(since);
          assertThat(Math.abs(ga - gb))
              .as("%s got %s and %s got %s while both stayed eligible", a.id, ga, b.id, gb)
              .isLessThanOrEqualTo(2);
        }
      }
    }
  }
}
