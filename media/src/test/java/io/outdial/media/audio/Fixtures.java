package io.outdial.media.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * The speech recordings made by {@code src/test/resources/audio/generate.sh}, and a way to stream
 * audio through a detector frame by frame as a call would.
 */
final class Fixtures {
  private static final Properties OFFSETS = load();

  private Fixtures() {}

  /** The 8 kHz mono samples of {@code audio/<name>.wav}. */
  static short[] samples(String name) {
    PcmAudio audio = Wav.read(bytes("/audio/" + name + ".wav"));
    if (audio.sampleRateHz() != Narrowband.SAMPLE_RATE_HZ || audio.channels() != 1) {
      throw new IllegalStateException(name + " is not 8 kHz mono: " + audio);
    }
    return audio.samples();
  }

  /** An offset from {@code fixtures.properties}, in ms. */
  static long offsetMs(String key) {
    String value = OFFSETS.getProperty(key);
    if (value == null) {
      throw new IllegalStateException("fixtures.properties has no " + key);
    }
    return Long.parseLong(value);
  }

  /** Feeds whole 20 ms frames of {@code samples} to {@code detector} and collects what it says. */
  static <T> List<T> stream(short[] samples, Function<short[], Optional<? extends T>> detector) {
    List<T> events = new ArrayList<>();
    short[] frame = new short[Narrowband.FRAME_SAMPLES];
    for (int at = 0; at + frame.length <= samples.length; at += frame.length) {
      System.arraycopy(samples, at, frame, 0, frame.length);
      detector.apply(frame).ifPresent(events::add);
    }
    return events;
  }

  static byte[] bytes(String resource) {
    try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = Fixtures.class.getResourceAsStream("/audio/fixtures.properties")) {
      if (in == null) {
        throw new IllegalStateException("missing test resource /audio/fixtures.properties");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
