package io.outdial.carrier.sip.provider;

import io.outdial.core.campaign.Voice;
import java.util.ArrayList;
import java.util.HashMap;
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
 * audio takes 16 kB a second: 64 lines of 5 s hold about 5 MB.
 *
 * <p>A line is synthesised at most once at a time: calls that need it while its synthesis runs
 * (started by {@link #prepare} before the first call, or by an earlier call) get the pieces
 * streamed so far at once and the rest as they come. The synthesis belongs to the cache: a call
 * that stops listening (barge-in, hang-up) does not stop it, and its audio is kept for the next
 * call. Thread-safe.
 */
final class SpeechCache {
  private record Key(Voice voice, String text) {}

  /** A synthesis under way: the pieces so far, handed to every call listening, in order. */
  private static final class Pending {
    final List<short[]> pieces = new ArrayList<>();
    final List<Consumer<short[]>> listeners = new ArrayList<>();
    final CompletableFuture<Void> finished = new CompletableFuture<>();
  }

  // Lock order: a synthesis's pieces are passed on under its Pending's monitor, and listeners (the
  // calls) take their own locks inside it; nothing here waits for a Pending while holding a call's
  // lock, and the cache's own lock is never held while pieces are passed on.

  private final int capacity;
  private final Object lock = new Object();
  private final Map<Key, short[]> lines; // guarded by lock
  private final Map<Key, Pending> pending = new HashMap<>(); // guarded by lock
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong joins = new AtomicLong();
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
   * The audio of {@code text} to {@code pcm}: from the cache at once when it holds it; else from
   * the synthesis already under way, joined; else streamed from a new synthesis by {@code source},
   * kept once complete. With a capacity of 0 everything comes from {@code source}. The future
   * completes after the last piece or fails with the synthesis; cancelling it stops {@code pcm}
   * being called, not the synthesis.
   */
  CompletableFuture<Void> stream(
      SpeechSource source, String text, Voice voice, Consumer<short[]> pcm) {
    if (capacity == 0) {
      return source.stream(text, voice, pcm);
    }
    Key key = new Key(voice, text);
    short[] cached;
    Pending running;
    boolean start = false;
    synchronized (lock) {
      cached = lines.get(key);
      running = cached == null ? pending.get(key) : null;
      if (cached == null && running == null) {
        running = new Pending();
        pending.put(key, running);
        start = true;
      }
    }
    if (cached != null) {
      hits.incrementAndGet();
      pcm.accept(cached); // played only, never changed
      return CompletableFuture.completedFuture(null);
    }
    (start ? misses : joins).incrementAndGet();
    CompletableFuture<Void> heard = listen(running, pcm);
    if (start) {
      synthesize(source, key, running);
    }
    return heard;
  }

  /**
   * Starts synthesising {@code text} into the cache unless it is there or under way, so that the
   * first call to say it finds it ready. The future completes when the line is in the cache, or
   * fails with the synthesis. Does nothing with a capacity of 0.
   */
  CompletableFuture<Void> prepare(SpeechSource source, String text, Voice voice) {
    if (capacity == 0) {
      return CompletableFuture.completedFuture(null);
    }
    Key key = new Key(voice, text);
    Pending running;
    boolean start = false;
    synchronized (lock) {
      if (lines.containsKey(key)) {
        return CompletableFuture.completedFuture(null);
      }
      running = pending.get(key);
      if (running == null) {
        running = new Pending();
        pending.put(key, running);
        start = true;
      }
    }
    CompletableFuture<Void> ready = listen(running, piece -> {});
    if (start) {
      misses.incrementAndGet();
      synthesize(source, key, running);
    }
    return ready;
  }

  /**
   * Hands {@code pcm} the pieces of {@code running} so far, then each new one; the future completes
   * with the synthesis, and cancelling it only stops the pieces coming.
   */
  private static CompletableFuture<Void> listen(Pending running, Consumer<short[]> pcm) {
    CompletableFuture<Void> heard = new CompletableFuture<>();
    Consumer<short[]> listener =
        piece -> {
          if (!heard.isDone()) {
            pcm.accept(piece);
          }
        };
    synchronized (running) {
      running.pieces.forEach(listener);
      running.listeners.add(listener);
    }
    running.finished.whenComplete(
        (v, error) -> {
          if (error == null) {
            heard.complete(null);
          } else {
            heard.completeExceptionally(error);
          }
        });
    return heard; // once cancelled the listener passes nothing on; it goes with the synthesis
  }

  /** Runs the synthesis of {@code running}; once complete its audio goes into the cache. */
  private void synthesize(SpeechSource source, Key key, Pending running) {
    CompletableFuture<Void> synthesis;
    try {
      synthesis =
          source.stream(
              key.text(),
              key.voice(),
              piece -> {
                synchronized (running) {
                  running.pieces.add(piece);
                  for (Consumer<short[]> listener : List.copyOf(running.listeners)) {
                    listener.accept(piece);
                  }
                }
              });
    } catch (RuntimeException e) {
      synthesis = CompletableFuture.failedFuture(e);
    }
    synthesis.whenComplete(
        (v, error) -> {
          synchronized (lock) {
            pending.remove(key);
            if (error == null) {
              lines.put(key, whole(running));
            }
          }
          if (error == null) {
            running.finished.complete(null);
          } else {
            running.finished.completeExceptionally(error);
          }
        });
  }

  private static short[] whole(Pending running) {
    synchronized (running) {
      short[] all = new short[running.pieces.stream().mapToInt(p -> p.length).sum()];
      int at = 0;
      for (short[] p : running.pieces) {
        System.arraycopy(p, 0, all, at, p.length);
        at += p.length;
      }
      return all;
    }
  }

  /** How many lines came whole from the cache. */
  long hits() {
    return hits.get();
  }

  /** How many lines joined a synthesis already under way. */
  long joins() {
    return joins.get();
  }

  /** How many syntheses were started. */
  long misses() {
    return misses.get();
  }

  int size() {
    synchronized (lock) {
      return lines.size();
    }
  }
}
