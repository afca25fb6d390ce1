package io.outdial.media.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads a PCM16 WAV file as it arrives in pieces (a text-to-speech server streaming its answer):
 * the header first, then the samples of each piece as soon as whole sample frames are there. The
 * data length a streaming server writes before it knows it (0 or 0xFFFFFFFF) means "until the end";
 * a real length is honoured and anything after it ignored. Not thread-safe: one reader per stream.
 */
public final class WavStream {
  private final ByteArrayOutputStream header = new ByteArrayOutputStream();
  private int sampleRateHz;
  private int channels;
  private long remaining = -1; // data bytes still to come; -1 until the header is read
  private byte[] carry = new byte[0]; // the bytes of a sample frame cut between two pieces

  /**
   * The samples that {@code bytes} completed, channels interleaved; empty while the header is still
   * incomplete.
   *
   * @throws WavFormatException if the header is not that of a PCM16 WAV file
   */
  public short[] push(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (remaining < 0) {
      header.writeBytes(bytes);
      byte[] soFar = header.toByteArray();
      int dataStart = parseHeader(soFar);
      if (dataStart < 0) {
        return new short[0];
      }
      bytes = Arrays.copyOfRange(soFar, dataStart, soFar.length);
    }
    int usable = (int) Math.min(bytes.length, remaining);
    remaining -= usable;
    byte[] all = new byte[carry.length + usable];
    System.arraycopy(carry, 0, all, 0, carry.length);
    System.arraycopy(bytes, 0, all, carry.length, usable);
    int frameBytes = 2 * channels;
    int whole = all.length / frameBytes * frameBytes;
    short[] samples = new short[whole / 2];
    ByteBuffer.wrap(all, 0, whole).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
    carry = Arrays.copyOfRange(all, whole, all.length);
    return samples;
  }

  /** Whether the header has been read, so that the rate and channels are known. */
  public boolean started() {
    return remaining >= 0;
  }

  /** The sample rate, once {@link #started()}. */
  public int sampleRateHz() {
    return sampleRateHz;
  }

  /** The channel count, once {@link #started()}. */
  public int channels() {
    return channels;
  }

  /** Where the samples start in {@code wav}, or -1 when more bytes are needed. */
  private int parseHeader(byte[] wav) {
    if (wav.length < 12) {
      return -1;
    }
    ByteBuffer in = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    if (!Wav.tag(in, 0).equals("RIFF") || !Wav.tag(in, 8).equals("WAVE")) {
      throw new WavFormatException("not a RIFF/WAVE stream");
    }
    int pos = 12;
    while (pos + 8 <= wav.length) {
      String id = Wav.tag(in, pos);
      long size = Integer.toUnsignedLong(in.getInt(pos + 4));
      int body = pos + 8;
      if (id.equals("fmt ")) {
        if (body + size > wav.length) {
          return -1;
        }
        if (size < 16) {
          throw new WavFormatException("fmt chunk too short: " + size + " bytes");
        }
        Wav.requirePcm16(in, body, size);
        channels = in.getShort(body + 2) & 0xFFFF;
        sampleRateHz = in.getInt(body + 4);
        if (channels == 0 || sampleRateHz <= 0) {
          throw new WavFormatException(
              "fmt chunk names " + channels + " channels at " + sampleRateHz + " Hz");
        }
      } else if (id.equals("data")) {
        if (channels == 0) {
          throw new WavFormatException("data chunk before the fmt chunk");
        }
        remaining = size == 0 || size == 0xFFFFFFFFL ? Long.MAX_VALUE : size;
        return body;
      }
      if (body + size + (size & 1) > wav.length) {
        return -1; // a chunk we skip, not complete yet
      }
      pos = (int) (body + size + (size & 1));
    }
    return -1;
  }
}
