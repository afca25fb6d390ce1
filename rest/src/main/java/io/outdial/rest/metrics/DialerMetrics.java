package io.outdial.rest.metrics;

import io.outdial.core.contact.Disposition;
import io.outdial.dialer.dispatch.Dispatcher;
import io.outdial.dialer.dispatch.Telephony;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.function.Function;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * This server's dialing in MicroProfile Metrics' application scope ({@code GET
 * /metrics?scope=application}, Prometheus text), for an operator's dashboards and alerts: lines,
 * calls in flight, calls ended by disposition since start, whether the telephony provider takes
 * calls and whether the server holds dialing because it lost its lease. Each server reports its
 * own; sum them across servers. Campaign figures stay in the API's stats.
 */
@ApplicationScoped
public class DialerMetrics {
  @Inject Dispatcher dispatcher;
  @Inject Telephony telephony;
  @Inject MetricRegistry registry;

  void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
    gauge(
        "outdial.dialer.lines",
        "Lines this server dials on (outdial.dialer.capacity; 0 when dialing is off)",
        d -> d.lines());
    gauge("outdial.dialer.calls.in.flight", "Calls this server has up now", d -> d.callsInFlight());
    gauge(
        "outdial.dialer.fenced",
        "1 while this server holds dialing because it could not renew its lease",
        d -> d.fenced() ? 1 : 0);
    registry.gauge(
        Metadata.builder()
            .withName("outdial.telephony.available")
            .withDescription(
                "1 while the telephony provider takes calls, 0 while its circuit breaker holds"
                    + " dialing")
            .build(),
        telephony,
        t -> t.unavailableSince().isPresent() ? 0 : 1);
    for (Disposition disposition : Disposition.values()) {
      registry.gauge(
          Metadata.builder()
              .withName("outdial.dialer.calls.completed")
              .withDescription("Calls this server ended since it started, by disposition")
              .build(),
          dispatcher,
          d -> d.callsCompleted(disposition),
          new Tag("disposition", disposition.wireName()));
    }
    Histogram firstAudio =
        histogram(
            FIRST_AUDIO,
            "Time from answer to the agent's first audio, per call this server recorded (ms)");
    Histogram machineDetection =
        histogram(
            MACHINE_DETECTION,
            "Time from answer to the answering-machine detection's verdict, per call (ms)");
    Histogram voiceToVoice =
        histogram(
            VOICE_TO_VOICE,
            "Time from the end of the callee's turn to the agent's first audio, per turn (ms)");
    dispatcher.observeAudio(
        audio -> {
          audio.firstAudioMs().ifPresent(firstAudio::update);
          audio.machineDetectionMs().ifPresent(machineDetection::update);
          audio.voiceToVoiceMs().forEach(voiceToVoice::update);
        });
  }

  /** Names of the latency histograms; their buckets are core's {@code LatencyHistogram}'s. */
  static final String FIRST_AUDIO = "outdial.call.first.audio.ms";

  static final String MACHINE_DETECTION = "outdial.call.machine.detection.ms";
  static final String VOICE_TO_VOICE = "outdial.call.voice.to.voice.ms";

  private Histogram histogram(String name, String description) {
    return registry.histogram(
        Metadata.builder().withName(name).withDescription(description).build());
  }

  private void gauge(String name, String description, Function<Dispatcher, Number> value) {
    registry.gauge(
        Metadata.builder().withName(name).withDescription(description).build(),
        dispatcher,
        value::apply);
  }
}
