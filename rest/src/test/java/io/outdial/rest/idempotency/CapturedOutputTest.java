package io.outdial.rest.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class CapturedOutputTest {
  @Test
  void anAnswerWithinTheLimitIsHeldUntilReleased() throws IOException {
    ByteArrayOutputStream client = new ByteArrayOutputStream();
    CapturedOutput captured = new CapturedOutput(client, 10);
    captured.write("{\"a\":".getBytes());
    captured.write('1');
    captured.write("}".getBytes());
    captured.flush();
    captured.close();

    assertThat(client.size()).isZero();
    assertThat(captured.complete()).isTrue();
    assertThat(captured.bytes()).isEqualTo("{\"a\":1}".getBytes());
    captured.release();
    assertThat(client.toString()).isEqualTo("{\"a\":1}");
  }

  @Test
  void anAnswerPastTheLimitGoesStraightThroughAndIsNotHeld() throws IOException {
    ByteArrayOutputStream client = new ByteArrayOutputStream();
    CapturedOutput captured = new CapturedOutput(client, 4);
    captured.write("abc".getBytes());
    captured.write("def".getBytes());
    captured.write("g".getBytes());

    assertThat(captured.complete()).isFalse();
    assertThat(client.toString()).isEqualTo("abcdefg");
  }
}
