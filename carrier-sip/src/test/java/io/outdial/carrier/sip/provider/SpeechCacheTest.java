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
  /** A source the cache only ever streams from, counting its syntheses. */
  private abstract static class StreamingSource implements SpeechSource {
    final AtomicInteger syntheses = new AtomicInteger();

    @Override
    public CompletionStage<short[]> speak(String text, Voice voice) {
      throw new AssertionError("the cache streams");
    }
  }

  /** Streams each text's audio in two pieces, counting syntheses; "fail" fails. */
  private static final class CountingSource extends StreamingSource {
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
    assertThat(cache.stream(source, "fail", Voice.TARA, p -> {})).isCompletedExceptionally();
    assertThat(cache.stream(source, "fail", Voice.TARA, p -> {})).isCompletedExceptionally();
    assertThat(cache.size()).isZero();

    SpeechCache off = new SpeechCache(0);
    speak(off, "Hello.", Voice.TARA);
    speak(off, "Hello.", Voice.TARA);
    assertThat(off.hits()).isZero();
    assertThat(source.syntheses).hasValue(4);
  }

  /** A synthesis the test drives piece by piece: {@link #piece} streams, {@link #done} ends it. */
  private static final class ManualSource extends StreamingSource {
    volatile Consumer<short[]> pcm;
    volatile CompletableFuture<Void> synthesis;

    @Override
    public CompletableFuture<Void> stream(String text, Voice voice, Consumer<short[]> pcm) {
      syntheses.incrementAndGet();
      this.pcm = pcm;
      this.synthesis = new CompletableFuture<>();
      return synthesis;
    }

    void piece(int... samples) {
      short[] piece = new short[samples.length];
      for (int i = 0; i < samples.length; i++) {
        piece[i] = (short) samples[i];
      }
      pcm.accept(piece);
    }

    void done() {
      synthesis.complete(null);
    }
  }

  private final ManualSource manual = new ManualSource();
  private final SpeechCache cache = new SpeechCache(4);

  private static List<Integer> samples(List<short[]> pieces) {
    List<Integer> all = new ArrayList<>();
    for (short[] piece : pieces) {
      for (short s : piece) {
        all.add((int) s);
      }
    }
    return all;
  }

  @Test
  void aPreparedLineIsSynthesisedOnceAndTheFirstCallFindsItInTheCache() {

    CompletableFuture<Void> ready = cache.prepare(manual, "Hi, this is Alex.", Voice.TARA);
    assertThat(cache.prepare(manual, "Hi, this is Alex.", Voice.TARA))
        .as("asked twice while under way")
        .isNotDone();
    manual.piece(1, 2);
    manual.piece(3);
    assertThat(ready).isNotDone();
    manual.done();
    assertThat(ready).isCompleted();

    List<short[]> heard = new ArrayList<>();
    assertThat(cache.stream(manual, "Hi, this is Alex.", Voice.TARA, heard::add)).isCompleted();
    assertThat(samples(heard)).containsExactly(1, 2, 3);
    assertThat(cache.prepare(manual, "Hi, this is Alex.", Voice.TARA)).isCompleted();
    assertThat(manual.syntheses).hasValue(1);
    assertThat(cache.hits()).isEqualTo(1);
    assertThat(cache.misses()).isEqualTo(1);
  }

  @Test
  void callsAnsweredWhileALineIsSynthesisedJoinItAndHearEveryPieceInOrder() {
    cache.prepare(manual, "Hello.", Voice.TARA);
    manual.piece(1, 2);

    List<short[]> early = new ArrayList<>();
    CompletableFuture<Void> earlyDone = cache.stream(manual, "Hello.", Voice.TARA, early::add);
    assertThat(samples(early))
        .as("what was streamed before it joined, at once")
        .containsExactly(1, 2);
    manual.piece(3);
    List<short[]> late = new ArrayList<>();
    CompletableFuture<Void> lateDone = cache.stream(manual, "Hello.", Voice.TARA, late::add);
    manual.piece(4, 5);
    assertThat(earlyDone).isNotDone();
    manual.done();

    assertThat(earlyDone).isCompleted();
    assertThat(lateDone).isCompleted();
    assertThat(samples(early)).containsExactly(1, 2, 3, 4, 5);
    assertThat(samples(late)).containsExactly(1, 2, 3, 4, 5);
    assertThat(manual.syntheses).hasValue(1);
    assertThat(cache.joins()).isEqualTo(2);
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void aCallThatStopsListeningLeavesTheSynthesisToTheOthersAndTheCache() {
    List<short[]> cut = new ArrayList<>();
    List<short[]> kept = new ArrayList<>();
    CompletableFuture<Void> bargedIn = cache.stream(manual, "Hello.", Voice.TARA, cut::add);
    CompletableFuture<Void> listening = cache.stream(manual, "Hello.", Voice.TARA, kept::add);
    manual.piece(1);

    bargedIn.cancel(true);
    manual.piece(2);
    manual.done();

    assertThat(samples(cut)).containsExactly(1);
    assertThat(samples(kept)).containsExactly(1, 2);
    assertThat(listening).isCompleted();
    assertThat(manual.synthesis).as("the synthesis ran to its end").isCompleted();
    List<short[]> next = new ArrayList<>();
    cache.stream(manual, "Hello.", Voice.TARA, next::add);
    assertThat(samples(next)).containsExactly(1, 2);
    assertThat(manual.syntheses).hasValue(1);
  }

  @Test
  void aFailedSynthesisFailsEveryCallJoinedToItAndTheNextCallTriesAgain() {
    CompletableFuture<Void> prepared = cache.prepare(manual, "Hello.", Voice.TARA);
    CompletableFuture<Void> call = cache.stream(manual, "Hello.", Voice.TARA, p -> {});
    manual.piece(1);
    manual.synthesis.completeExceptionally(new IllegalStateException("server down"));

    assertThat(prepared).isCompletedExceptionally();
    assertThat(call).isCompletedExceptionally();
    assertThat(cache.size()).isZero();
    List<short[]> again = new ArrayList<>();
    cache.stream(manual, "Hello.", Voice.TARA, again::add);
    manual.piece(7);
    manual.done();
    assertThat(samples(again)).containsExactly(7);
    assertThat(manual.syntheses).hasValue(2);
  }
}
