package io.outdial.carrier.sip.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.core.campaign.Voice;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SpeechCacheTest {
  /** Streams each text's audio in two pieces, counting syntheses; "fail" fails. */
  private static final class CountingSource implements SpeechSource {
    final AtomicInteger syntheses = new AtomicInteger();

    @Override
    public CompletionStage<short[]> speak(String text, Voice voice) {
      throw new AssertionError("the cache streams");
    }

    @Override
    public CompletableFuture<Void> stream(String text, Voice voice, Consumer<short[]> pcm) {
      syntheses.incrementAndGet();
      if (text.equals("fail")) {
        return CompletableFuture.failedFuture(new IllegalStateException("server down"));
      }
      pcm.accept(new short[] {(short) text.length(), 1});
      pcm.accept(new short[] {(short) voice.ordinal()});
      return CompletableFuture.completedFuture(null);
    }
  }

  private final CountingSource source = new CountingSource();

  private short[] speak(SpeechCache cache, String text, Voice voice) {
    List<short[]> pieces = new ArrayList<>();
    cache.stream(source, text, voice, pieces::add).join();
    return pieces.stream()
        .reduce(
            new short[0],
            (a, b) -> {
              short[] out = java.util.Arrays.copyOf(a, a.length + b.length);
              System.arraycopy(b, 0, out, a.length, b.length);
              return out;
            });
  }

  @Test
  void aGreetingIsSynthesisedOncePerVoiceAndTextAndThenComesFromTheCache() {
    SpeechCache cache = new SpeechCache(8);

    short[] first = speak(cache, "Hello from Acme.", Voice.TARA);
    short[] again = speak(cache, "Hello from Acme.", Voice.TARA);
    speak(cache, "Hello from Acme.", Voice.LEO);

    assertThat(again).isEqualTo(first).hasSize(3);
    assertThat(source.syntheses).hasValue(2);
    assertThat(cache.hits()).isEqualTo(1);
    assertThat(cache.misses()).isEqualTo(2);
  }

  @Test
  void theLeastRecentlyUsedLineGoesFirstWhenTheCacheIsFull() {
    SpeechCache cache = new SpeechCache(2);
    speak(cache, "one", Voice.TARA);
    speak(cache, "two", Voice.TARA);
    speak(cache, "one", Voice.TARA); // one is now the most recent
    speak(cache, "three", Voice.TARA); // two goes

    speak(cache, "one", Voice.TARA);
    speak(cache, "two", Voice.TARA);

    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.hits()).isEqualTo(2);
    assertThat(source.syntheses).hasValue(4);
  }

  @Test
  void failuresAreNotKeptAndACapacityOfZeroKeepsNothing() {
    SpeechCache cache = new SpeechCache(4);
    assertThat(cache.stream(source, "fail", Voice.TARA, p -> {})).isCompletedExceptionally();
    assertThat(cache.stream(source, "fail", Voice.TARA, p -> {})).isCompletedExceptionally();
    assertThat(cache.size()).isZero();

    SpeechCache off = new SpeechCache(0);
    speak(off, "Hello.", Voice.TARA);
    speak(off, "Hello.", Voice.TARA);
    assertThat(off.hits()).isZero();
    assertThat(source.syntheses).hasValue(4);
  }
}
