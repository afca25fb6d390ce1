package io.outdial.dialer.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.dialer.agent.Turn;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutcomesTest {
  @Test
  void aNulCharacterHeardInSpeechNeverReachesTheStoredTranscript() {
    String json = Outcomes.transcript(List.of(Turn.user("stop\0 calling"), Turn.assistant("ok")));

    assertThat(json).doesNotContain("\\u0000").doesNotContain("\0").contains("stop calling");
  }

  @Test
  void ordinaryTextIsKeptAsItIs() {
    assertThat(Outcomes.storable("Hello, ¿qué tal? 👋")).isEqualTo("Hello, ¿qué tal? 👋");
  }
}
