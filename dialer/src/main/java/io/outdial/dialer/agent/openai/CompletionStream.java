package io.outdial.dialer.agent.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outdial.dialer.agent.SentenceSplitter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one chat-completions answer line by line as it arrives. With {@code Content-Type:
 * text/event-stream} (the server honoured {@code stream: true}) each {@code data:} event's {@code
 * choices[0].delta.content} is appended, and the words the callee is to hear (the {@code say} value
 * of the JSON the model writes, or the plain text of a model that writes none) go through a {@link
 * SentenceSplitter} to the sentence consumer as soon as a sentence is complete. Any other content
 * type is a server that ignored {@code stream}: its body is kept whole and read at the end.
 *
 * <p>{@link #cancel()} cancels the body's subscription, which makes the HTTP client close the
 * connection: the server sees the stream closed and stops generating.
 */
final class CompletionStream implements Flow.Subscriber<String> {
  private static final Pattern SAY = Pattern.compile("\"say\"\\s*:\\s*\"");

  private final ObjectMapper json;
  private final Consumer<String> sentences;
  private final SentenceSplitter splitter = new SentenceSplitter();
  private final StringBuilder content = new StringBuilder();
  private final StringBuilder spoken = new StringBuilder(); // the say text given to the splitter
  private volatile Flow.Subscription subscription;
  private volatile boolean cancelled;
  private boolean eventStream;
  private boolean emittedAny;

  // the say extractor: where in content the next unread character is, and its state
  private enum Mode {
    UNDECIDED,
    JSON_SEEKING,
    JSON_IN_SAY,
    PLAIN,
    DONE
  }

  private Mode mode = Mode.UNDECIDED;
  private int position;

  CompletionStream(ObjectMapper json, Consumer<String> sentences) {
    this.json = json;
    this.sentences = sentences;
  }

  /** The body handler: streams an event stream, keeps anything else whole, discards failures. */
  HttpResponse.BodySubscriber<Void> handle(HttpResponse.ResponseInfo info) {
    if (info.statusCode() < 200 || info.statusCode() > 299) {
      return HttpResponse.BodySubscribers.discarding();
    }
    eventStream =
        info.headers()
            .firstValue("Content-Type")
            .map(v -> v.toLowerCase(Locale.ROOT).startsWith("text/event-stream"))
            .orElse(false);
    return HttpResponse.BodySubscribers.fromLineSubscriber(
        this, s -> null, StandardCharsets.UTF_8, null);
  }

  /** Stops reading: the HTTP client closes the connection. */
  void cancel() {
    cancelled = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }

  boolean eventStream() {
    return eventStream;
  }

  /** The whole body (not streamed) or the concatenated deltas (streamed). */
  String content() {
    return content.toString();
  }

  /** Whether any sentence went to the consumer. */
  boolean emittedAny() {
    return emittedAny;
  }

  /**
   * At the end of a streamed reply whose words are {@code say}: the last sentence, if the words
   * streamed so far are the beginning of {@code say} (they are unless a model wrote prose and then
   * JSON after all, when nothing more is spoken than what was).
   */
  void finish(Optional<String> say) {
    Optional<String> rest = splitter.finish();
    if (rest.isPresent() && say.isPresent() && say.get().startsWith(spoken.toString().strip())) {
      emit(rest.get());
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
  public void onNext(String line) {
    if (cancelled) {
      return;
    }
    if (!eventStream) {
      content.append(line).append('\n');
      return;
    }
    if (!line.startsWith("data:")) {
      return; // comments, event names, ids, blank separators
    }
    String data = line.substring(5).strip();
    if (data.isEmpty() || data.equals("[DONE]")) {
      return;
    }
    JsonNode delta;
    try {
      delta = json.readTree(data).path("choices").path(0).path("delta").path("content");
    } catch (JsonProcessingException e) {
      return; // a malformed event is skipped; the end result says whether anything usable came
    }
    if (delta.isTextual() && !delta.asText().isEmpty()) {
      content.append(delta.asText());
      extract();
    }
  }

  @Override
  public void onError(Throwable throwable) {}

  @Override
  public void onComplete() {}

  /** Feeds the splitter with the words to speak that the content now holds. */
  private void extract() {
    while (position < content.length() && mode != Mode.DONE) {
      switch (mode) {
        case UNDECIDED -> {
          char c = content.charAt(position);
          if (Character.isWhitespace(c)) {
            position++;
          } else {
            mode = c == '{' || c == '`' ? Mode.JSON_SEEKING : Mode.PLAIN;
          }
        }
        case JSON_SEEKING -> {
          Matcher m = SAY.matcher(content);
          if (m.find(position)) {
            position = m.end();
            mode = Mode.JSON_IN_SAY;
          } else {
            return; // the key may still be arriving
          }
        }
        case JSON_IN_SAY -> {
          if (!readString()) {
            return;
          }
        }
        case PLAIN -> {
          int brace = content.indexOf("{", position);
          int end = brace < 0 ? content.length() : brace;
          speak(content.substring(position, end));
          position = end;
          if (brace >= 0) {
            mode = Mode.DONE; // JSON after prose: the end result decides what else is said
          }
        }
        case DONE -> {}
      }
    }
  }

  /**
   * Decodes the say string from {@link #position}; false when it needs more input (an escape cut in
   * two), true when it moved on (the string ended, or input ran out cleanly).
   */
  private boolean readString() {
    StringBuilder decoded = new StringBuilder();
    boolean progress = true;
    while (position < content.length()) {
      char c = content.charAt(position);
      if (c == '"') {
        position++;
        mode = Mode.DONE;
        break;
      }
      if (c != '\\') {
        decoded.append(c);
        position++;
        continue;
      }
      if (position + 1 >= content.length()) {
        progress = false;
        break;
      }
      char e = content.charAt(position + 1);
      if (e == 'u') {
        if (position + 6 > content.length()) {
          progress = false;
          break;
        }
        try {
          decoded.append(
              (char) Integer.parseInt(content.substring(position + 2, position + 6), 16));
        } catch (NumberFormatException ex) {
          decoded.append('?');
        }
        position += 6;
        continue;
      }
      decoded.append(
          switch (e) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'b' -> '\b';
            case 'f' -> '\f';
            default -> e; // \" \\ \/
          });
      position += 2;
    }
    speak(decoded.toString());
    return progress && mode == Mode.DONE;
  }

  private void speak(String text) {
    if (text.isEmpty()) {
      return;
    }
    spoken.append(text);
    for (String sentence : splitter.push(text)) {
      emit(sentence);
    }
  }

  private void emit(String sentence) {
    emittedAny = true;
    sentences.accept(sentence);
  }
}
