package io.outdial.media.audio;

/**
 * The line's background level, by minimum statistics: the lowest short-term level (three frames
 * averaged, so one lost packet does not count) over the last few seconds. Speech always has pauses
 * and dips between syllables within a couple of seconds, so the minimum sits on the background
 * noise whether or not someone is talking; a steady noise that starts mid-call (a car, a fan)
 * becomes the new floor once it has lasted the whole window, and a quieter line lowers the floor at
 * once. No assumption about the first frames is needed beyond that.
 */
final class NoiseFloor {
  private final double[] window; // short-term levels of the last frames, in dBFS, as a ring
  private final double[] recentPower = new double[3];
  private int frames;

  /**
   * @param windowMs how far back the minimum looks; also how long a new steady noise takes to
   *     become the floor
   */
  NoiseFloor(int windowMs) {
    window = new double[Math.max(1, Narrowband.frames(windowMs))];
  }

  /** Takes the next frame's level and returns the floor including it, in dBFS. */
  double update(double levelDbfs) {
    recentPower[frames % recentPower.length] = Math.pow(10, levelDbfs / 10);
    int n = Math.min(frames + 1, recentPower.length);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += recentPower[i];
    }
    window[frames % window.length] = 10 * Math.log10(sum / n);
    frames++;
    double min = Double.MAX_VALUE;
    for (int i = 0, filled = Math.min(frames, window.length); i < filled; i++) {
      min = Math.min(min, window[i]);
    }
    return min;
  }
}
