package io.outdial.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming readers give what the whole-file ones give, however the bytes are cut. */
class StreamingAudioTest {
  private final SplittableRandom random = new SplittableRandom(16);

  /** {@code bytes} cut at random places into pieces of 1 to 700 bytes. */
  private byte[][] pieces(byte[] bytes) {
    java.util.List<byte[]> out = new java.util.ArrayList<>();
    int at = 0;
    while (at < bytes.length) {
      int n = Math.min(bytes.length - at, 1 + random.nextInt(700));
      out.add(Arrays.copyOfRange(bytes, at, at + n));
      at += n;
    }
    return out.toArray(byte[][]::new);
  }

  private static short[] concat(short[] a, short[] b) {
    short[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @ParameterizedTest
  @ValueSource(ints = {8000, 16_000, 22_050, 24_000, 44_100})
  void aWavStreamedInPiecesResamplesExactlyAsTheWholeFile(int rateHz) {
    short[] tone = Signals.sine(440, 0.3, 700, rateHz);
    byte[] wav = Wav.write(tone, rateHz);
    short[] whole = Resampler.toNarrowband(Wav.read(wav));

    WavStream reader = new WavStream();
    Resampler.Stream resampler = null;
    short[] streamed = new short[0];
    for (byte[] piece : pieces(wav)) {
      short[] samples = reader.push(piece);
      if (reader.started()) {
        if (resampler == null) {
          assertThat(reader.sampleRateHz()).isEqualTo(rateHz);
          resampler = Resampler.stream(reader.sampleRateHz(), reader.channels());
        }
        streamed = concat(streamed, resampler.push(samples));
      }
    }
    streamed = concat(streamed, resampler.finish());

    assertThat(streamed).isEqualTo(whole);
  }

  @Test
  void aStreamingServersUnknownLengthMeansUntilTheEndAndStereoIsMixedDown() {
    short[] stereo = new short[2 * 2400];
    for (int i = 0; i < stereo.length; i++) {
      stereo[i] = (short) (i % 2 == 0 ? 1000 : 3000);
    }
    ByteArrayOutputStream wav = new ByteArrayOutputStream();
    ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    header.put("RIFF".getBytes()).putInt(-1).put("WAVE".getBytes());
    header.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 2);
    header.putInt(24_000).putInt(24_000 * 4).putShort((short) 4).putShort((short) 16);
    header.put("data".getBytes()).putInt(-1);
    wav.writeBytes(header.array());
    ByteBuffer data = ByteBuffer.allocate(stereo.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    data.asShortBuffer().put(stereo);
    wav.writeBytes(data.array());

    WavStream reader = new WavStream();
    int samples = 0;
    for (byte[] piece : pieces(wav.toByteArray())) {
      samples += reader.push(piece).length;
    }

    assertThat(samples).isEqualTo(stereo.length);
    assertThat(reader.channels()).isEqualTo(2);
    Resampler.Stream mono = Resampler.stream(24_000, 2);
    short[] out = concat(mono.push(stereo), mono.finish());
    assertThat(out).hasSize(800);
    assertThat(out[400]).isEqualTo((short) 2000);
  }

  @Test
  void somethingElseThanAWavFailsAtOnce() {
    WavStream reader = new WavStream();
    assertThat(reader.push("RIFF".getBytes())).isEmpty();
    assertThatThrownBy(() -> reader.push("....MP3!".getBytes()))
        .isInstanceOf(WavFormatException.class);
  }
}
