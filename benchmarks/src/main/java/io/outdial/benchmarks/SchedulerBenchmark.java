package io.outdial.benchmarks;

import io.outdial.core.campaign.MaxConcurrent;
import io.outdial.core.campaign.Priority;
import io.outdial.core.dialing.CampaignLoad;
import io.outdial.core.dialing.DialingScheduler;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Slot decisions per second with 10 000 active campaigns spread over 10 priorities and 100 clients,
 * in steady state: every operation ends the oldest call in flight and takes one slot, so the global
 * capacity (2 000) stays full and campaigns keep going in and out of eligibility as they hit their
 * max_concurrent of 5. The baseline does the same picks with a plain {@link PriorityQueue} ordered
 * by (priority, slots served), without per-client capacity or re-entry rules, re-inserting a
 * campaign after each pick.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SchedulerBenchmark {
  static final int CAMPAIGNS = 10_000;
  static final int CLIENTS = 100;
  static final int CAPACITY = 2_000;
  static final int MAX_CONCURRENT = 5;

  /** Campaign ids and priorities, the same for both implementations. */
  static CampaignId[] ids() {
    CampaignId[] ids = new CampaignId[CAMPAIGNS];
    for (int i = 0; i < CAMPAIGNS; i++) {
      ids[i] = CampaignId.parse("camp_" + Integer.toString(i, 36));
    }
    return ids;
  }

  static int priorityOf(int i) {
    return 1 + (i % 10);
  }

  /** Outdial's scheduler, filled to capacity, with a ring of the calls in flight. */
  @State(Scope.Thread)
  public static class Outdial {
    DialingScheduler scheduler;
    CampaignId[] inFlight = new CampaignId[CAPACITY];
    int head;

    @Setup(Level.Trial)
    public void setUp() {
      scheduler = new DialingScheduler(CAPACITY);
      CampaignId[] ids = ids();
      SplittableRandom random = new SplittableRandom(1);
      for (int i = 0; i < CAMPAIGNS; i++) {
        scheduler.upsert(
            new CampaignLoad(
                ids[i],
                ClientId.of("client" + random.nextInt(CLIENTS)),
                Priority.of(priorityOf(i)),
                MaxConcurrent.of(MAX_CONCURRENT),
                0,
                Long.MAX_VALUE / 2));
      }
      for (int i = 0; i < CAPACITY; i++) {
        inFlight[i] = scheduler.nextSlot().orElseThrow();
      }
    }
  }

  @Benchmark
  public CampaignId outdialScheduler(Outdial s) {
    s.scheduler.callFinished(s.inFlight[s.head]);
    CampaignId next = s.scheduler.nextSlot().orElseThrow();
    s.inFlight[s.head] = next;
    s.head = s.head + 1 == CAPACITY ? 0 : s.head + 1;
    return next;
  }

  /** The baseline's campaign record. */
  static final class Campaign implements Comparable<Campaign> {
    final CampaignId id;
    final int priority;
    final int seq;
    int inFlight;
    long served;
    boolean queued;

    Campaign(CampaignId id, int priority, int seq) {
      this.id = id;
      this.priority = priority;
      this.seq = seq;
    }

    @Override
    public int compareTo(Campaign o) {
      if (priority != o.priority) {
        return Integer.compare(o.priority, priority);
      }
      if (served != o.served) {
        return Long.compare(served, o.served);
      }
      return Integer.compare(seq, o.seq);
    }
  }

  /** The baseline, in the same steady state. */
  @State(Scope.Thread)
  public static class Baseline {
    PriorityQueue<Campaign> queue = new PriorityQueue<>();
    Campaign[] inFlight = new Campaign[CAPACITY];
    int head;

    @Setup(Level.Trial)
    public void setUp() {
      CampaignId[] ids = ids();
      for (int i = 0; i < CAMPAIGNS; i++) {
        Campaign c = new Campaign(ids[i], priorityOf(i), i);
        c.queued = true;
        queue.add(c);
      }
      for (int i = 0; i < CAPACITY; i++) {
        inFlight[i] = take();
      }
    }

    Campaign take() {
      Campaign c = queue.poll();
      c.queued = false;
      c.inFlight++;
      c.served++;
      if (c.inFlight < MAX_CONCURRENT) {
        c.queued = true;
        queue.add(c);
      }
      return c;
    }

    void finish(Campaign c) {
      c.inFlight--;
      if (!c.queued) {
        c.queued = true;
        queue.add(c);
      }
    }
  }

  @Benchmark
  public CampaignId priorityQueueBaseline(Baseline s) {
    s.finish(s.inFlight[s.head]);
    Campaign next = s.take();
    s.inFlight[s.head] = next;
    s.head = s.head + 1 == CAPACITY ? 0 : s.head + 1;
    return next.id;
  }
}
