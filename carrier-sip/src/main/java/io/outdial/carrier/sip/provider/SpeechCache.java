package io.outdial.carrier.sip.provider;

import io.outdial.core.campaign.Voice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The audio of lines many calls say word for word (a campaign's greeting, its voicemail message),
 * synthesised once per voice and text and kept, at most {@code capacity} lines, the least recently
 * used dropped first, so that the first audio after the answer verdict costs no synthesis. 8 kHz
 * audio takes 16 kB a second: 64 lines of 5 s hold about 5 MB. Thread-safe.
 */
final class SpeechCache {
  private record Key(Voice voice, String text) {}

  private final int capacity;
  private final Map<Key, short[]> lines;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  SpeechCache(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative: " + capacity);
    }
    this.capacity = capacity;
    this.lines =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, short[]> eldest) {
            return size() > SpeechCache.this.capacity;
          }
        };
  }

  /**
   * The audio of {@code text}: from the cache at once when it holds it, else streamed from {@code
   * source} and kept once complete. With a capacity of 0 everything comes from {@code source}.
   */
  CompletableFuture<Void> stream(
      SpeechSource source, String text, Voice voice, Consumer<short[]> pcm) {
    if (capacity == 0) {
      return source.stream(text, voice, pcm);
    }
    Key key = new Key(voice, text);
    short[] cached;
    synchronized (lines) {
      cached = lines.get(key);
    }
    if (cached != null) {
      hits.incrementAndGet();
      pcm.accept(cached); // played only, never changed
      return CompletableFuture.completedFuture(null);
    }
    misses.incrementAndGet();
    List<short[]> pieces = new ArrayList<>();
    CompletableFuture<Void> synthesis =
        source.stream(
            text,
            voice,
            piece -> {
              synchronized (pieces) {
                pieces.add(piece);
              }
              pcm.accept(piece);
            });
    synthesis.thenRun(
        () -> {
          short[] whole;
          synchronized (pieces) {
            whole = new short[pieces.stream().mapToInt(p -> p.length).sum()];
            int at = 0;
            for (short[] p : pieces) {
              System.arraycopy(p, 0, whole, at, p.length);
              at += p.length;
            }
          }
          synchronized (lines) {
            lines.put(key, whole);
          }
        });
    return synthesis;
  }

  /** How many lines came from the cache. */
  long hits() {
    return hits.get();
  }

  /** How many lines had to be synthesised. */
  long misses() {
    return misses.get();
  }

  int size() {
    synchronized (lines) {
      return lines.size();
    }
  }
}
