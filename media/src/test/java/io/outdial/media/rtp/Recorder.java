package io.outdial.media.rtp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A media listener that keeps what it hears and lets a test wait for it. */
final class Recorder implements MediaListener {
  /** Frames with a sample louder than this are sound; quieter ones are silence (A-law's is 8). */
  static final int QUIET = 100;

  private final ConcurrentLinkedQueue<short[]> frames = new ConcurrentLinkedQueue<>();
  private final StringBuffer digits = new StringBuffer();
  private final CountDownLatch audible;
  private final CountDownLatch quietAfterSound = new CountDownLatch(5);
  private final CountDownLatch warmedUp = new CountDownLatch(25);
  private final CountDownLatch digitsHeard;
  private boolean heardSound; // pacing task only

  Recorder(int audibleFrames, int digitCount) {
    audible = new CountDownLatch(audibleFrames);
    digitsHeard = new CountDownLatch(digitCount);
  }

  @Override
  public void onAudioFrame(short[] samples) {
    frames.add(samples);
    warmedUp.countDown();
    if (isSound(samples)) {
      heardSound = true;
      audible.countDown();
    } else if (heardSound) {
      quietAfterSound.countDown();
    }
  }

  @Override
  public void onDtmf(char digit) {
    digits.append(digit);
    digitsHeard.countDown();
  }

  static boolean isSound(short[] frame) {
    for (short sample : frame) {
      if (Math.abs(sample) > QUIET) {
        return true;
      }
    }
    return false;
  }

  /**
   * Waits for half a second of frames of any kind: the JVM's first ticks (class loading, the
   * compiler) can stall past the skip limit, and a test about audio integrity starts after them.
   */
  boolean awaitWarmedUp(Duration timeout) throws InterruptedException {
    return warmedUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  boolean awaitAudible(Duration timeout) throws InterruptedException {
    return audible.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Waits until five quiet frames followed sound: a sound that was sent has been heard whole. */
  boolean awaitSoundEnded(Duration timeout) throws InterruptedException {
    return quietAfterSound.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  boolean awaitDigits(Duration timeout) throws InterruptedException {
    return digitsHeard.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  String digits() {
    return digits.toString();
  }

  List<short[]> frames() {
    return new ArrayList<>(frames);
  }

  /** The frames from the first loud one on, as long as they stay loud, joined. */
  short[] firstSound() {
    List<short[]> all = frames();
    int start = 0;
    while (start < all.size() && !isSound(all.get(start))) {
      start++;
    }
    int end = start;
    while (end < all.size() && isSound(all.get(end))) {
      end++;
    }
    short[] joined = new short[(end - start) * MediaEngine.FRAME_SAMPLES];
    for (int i = start; i < end; i++) {
      System.arraycopy(
          all.get(i),
          0,
          joined,
          (i - start) * MediaEngine.FRAME_SAMPLES,
          MediaEngine.FRAME_SAMPLES);
    }
    return joined;
  }
}
