package io.outdial.rest.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** A body is passed through up to its limit and refused at the first byte beyond it. */
class LimitedInputStreamTest {
  private static InputStream body(int bytes, long limit) {
    return new LimitedInputStream(new ByteArrayInputStream(new byte[bytes]), limit, "too large");
  }

  @Test
  void aBodyOfExactlyTheLimitIsReadWhole() throws Exception {
    try (InputStream in = body(1_000, 1_000)) {
      assertThat(in.readAllBytes()).hasSize(1_000);
    }
  }

  @Test
  void theFirstByteBeyondTheLimitIsRefusedInBulkReads() {
    assertThatThrownBy(() -> body(1_001, 1_000).readAllBytes())
        .isInstanceOf(BodyTooLargeException.class)
        .hasMessage("too large");
  }

  @Test
  void singleByteReadsAndSkipsCountToo() throws Exception {
    InputStream in = body(20, 10);
    assertThat(in.skip(10)).isEqualTo(10);
    assertThatThrownBy(in::read).isInstanceOf(BodyTooLargeException.class);
  }

  @Test
  void theRefusalIsFoundBehindTheWrappersOfReaders() {
    Exception wrapped =
        new IllegalStateException(new RuntimeException(new BodyTooLargeException("x")));
    assertThat(BodyTooLargeException.in(wrapped)).isPresent();
    assertThat(BodyTooLargeException.in(new IllegalStateException("other"))).isEmpty();
    assertThat(BodyTooLargeException.in(wrapped))
        .get()
        .extracting(Throwable::getMessage)
        .isEqualTo("x");
  }
}
