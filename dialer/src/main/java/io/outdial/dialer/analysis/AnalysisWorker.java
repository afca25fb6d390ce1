package io.outdial.dialer.analysis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outdial.core.agent.AnalysisState;
import io.outdial.dialer.agent.openai.ChatCompletionsAnalyzer;
import io.outdial.dialer.dispatch.DialerSettings;
import io.outdial.persistence.analysis.AnalysisTask;
import io.outdial.persistence.analysis.CallAnalyses;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.Config;

/**
 * Runs post-call analyses on the servers that dial, apart from dialing: every half second it claims
 * pending analyses (up to its room, {@value #MAX_RUNNING} at once) from the database, where the
 * outcome writer marked them, runs each through the analyzer and writes the result, or the failure,
 * onto the call record. A call record is written before its analysis is even claimed, so an
 * analysis that fails (or a server that dies while analysing) never loses it; another server takes
 * over an analysis claimed more than {@link #TAKE_OVER} ago.
 *
 * <p>The analyzer is {@code outdial.analysis} ({@code scripted} or {@code openai}), by default the
 * voice agent's kind ({@code outdial.agent}); {@code openai} uses the agent's {@code
 * outdial.agent.openai.*} server settings.
 */
@ApplicationScoped
public class AnalysisWorker {
  private static final Logger LOG = System.getLogger(AnalysisWorker.class.getName());

  /** Analyses running at once on this server. */
  static final int MAX_RUNNING = 8;

  /** An analysis claimed this long ago and not finished is taken over. */
  static final Duration TAKE_OVER = Duration.ofMinutes(5);

  private static final long POLL_MS = 500;
  private static final List<String> OPENAI_KEYS =
      List.of("base-url", "model", "api-key", "timeout-seconds", "json-mode");

  @Resource ManagedScheduledExecutorService executor;
  @Inject CallAnalyses analyses;
  @Inject DialerSettings settings;
  @Inject Config config;
  @Inject Clock clock;

  private final AtomicInteger running = new AtomicInteger();
  private final AtomicBoolean polling = new AtomicBoolean();
  private CallAnalyzer analyzer;
  private ScheduledFuture<?> timer;

  /** Starts with the dispatcher, after the schema is migrated. */
  void start(@Observes @Priority(600) @Initialized(ApplicationScoped.class) Object event) {
    if (!settings.enabled()) {
      return;
    }
    analyzer = analyzer();
    timer = executor.scheduleWithFixedDelay(this::poll, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
    LOG.log(Level.INFO, "Post-call analysis with the {0} analyzer", analyzer.name());
  }

  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    if (timer != null) {
      timer.cancel(false);
    }
  }

  private CallAnalyzer analyzer() {
    String name =
        setting("outdial.analysis")
            .or(() -> setting("outdial.agent"))
            .orElse("scripted")
            .toLowerCase(Locale.ROOT);
    return switch (name) {
      case "scripted" -> new ScriptedAnalyzer();
      case "openai" -> {
        Map<String, String> values = new HashMap<>();
        OPENAI_KEYS.forEach(
            k -> setting("outdial.agent.openai." + k).ifPresent(v -> values.put(k, v)));
        yield ChatCompletionsAnalyzer.fromSettings(values);
      }
      default ->
          throw new IllegalArgumentException(
              "outdial.analysis must be scripted or openai, got '" + name + "'");
    };
  }

  private Optional<String> setting(String key) {
    return config.getOptionalValue(key, String.class).map(String::strip).filter(v -> !v.isEmpty());
  }

  /** Claims what there is room for and starts it; one poll at a time. */
  void poll() {
    if (!polling.compareAndSet(false, true)) {
      return;
    }
    try {
      int room = MAX_RUNNING - running.get();
      if (room <= 0) {
        return;
      }
      List<AnalysisTask> tasks = analyses.claim(room, clock.instant(), TAKE_OVER);
      for (AnalysisTask task : tasks) {
        running.incrementAndGet();
        executor.execute(() -> run(task));
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not claim post-call analyses", e);
    } finally {
      polling.set(false);
    }
  }

  private void run(AnalysisTask task) {
    if (task.plan().isEmpty()) {
      finish(task, null, new IllegalStateException("the campaign's agent is gone"));
      return;
    }
    try {
      analyzer
          .analyze(task, task.plan().get())
          // back on a managed thread: the HTTP client's threads are no place for a transaction
          .whenCompleteAsync((result, error) -> finish(task, result, error), executor);
    } catch (RuntimeException e) {
      finish(task, null, e);
    }
  }

  private void finish(AnalysisTask task, ObjectNode result, Throwable error) {
    try {
      if (error == null) {
        ObjectNode analysis = result.objectNode();
        analysis.put("status", AnalysisState.COMPLETED.wireName());
        analysis.setAll(result);
        analysis.put("analyzer", analyzer.name());
        analysis.put("analyzed_at", clock.instant().toString());
        analyses.complete(task, analysis.toString(), clock.instant());
      } else {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
          cause = cause.getCause();
        }
        LOG.log(
            Level.WARNING,
            "Post-call analysis of call {0} failed: {1}",
            task.callId().value(),
            cause.getMessage());
        analyses.fail(task, failure(cause), clock.instant());
      }
    } catch (RuntimeException e) {
      // stays running: taken over (and tried again) after TAKE_OVER
      LOG.log(Level.WARNING, "Could not record the analysis of call " + task.callId().value(), e);
    } finally {
      running.decrementAndGet();
    }
  }

  private static String failure(Throwable error) {
    String message = error.getMessage();
    return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
  }
}
