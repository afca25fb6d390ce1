package io.outdial.dialer.agent.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outdial.core.campaign.Voice;
import io.outdial.dialer.agent.AgentException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrpheusSpeechClientTest {
  private static final byte[] RIFF = {'R', 'I', 'F', 'F', 1, 2, 3, 4};
  private final StubServer server = new StubServer("/v1/audio/speech");

  @AfterEach
  void stop() {
    server.close();
  }

  private OrpheusSpeechClient client(Duration timeout) {
    return new OrpheusSpeechClient(
        new SpeechConfig(server.base(), "orpheus", Optional.empty(), "wav", timeout));
  }

  private AgentException failure(Duration timeout) {
    Throwable t =
        catchThrowable(
            () -> client(timeout).synthesize("Hello.", Voice.TARA).toCompletableFuture().join());
    assertThat(t).hasCauseInstanceOf(AgentException.class);
    return (AgentException) t.getCause();
  }

  @Test
  void postsModelInputVoiceAndFormatAndReturnsTheAudio() throws Exception {
    server.answer(200, "audio/wav", RIFF);

    byte[] audio =
        client(Duration.ofSeconds(5))
            .synthesize("Hello from Acme.", Voice.LEO)
            .toCompletableFuture()
            .join();

    assertThat(audio).isEqualTo(RIFF);
    JsonNode sent = new ObjectMapper().readTree(server.lastBody);
    assertThat(sent.path("model").asText()).isEqualTo("orpheus");
    assertThat(sent.path("input").asText()).isEqualTo("Hello from Acme.");
    assertThat(sent.path("voice").asText()).isEqualTo("leo");
    assertThat(sent.path("response_format").asText()).isEqualTo("wav");
    assertThat(server.lastAuthorization).isNull();
  }

  @Test
  void serverErrorAndEmptyAudioAndSilenceAreClearFailures() {
    server.answerJson(503, "{}");
    assertThat(failure(Duration.ofSeconds(5)).httpStatus()).contains(503);

    server.answer(200, "audio/wav", new byte[0]);
    assertThat(failure(Duration.ofSeconds(5)).kind()).isEqualTo(AgentException.Kind.MALFORMED);

    server.hang();
    assertThat(failure(Duration.ofMillis(300)).kind()).isEqualTo(AgentException.Kind.TIMEOUT);
  }
}
