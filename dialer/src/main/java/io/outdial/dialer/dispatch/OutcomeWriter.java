package io.outdial.dialer.dispatch;

import io.outdial.persistence.dialing.CallOutcomes;
import io.outdial.persistence.dialing.CallResult;
import io.outdial.persistence.dialing.OutcomeRejectedException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Writes call outcomes in batches: whatever finished while the previous batch was being written
 * goes into the next transaction, so a busy server writes hundreds of outcomes per commit and a
 * quiet one writes each at once.
 *
 * <p>A batch the database cannot take now (it is away, a lock wait timed out) is retried one second
 * later; the calls stay in flight (and their lines taken) until their outcome is stored. A batch
 * whose <em>data</em> the database refuses is split in halves until the result at fault is alone:
 * the others are written, and that one is written once more without its transcript and intents.
 * Should even that be refused, it is set aside loudly (an error in the log, a count in {@link
 * #deadLetters()}) and its line freed; its call record stays open until any server closes it as
 * stale and its contact is retried.
 */
final class OutcomeWriter {
  private static final System.Logger LOG = System.getLogger(OutcomeWriter.class.getName());
  static final int BATCH = 500;

  private final CallOutcomes outcomes;
  private final ScheduledExecutorService executor;
  private final Clock clock;
  private final Consumer<CallResult> recorded;
  private final Consumer<CallResult> dropped;
  private final ConcurrentLinkedQueue<CallResult> waiting = new ConcurrentLinkedQueue<>();
  private final SerialDrain drains;
  private final LongAdder deadLetters = new LongAdder();

  /**
   * @param recorded told of each result once it is in the database (or found closed already)
   * @param dropped told of each result set aside because the database refuses it
   */
  OutcomeWriter(
      CallOutcomes outcomes,
      ScheduledExecutorService executor,
      Clock clock,
      Consumer<CallResult> recorded,
      Consumer<CallResult> dropped) {
    this(outcomes, executor, clock, recorded, dropped, new BusyMeter(System::nanoTime));
  }

  /**
   * @param busy counts the time the writer's drain runs, for the {@link DialingMeter}
   */
  OutcomeWriter(
      CallOutcomes outcomes,
      ScheduledExecutorService executor,
      Clock clock,
      Consumer<CallResult> recorded,
      Consumer<CallResult> dropped,
      BusyMeter busy) {
    this.outcomes = outcomes;
    this.executor = executor;
    this.drains = new SerialDrain(executor, this::drain, "Outcome writing", busy);
    this.clock = clock;
    this.recorded = recorded;
    this.dropped = dropped;
  }

  void submit(CallResult result) {
    waiting.add(result);
    // while the server stops, the executor refuses the drain: what is still waiting goes with
    // the dispatcher's flush, or stays open for the lease to hand over
    drains.start();
  }

  /** Writes everything waiting, on the calling thread (at shutdown). */
  void flush() {
    while (!waiting.isEmpty()) {
      if (!writeBatch()) {
        return;
      }
    }
  }

  /** Results set aside since start because the database refused them. */
  long deadLetters() {
    return deadLetters.sum();
  }

  private void drain() {
    boolean ok = true;
    try {
      while (!waiting.isEmpty() && ok) {
        ok = writeBatch();
      }
    } finally {
      drains.finished();
    }
    if (!ok) {
      try {
        executor.schedule(
            () -> {
              if (drains.claim()) {
                drain();
              }
            },
            1,
            TimeUnit.SECONDS);
      } catch (RejectedExecutionException e) {
        LOG.log(Level.DEBUG, "Outcome retry not scheduled: the executor is shutting down");
      }
    } else if (!waiting.isEmpty()) {
      drains.start();
    }
  }

  /**
   * Writes one batch, split as the database's refusals require.
   *
   * @return false when the database could not be written and the rest waits for a retry
   */
  private boolean writeBatch() {
    List<CallResult> batch = new ArrayList<>(BATCH);
    for (CallResult r; batch.size() < BATCH && (r = waiting.poll()) != null; ) {
      batch.add(r);
    }
    Deque<List<CallResult>> parts = new ArrayDeque<>();
    if (!batch.isEmpty()) {
      parts.push(batch);
    }
    while (!parts.isEmpty()) {
      List<CallResult> part = parts.pop();
      try {
        try {
          outcomes.complete(part, clock.instant());
          part.forEach(recorded);
        } catch (OutcomeRejectedException e) {
          if (part.size() == 1) {
            setAside(part.get(0), e);
          } else {
            int half = part.size() / 2;
            parts.push(part.subList(half, part.size()));
            parts.push(part.subList(0, half));
          }
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Could not record " + part.size() + " call outcomes; retrying", e);
        waiting.addAll(part);
        parts.forEach(waiting::addAll);
        return false;
      }
    }
    return true;
  }

  /** The one result of a refused batch: written without its texts, or set aside. */
  private void setAside(CallResult result, OutcomeRejectedException refused) {
    try {
      outcomes.complete(List.of(result.withoutTexts()), clock.instant());
      LOG.log(
          Level.ERROR,
          "The database refused the transcript or intents of call {0} ({1}); recorded the call"
              + " without them",
          result.callId().value(),
          refused.getCause() == null ? refused.getMessage() : refused.getCause().getMessage());
      recorded.accept(result);
    } catch (OutcomeRejectedException again) {
      deadLetters.increment();
      LOG.log(
          Level.ERROR,
          "The database refuses the outcome of call "
              + result.callId().value()
              + " of campaign "
              + result.campaignId().value()
              + " ("
              + result.disposition().wireName()
              + "); set aside: its line is freed and the call is closed as stale by the lease"
              + " keeping",
          again);
      dropped.accept(result);
    }
    // any other failure propagates: the part goes back to wait for the retry
  }
}
