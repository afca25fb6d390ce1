package io.outdial.media.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Reads and writes RIFF/WAVE files of 16-bit PCM.
 *
 * <p>Reading is tolerant of what text-to-speech servers actually send when they stream: a RIFF or
 * {@code data} size of 0 or 0xFFFFFFFF (written before the length was known: the samples run to the
 * end of the bytes), {@code LIST}, {@code fact} or other chunks before the data, odd-sized chunks
 * with their pad byte, a last sample cut in half, and {@code WAVE_FORMAT_EXTENSIBLE} headers whose
 * sub-format is PCM. Any other encoding (float, A-law, µ-law, 8 or 24 bits, ...) is refused with a
 * {@link WavFormatException} naming the format code, rather than played as noise.
 */
public final class Wav {
  private static final int FORMAT_PCM = 0x0001;
  private static final int FORMAT_EXTENSIBLE = 0xFFFE;
  private static final int HEADER_BYTES = 44;

  /** The KSDATAFORMAT_SUBTYPE_PCM GUID after its first two bytes (the format code). */
  private static final byte[] PCM_GUID_TAIL = {
    0x00,
    0x00,
    0x00,
    0x00,
    0x10,
    0x00,
    (byte) 0x80,
    0x00,
    0x00,
    (byte) 0xAA,
    0x00,
    0x38,
    (byte) 0x9B,
    0x71
  };

  private Wav() {}

  /**
   * The samples of a PCM16 WAV file, channels interleaved as stored.
   *
   * @throws WavFormatException if the bytes are not a readable PCM16 WAV file
   */
  public static PcmAudio read(byte[] wav) {
    Objects.requireNonNull(wav, "wav");
    ByteBuffer in = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    if (wav.length < 12 || !tag(in, 0).equals("RIFF") || !tag(in, 8).equals("WAVE")) {
      throw new WavFormatException("not a RIFF/WAVE file (" + wav.length + " bytes)");
    }
    int channels = 0;
    int sampleRate = 0;
    int pos = 12;
    while (pos + 8 <= wav.length) {
      String id = tag(in, pos);
      long size = Integer.toUnsignedLong(in.getInt(pos + 4));
      int body = pos + 8;
      if (id.equals("fmt ")) {
        if (size < 16 || body + 16 > wav.length) {
          throw new WavFormatException("fmt chunk too short: " + size + " bytes");
        }
        requirePcm16(in, body, size);
        channels = in.getShort(body + 2) & 0xFFFF;
        sampleRate = in.getInt(body + 4);
        if (channels == 0 || sampleRate <= 0) {
          throw new WavFormatException(
              "fmt chunk names " + channels + " channels at " + sampleRate + " Hz");
        }
      } else if (id.equals("data")) {
        if (channels == 0) {
          throw new WavFormatException("data chunk before the fmt chunk");
        }
        long available = wav.length - body;
        // 0 and 0xFFFFFFFF are what streaming servers write before they know the length.
        long length = size == 0 || size == 0xFFFFFFFFL || size > available ? available : size;
        return new PcmAudio(sampleRate, channels, samples(in, body, length, channels));
      }
      pos = (int) Math.min(wav.length, body + size + (size & 1)); // chunks pad to even sizes
    }
    throw new WavFormatException(channels == 0 ? "no fmt chunk" : "no data chunk");
  }

  /** A mono PCM16 WAV file of {@code samples} at {@code sampleRateHz}. */
  public static byte[] write(short[] samples, int sampleRateHz) {
    Objects.requireNonNull(samples, "samples");
    if (sampleRateHz <= 0) {
      throw new IllegalArgumentException("sampleRateHz must be positive: " + sampleRateHz);
    }
    int dataBytes = samples.length * 2;
    ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    out.put(ascii("RIFF")).putInt(36 + dataBytes).put(ascii("WAVE"));
    out.put(ascii("fmt ")).putInt(16).putShort((short) FORMAT_PCM).putShort((short) 1);
    out.putInt(sampleRateHz).putInt(sampleRateHz * 2).putShort((short) 2).putShort((short) 16);
    out.put(ascii("data")).putInt(dataBytes);
    out.asShortBuffer().put(samples);
    return out.array();
  }

  static void requirePcm16(ByteBuffer in, int body, long size) {
    int format = in.getShort(body) & 0xFFFF;
    int bits = in.getShort(body + 14) & 0xFFFF;
    if (format == FORMAT_EXTENSIBLE) {
      if (size < 40 || body + 40 > in.capacity()) {
        throw new WavFormatException("WAVE_FORMAT_EXTENSIBLE fmt chunk too short: " + size);
      }
      int subFormat = in.getShort(body + 24) & 0xFFFF;
      if (subFormat != FORMAT_PCM
          || !in.slice(body + 26, 14).equals(ByteBuffer.wrap(PCM_GUID_TAIL))) {
        throw new WavFormatException(
            "unsupported WAV encoding: WAVE_FORMAT_EXTENSIBLE with sub-format "
                + describe(subFormat)
                + "; only 16-bit PCM is read");
      }
    } else if (format != FORMAT_PCM) {
      throw new WavFormatException(
          "unsupported WAV encoding " + describe(format) + "; only 16-bit PCM is read");
    }
    if (bits != 16) {
      throw new WavFormatException(
          "unsupported WAV sample size: " + bits + "-bit PCM; only 16-bit PCM is read");
    }
  }

  private static String describe(int format) {
    String name =
        switch (format) {
          case 0x0001 -> "PCM";
          case 0x0002 -> "Microsoft ADPCM";
          case 0x0003 -> "IEEE float";
          case 0x0006 -> "A-law";
          case 0x0007 -> "µ-law";
          case 0x0011 -> "IMA ADPCM";
          case 0x0055 -> "MP3";
          default -> "unknown";
        };
    return String.format("0x%04X (%s)", format, name);
  }

  private static short[] samples(ByteBuffer in, int offset, long length, int channels) {
    int frameBytes = 2 * channels;
    int count = (int) (length / frameBytes) * channels; // a cut-off last frame is dropped
    short[] samples = new short[count];
    in.slice(offset, count * 2).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
    return samples;
  }

  static String tag(ByteBuffer in, int offset) {
    char[] c = new char[4];
    for (int i = 0; i < 4; i++) {
      c[i] = (char) (in.get(offset + i) & 0xFF);
    }
    return new String(c);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
