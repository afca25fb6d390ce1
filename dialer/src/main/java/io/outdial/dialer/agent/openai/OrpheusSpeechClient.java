package io.outdial.dialer.agent.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outdial.core.campaign.Voice;
import io.outdial.dialer.agent.AgentException;
import io.outdial.dialer.agent.SpeechSynthesizer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * Text to speech through an Orpheus server's OpenAI-compatible {@code POST /v1/audio/speech}:
 * {@code {model, input, voice, response_format}} in, audio bytes out. The campaign's voice names
 * (tara, leah, ...) are Orpheus's own and are sent as they are.
 */
public final class OrpheusSpeechClient implements SpeechSynthesizer {
  private static final String SERVER = "text-to-speech server";

  private final SpeechConfig config;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  public OrpheusSpeechClient(SpeechConfig config, HttpClient http) {
    this.config = Objects.requireNonNull(config, "config");
    this.http = Objects.requireNonNull(http, "http");
  }

  /** A client with its own HTTP client. */
  public OrpheusSpeechClient(SpeechConfig config) {
    this(config, HttpClient.newBuilder().connectTimeout(config.timeout()).build());
  }

  @Override
  public CompletionStage<byte[]> synthesize(String text, Voice voice) {
    return http.sendAsync(request(text, voice), HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(response -> HttpSupport.requireSuccess(SERVER, response).body())
        .thenApply(
            audio -> {
              if (audio.length == 0) {
                throw new AgentException(AgentException.Kind.MALFORMED, SERVER + " sent no audio");
              }
              return audio;
            })
        .handle(
            (audio, error) -> {
              if (error != null) {
                throw HttpSupport.translate(SERVER, error);
              }
              return audio;
            })
        .toCompletableFuture();
  }

  /**
   * Reads the answer's body as it arrives (a server that streams sends the WAV header at once, then
   * the samples as it generates them) and hands each piece on. The whole synthesis is bounded by
   * the configured timeout; cancelling the returned future cancels the body's subscription, which
   * closes the connection.
   */
  @Override
  public CompletableFuture<Void> stream(String text, Voice voice, Consumer<byte[]> chunks) {
    Objects.requireNonNull(chunks, "chunks");
    HttpRequest request = request(text, voice);
    AudioChunks body = new AudioChunks(chunks);
    CompletableFuture<Void> result = new CompletableFuture<>();
    CompletableFuture<HttpResponse<Void>> sent = http.sendAsync(request, body::handle);
    sent.whenComplete(
        (response, error) -> {
          if (error != null) {
            result.completeExceptionally(HttpSupport.translate(SERVER, error));
          } else if (response.statusCode() < 200 || response.statusCode() > 299) {
            result.completeExceptionally(HttpSupport.statusFailure(SERVER, response.statusCode()));
          } else if (body.bytes == 0) {
            result.completeExceptionally(
                new AgentException(AgentException.Kind.MALFORMED, SERVER + " sent no audio"));
          } else {
            result.complete(null);
          }
        });
    HttpSupport.bound(
        result,
        config.timeout(),
        SERVER,
        "the audio",
        () -> {
          body.cancel();
          sent.cancel(true);
        });
    return result;
  }

  private HttpRequest request(String text, Voice voice) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("text must not be blank");
    }
    Objects.requireNonNull(voice, "voice");
    ObjectNode body = json.createObjectNode();
    body.put("model", config.model());
    body.put("input", text);
    body.put("voice", voice.wireName());
    body.put("response_format", config.responseFormat());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(HttpSupport.endpoint(config.baseUrl(), "/v1/audio/speech"))
            .timeout(config.timeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    config.apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
    return request.build();
  }

  /** The body's pieces, handed on as they arrive; a failure's body is discarded. */
  private static final class AudioChunks implements Flow.Subscriber<List<ByteBuffer>> {
    private final Consumer<byte[]> chunks;
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;
    volatile long bytes;

    AudioChunks(Consumer<byte[]> chunks) {
      this.chunks = chunks;
    }

    HttpResponse.BodySubscriber<Void> handle(HttpResponse.ResponseInfo info) {
      if (info.statusCode() < 200 || info.statusCode() > 299) {
        return HttpResponse.BodySubscribers.discarding();
      }
      return HttpResponse.BodySubscribers.fromSubscriber(this);
    }

    void cancel() {
      cancelled = true;
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (cancelled) {
        s.cancel();
      } else {
        s.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (cancelled) {
        return;
      }
      int size = 0;
      for (ByteBuffer b : buffers) {
        size += b.remaining();
      }
      if (size == 0) {
        return;
      }
      byte[] piece = new byte[size];
      int at = 0;
      for (ByteBuffer b : buffers) {
        int n = b.remaining();
        b.get(piece, at, n);
        at += n;
      }
      bytes += size;
      chunks.accept(piece);
    }

    @Override
    public void onError(Throwable throwable) {}

    @Override
    public void onComplete() {}
  }
}
