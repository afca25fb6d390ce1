package io.outdial.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WavTest {
  private static final short[] SAMPLES = {0, 1, -1, 32767, -32768, 1234, -4321, 7};

  @Test
  void writtenMonoFileReadsBackSampleForSample() {
    byte[] wav = Wav.write(SAMPLES, 8000);

    assertThat(wav).hasSize(44 + 2 * SAMPLES.length);
    assertThat(new String(wav, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
    PcmAudio audio = Wav.read(wav);
    assertThat(audio.sampleRateHz()).isEqualTo(8000);
    assertThat(audio.channels()).isEqualTo(1);
    assertThat(audio.samples()).containsExactly(SAMPLES);
  }

  @Test
  void readsStereoAtAnyRateInterleaved() {
    PcmAudio audio = Wav.read(new WavBuilder(1, 2, 44_100, 16).data(SAMPLES).build());

    assertThat(audio.sampleRateHz()).isEqualTo(44_100);
    assertThat(audio.channels()).isEqualTo(2);
    assertThat(audio.frameCount()).isEqualTo(SAMPLES.length / 2);
    assertThat(audio.samples()).containsExactly(SAMPLES);
  }

  @Test
  void streamedSizesOfZeroOrAllOnesMeanReadToTheEnd() {
    for (int size : new int[] {0, 0xFFFFFFFF}) {
      byte[] wav =
          new WavBuilder(1, 1, 24_000, 16).riffSize(size).dataSize(size).data(SAMPLES).build();

      assertThat(Wav.read(wav).samples()).as("size %08x", size).containsExactly(SAMPLES);
    }
  }

  @Test
  void skipsListAndFactChunksAndOddChunkPadding() {
    byte[] wav =
        new WavBuilder(1, 1, 22_050, 16)
            .chunk(
                "LIST",
                "INFOISFT\u0005\u0000\u0000\u0000Lavf\u0000".getBytes(StandardCharsets.ISO_8859_1))
            .chunk("fact", new byte[] {4, 0, 0, 0})
            .chunk("junk", new byte[] {1, 2, 3}) // odd: a pad byte follows
            .data(SAMPLES)
            .build();

    assertThat(Wav.read(wav).samples()).containsExactly(SAMPLES);
  }

  @Test
  void dropsAHalfSampleCutOffAtTheEnd() {
    byte[] whole = new WavBuilder(1, 1, 8000, 16).dataSize(0).data(SAMPLES).build();
    byte[] cut = Arrays.copyOf(whole, whole.length - 1);

    assertThat(Wav.read(cut).samples()).hasSize(SAMPLES.length - 1).startsWith(0, 1, -1);
  }

  @Test
  void readsExtensibleHeadersWithPcmSubFormat() {
    byte[] wav = new WavBuilder(0xFFFE, 1, 48_000, 16).subFormat(1).data(SAMPLES).build();

    PcmAudio audio = Wav.read(wav);

    assertThat(audio.sampleRateHz()).isEqualTo(48_000);
    assertThat(audio.samples()).containsExactly(SAMPLES);
  }

  @Test
  void refusesOtherEncodingsNamingTheFormatCode() {
    assertThatThrownBy(() -> Wav.read(new WavBuilder(3, 1, 24_000, 32).data(SAMPLES).build()))
        .isInstanceOf(WavFormatException.class)
        .hasMessageContaining("0x0003 (IEEE float)");
    assertThatThrownBy(() -> Wav.read(new WavBuilder(7, 1, 8000, 8).data(SAMPLES).build()))
        .hasMessageContaining("0x0007 (µ-law)");
    assertThatThrownBy(
            () ->
                Wav.read(new WavBuilder(0xFFFE, 1, 24_000, 32).subFormat(3).data(SAMPLES).build()))
        .hasMessageContaining("WAVE_FORMAT_EXTENSIBLE")
        .hasMessageContaining("0x0003 (IEEE float)");
    assertThatThrownBy(() -> Wav.read(new WavBuilder(1, 1, 8000, 8).data(SAMPLES).build()))
        .hasMessageContaining("8-bit PCM");
  }

  @Test
  void refusesWhatIsNotAWavFile() {
    assertThatThrownBy(() -> Wav.read("ID3\u0004 an mp3".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(WavFormatException.class)
        .hasMessageContaining("not a RIFF/WAVE file");
    assertThatThrownBy(() -> Wav.read(new WavBuilder(1, 1, 8000, 16).build()))
        .hasMessageContaining("no data chunk");
    assertThatThrownBy(
            () -> Wav.read(new WavBuilder(1, 1, 8000, 16).dataFirst().data(SAMPLES).build()))
        .hasMessageContaining("data chunk before the fmt chunk");
  }

  /** Builds WAV files with the quirks real servers produce. */
  private static final class WavBuilder {
    private final int format;
    private final int channels;
    private final int rate;
    private final int bits;
    private final ByteArrayOutputStream chunks = new ByteArrayOutputStream();
    private Integer riffSize;
    private Integer dataSize;
    private int subFormat = -1;
    private boolean dataFirst;

    WavBuilder(int format, int channels, int rate, int bits) {
      this.format = format;
      this.channels = channels;
      this.rate = rate;
      this.bits = bits;
    }

    WavBuilder riffSize(int size) {
      riffSize = size;
      return this;
    }

    WavBuilder dataSize(int size) {
      dataSize = size;
      return this;
    }

    WavBuilder subFormat(int code) {
      subFormat = code;
      return this;
    }

    WavBuilder dataFirst() {
      dataFirst = true;
      return this;
    }

    WavBuilder chunk(String id, byte[] body) {
      ByteBuffer b = le(8 + body.length + (body.length & 1));
      b.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(body.length).put(body);
      chunks.writeBytes(b.array());
      return this;
    }

    WavBuilder data(short[] samples) {
      ByteBuffer body = le(samples.length * 2);
      body.asShortBuffer().put(samples);
      ByteBuffer b = le(8);
      b.put("data".getBytes(StandardCharsets.US_ASCII))
          .putInt(dataSize != null ? dataSize : samples.length * 2);
      chunks.writeBytes(b.array());
      chunks.writeBytes(body.array());
      return this;
    }

    byte[] build() {
      boolean extensible = subFormat >= 0;
      ByteBuffer fmt = le(8 + (extensible ? 40 : 16));
      fmt.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(extensible ? 40 : 16);
      fmt.putShort((short) format).putShort((short) channels).putInt(rate);
      fmt.putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8));
      fmt.putShort((short) bits);
      if (extensible) {
        fmt.putShort((short) 22).putShort((short) bits).putInt(channels == 1 ? 4 : 3);
        // the sub-format GUID xxxxxxxx-0000-0010-8000-00AA00389B71, little-endian fields first
        fmt.putShort((short) subFormat)
            .putShort((short) 0)
            .putShort((short) 0)
            .putShort((short) 0x10);
        fmt.put(new byte[] {(byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteBuffer head = le(12);
      byte[] body = chunks.toByteArray();
      int total = 4 + fmt.capacity() + body.length;
      head.put("RIFF".getBytes(StandardCharsets.US_ASCII))
          .putInt(riffSize != null ? riffSize : total)
          .put("WAVE".getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(head.array());
      if (dataFirst) {
        out.writeBytes(body);
        out.writeBytes(fmt.array());
      } else {
        out.writeBytes(fmt.array());
        out.writeBytes(body);
      }
      return out.toByteArray();
    }

    private static ByteBuffer le(int size) {
      return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
  }
}
