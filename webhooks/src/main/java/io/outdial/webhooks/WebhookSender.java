package io.outdial.webhooks;

import io.outdial.core.dialing.DialingLoad;
import io.outdial.persistence.webhook.Purged;
import io.outdial.persistence.webhook.WebhookDeliveries;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.DoubleSupplier;

/**
 * Sends webhooks. One per server; every server sharing the database sends, each delivery claimed by
 * one at a time. Ticks run on the managed scheduled executor every {@code poll}, and sooner while
 * deliveries wait and room frees up ({@link Sending}); they never overlap.
 */
@ApplicationScoped
public class WebhookSender {
  private static final System.Logger LOG = System.getLogger(WebhookSender.class.getName());

  /** How many threads of its own the sender has: ticks, lookups and answers are short. */
  private static final int THREADS = 2;

  /** The shortest time over which dialing's load is read (see {@link Sending}). */
  private static final Duration LOAD_WINDOW = Duration.ofMillis(250);

  /** How often the sender ticks while dialing is saturated (see {@link Sending}). */
  private static final Duration YIELD_POLL = Duration.ofSeconds(1);

  /** How long after the start the log is first purged, and how often after that. */
  private static final Duration PURGE_FIRST = Duration.ofMinutes(1);

  private static final Duration PURGE_EVERY = Duration.ofMinutes(15);

  /** Rows of each kind one purge transaction removes, and how many transactions a run makes. */
  private static final int PURGE_BATCH = 5_000;

  private static final int PURGE_BATCHES = 200;

  @Resource ManagedThreadFactory threads;
  @Inject WebhookDeliveries deliveries;
  @Inject WebhookSettings settings;
  @Inject Instance<DialingLoad> dialing;

  private final String id = "whs_" + UUID.randomUUID().toString().replace("-", "");
  private volatile Sending sending;
  private volatile ScheduledFuture<?> timer;
  private volatile ScheduledFuture<?> purgeTimer;
  private volatile Purging purging;
  // threads of its own, so that deliveries do not queue behind the dialer's call events on the
  // shared managed executor while campaigns dial at full speed
  private volatile ScheduledThreadPoolExecutor executor;
  private final ReentrantLock ticking = new ReentrantLock();
  private final AtomicBoolean woken = new AtomicBoolean();
  private volatile boolean stopped;
  private long failures;

  /** Starts after the persistence unit (priority 100) has migrated the schema. */
  void start(@Observes @Priority(600) @Initialized(ApplicationScoped.class) Object event) {
    if (!settings.enabled()) {
      LOG.log(System.Logger.Level.INFO, "Webhook sending is switched off on this server");
      return;
    }
    Clock clock = Clock.systemUTC();
    executor = new ScheduledThreadPoolExecutor(THREADS, threads);
    executor.setRemoveOnCancelPolicy(true);
    Posting posting =
        new Posting(
            Posting.client(settings.timeout(), executor),
            settings.destinations(),
            Posting.Resolver.SYSTEM,
            settings.timeout(),
            executor,
            clock);
    sending =
        new Sending(
            id,
            deliveries,
            posting,
            settings,
            clock,
            new SecureRandom(),
            this::wake,
            dialingLoad(),
            LOAD_WINDOW,
            YIELD_POLL);
    long poll = settings.poll().toMillis();
    timer = executor.scheduleWithFixedDelay(this::tick, poll, poll, TimeUnit.MILLISECONDS);
    if (settings.retention().purges()) {
      purging = new Purging(deliveries, settings.retention(), clock, PURGE_BATCH, PURGE_BATCHES);
      purgeTimer =
          executor.scheduleWithFixedDelay(
              this::purge, PURGE_FIRST.toSeconds(), PURGE_EVERY.toSeconds(), TimeUnit.SECONDS);
    }
    LOG.log(
        System.Logger.Level.INFO,
        "Webhook sender {0} started: up to {1} deliveries at once, {2} attempts each",
        id,
        settings.concurrency(),
        settings.retry().attempts());
  }

  private void tick() {
    ticking.lock();
    try {
      if (stopped) {
        return;
      }
      sending.tick();
      failures = 0;
    } catch (RuntimeException e) {
      // the database may be away for a while: say so once, then every hundredth time
      if (failures++ % 100 == 0) {
        LOG.log(System.Logger.Level.WARNING, "Webhook sending failed; trying again", e);
      }
    } finally {
      ticking.unlock();
    }
  }

  /** Removes what the retention no longer keeps (a sending server at a time, the others skip). */
  private void purge() {
    try {
      Purged purged = purging.run();
      if (purged.rows() > 0) {
        LOG.log(
            System.Logger.Level.INFO,
            "Purged {0} webhook deliveries and {1} events older than {2} days",
            purged.deliveries(),
            purged.events(),
            settings.retention().keep().toDays());
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Purging the webhook delivery log failed; next time", e);
    }
  }

  /** How busy this server's dialer is; a server without one never makes the sender yield. */
  private DoubleSupplier dialingLoad() {
    if (!dialing.isResolvable()) {
      return DialingLoad.NONE::sinceLastLook;
    }
    DialingLoad load = dialing.get();
    return load::sinceLastLook;
  }

  /** A tick soon, besides the timer's: at most one waits to run at a time. */
  private void wake() {
    if (stopped || !woken.compareAndSet(false, true)) {
      return;
    }
    try {
      executor.execute(
          () -> {
            woken.set(false);
            tick();
          });
    } catch (RejectedExecutionException e) {
      // shutting down, or the executor is full: the timer's next tick does the work
      woken.set(false);
    }
  }

  /** Stops at shutdown, recording what finished; claims still out lapse and are sent again. */
  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    ScheduledFuture<?> t = timer;
    if (t != null) {
      stopped = true;
      t.cancel(false);
      ScheduledFuture<?> p = purgeTimer;
      if (p != null) {
        p.cancel(false);
      }
      ticking.lock();
      try {
        sending.flush();
      } finally {
        ticking.unlock();
      }
      executor.shutdownNow();
    }
  }
}
