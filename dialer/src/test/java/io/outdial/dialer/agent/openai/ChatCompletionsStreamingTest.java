package io.outdial.dialer.agent.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.outdial.core.call.AnsweredBy;
import io.outdial.core.campaign.Voice;
import io.outdial.core.contact.Disposition;
import io.outdial.dialer.agent.AgentReply;
import io.outdial.dialer.agent.CampaignScript;
import io.outdial.dialer.agent.Conversation;
import io.outdial.dialer.agent.Turn;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatCompletionsStreamingTest {
  private static final Conversation CONVERSATION =
      new Conversation(
          CampaignScript.of("You are a recruiter.", Optional.empty(), Optional.empty(), Voice.TARA)
              .forContact(Map.of("first_name", "John")),
          AnsweredBy.HUMAN,
          List.of(Turn.assistant("Hi John, are you open to new roles?"), Turn.user("Maybe.")),
          Instant.parse("2025-03-15T10:31:02Z"));

  private final ObjectMapper json = new ObjectMapper();
  private final List<String> sentences = new CopyOnWriteArrayList<>();
  private StreamingServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private ChatCompletionsAgent agent() {
    return new ChatCompletionsAgent(
        new ChatCompletionsConfig(
            server.base(), "llama3.1", Optional.empty(), Duration.ofSeconds(20), true));
  }

  /** One server-sent event carrying {@code content} as the next delta. */
  private String event(String content) {
    var root = json.createObjectNode();
    root.putArray("choices").addObject().putObject("delta").put("content", content);
    return "data: " + root + "\n\n";
  }

  @Test
  void theFirstSentenceArrivesWhileTheModelIsStillWriting() throws Exception {
    CountDownLatch firstSentenceHeard = new CountDownLatch(1);
    AtomicBoolean restSentAfterIt = new AtomicBoolean();
    server =
        new StreamingServer(
            "/v1/chat/completions",
            x -> {
              x.start("text/event-stream");
              x.send(": keep-alive\n\n");
              for (String piece : List.of("{\"say\": \"Great", " to hear, John.", " Mr. Lee")) {
                x.send(event(piece));
              }
              // the rest only once the client has handed on the first sentence
              restSentAfterIt.set(firstSentenceHeard.await(10, TimeUnit.SECONDS));
              for (String piece :
                  List.of(
                      " will call you \\\"tomorrow\\\" at 3.30 today.",
                      " Does that suit you?\", \"intents\": [{\"intent\": \"schedule\",",
                      " \"confidence\": 0.9}], \"disposition\": \"human_interested\",",
                      " \"end_call\": false}")) {
                x.send(event(piece));
              }
              x.send("data: [DONE]\n\n");
              x.end();
            });

    AgentReply reply =
        agent()
            .reply(
                CONVERSATION,
                s -> {
                  sentences.add(s);
                  firstSentenceHeard.countDown();
                })
            .get(10, TimeUnit.SECONDS);

    assertThat(restSentAfterIt).isTrue();
    assertThat(sentences)
        .containsExactly(
            "Great to hear, John.",
            "Mr. Lee will call you \"tomorrow\" at 3.30 today.",
            "Does that suit you?");
    assertThat(reply.say())
        .contains(
            "Great to hear, John. Mr. Lee will call you \"tomorrow\" at 3.30 today. Does that suit you?");
    assertThat(reply.intents())
        .singleElement()
        .satisfies(i -> assertThat(i.intent()).isEqualTo("schedule"));
    assertThat(reply.disposition()).contains(Disposition.HUMAN_INTERESTED);
    assertThat(json.readTree(server.lastBody).path("stream").asBoolean()).isTrue();
  }

  @Test
  void aPlainTextStreamIsSpokenSentenceBySentenceWithoutFinalPunctuation() throws Exception {
    server =
        new StreamingServer(
            "/v1/chat/completions",
            x -> {
              x.start("text/event-stream; charset=utf-8");
              for (String piece : List.of("Sure", "! I will", " call back", " on Monday")) {
                x.send(event(piece));
              }
              x.send("data: [DONE]\n\n");
              x.end();
            });

    AgentReply reply = agent().reply(CONVERSATION, sentences::add).get(10, TimeUnit.SECONDS);

    assertThat(sentences).containsExactly("Sure!", "I will call back on Monday");
    assertThat(reply.say()).contains("Sure! I will call back on Monday");
  }

  @Test
  void aServerThatAnswersPlainJsonStreamsNothingAndStillReplies() throws Exception {
    server =
        new StreamingServer(
            "/v1/chat/completions",
            x -> {
              x.start("application/json");
              var root = json.createObjectNode();
              root.putArray("choices")
                  .addObject()
                  .putObject("message")
                  .put("content", "{\"say\": \"One. Two.\", \"end_call\": false}");
              x.send(root.toString().getBytes(StandardCharsets.UTF_8));
              x.end();
            });

    AgentReply reply = agent().reply(CONVERSATION, sentences::add).get(10, TimeUnit.SECONDS);

    assertThat(sentences).isEmpty();
    assertThat(reply.say()).contains("One. Two.");
  }

  @Test
  void cancellingTheReplyClosesTheModelsStream() throws Exception {
    server =
        new StreamingServer(
            "/v1/chat/completions",
            x -> {
              x.start("text/event-stream");
              x.send(event("{\"say\": \"Hello there. And"));
              x.sendUntilClosed(event(" more").getBytes(StandardCharsets.UTF_8));
            });
    CountDownLatch first = new CountDownLatch(1);
    CompletableFuture<AgentReply> reply =
        agent()
            .reply(
                CONVERSATION,
                s -> {
                  sentences.add(s);
                  first.countDown();
                });
    assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();

    reply.cancel(true); // barge-in

    assertThat(server.closedByClient.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(reply).isCancelled();
    assertThat(sentences).containsExactly("Hello there.");
    await().during(Duration.ofMillis(100)).until(() -> sentences.size() == 1);
  }
}
