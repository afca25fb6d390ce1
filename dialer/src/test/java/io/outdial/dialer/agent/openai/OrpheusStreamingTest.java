package io.outdial.dialer.agent.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.outdial.core.campaign.Voice;
import io.outdial.dialer.agent.AgentException;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrpheusStreamingTest {
  private static final byte[] HEADER = {'R', 'I', 'F', 'F', -1, -1, -1, -1, 'W', 'A', 'V', 'E'};
  private static final byte[] REST = {1, 2, 3, 4, 5, 6};

  private StreamingServer server;

  @AfterEach
  void stop() {
    server.close();
  }

  private OrpheusSpeechClient client() {
    return new OrpheusSpeechClient(
        new SpeechConfig(
            server.base(), "orpheus", Optional.empty(), "wav", Duration.ofSeconds(20)));
  }

  @Test
  void theFirstChunkIsHandedOnBeforeTheServerHasTheRest() throws Exception {
    CountDownLatch firstChunkHeard = new CountDownLatch(1);
    AtomicBoolean restSentAfterIt = new AtomicBoolean();
    server =
        new StreamingServer(
            "/v1/audio/speech",
            x -> {
              x.start("audio/wav");
              x.send(HEADER);
              restSentAfterIt.set(firstChunkHeard.await(10, TimeUnit.SECONDS));
              x.send(REST);
              x.end();
            });
    ByteArrayOutputStream heard = new ByteArrayOutputStream();

    client().stream(
            "Hello there.",
            Voice.TARA,
            chunk -> {
              heard.writeBytes(chunk);
              firstChunkHeard.countDown();
            })
        .get(10, TimeUnit.SECONDS);

    assertThat(restSentAfterIt).isTrue();
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(HEADER);
    all.writeBytes(REST);
    assertThat(heard.toByteArray()).isEqualTo(all.toByteArray());
    assertThat(server.lastBody).contains("\"input\":\"Hello there.\"");
  }

  @Test
  void cancellingTheSynthesisClosesTheAudioStream() throws Exception {
    server =
        new StreamingServer(
            "/v1/audio/speech",
            x -> {
              x.start("audio/wav");
              x.send(HEADER);
              x.sendUntilClosed(REST);
            });
    CountDownLatch first = new CountDownLatch(1);
    CompletableFuture<Void> synthesis =
        client().stream("Hello.", Voice.TARA, c -> first.countDown());
    assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();

    synthesis.cancel(true); // barge-in

    assertThat(server.closedByClient.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(synthesis).isCancelled();
  }

  @Test
  void aServerErrorFailsTheStreamWithItsStatus() {
    server = new StreamingServer("/v1/audio/speech", x -> x.fail(500));

    Throwable t =
        catchThrowable(
            () -> client().stream("Hello.", Voice.TARA, c -> {}).get(10, TimeUnit.SECONDS));

    assertThat(t).hasCauseInstanceOf(AgentException.class);
    assertThat(((AgentException) t.getCause()).httpStatus()).contains(500);
  }
}
