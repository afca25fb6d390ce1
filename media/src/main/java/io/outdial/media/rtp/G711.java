package io.outdial.media.rtp;

/**
 * The two G.711 companding laws that every SIP trunk accepts: µ-law ({@link #PCMU}, RTP payload
 * type 0, North America and Japan) and A-law ({@link #PCMA}, payload type 8, elsewhere). One 8-bit
 * code carries one 16-bit PCM sample at 8 kHz.
 *
 * <p>Both directions are table lookups built once, because encoding runs for every outgoing sample
 * of every call on the single pacing thread. The tables follow the ITU-T G.711 segment layout (as
 * in the widely used public-domain reference {@code g711.c}): µ-law keeps the top 14 bits of a
 * sample, A-law the top 13, and decoding returns the middle of each quantisation step.
 */
public enum G711 {
  /** µ-law, RTP payload type 0. */
  PCMU(0),
  /** A-law, RTP payload type 8. */
  PCMA(8);

  private static final int ULAW_BIAS = 0x84;
  private static final int ULAW_CLIP = 8159; // in 14-bit units
  private static final byte[] ULAW_ENCODE = new byte[1 << 14];
  private static final byte[] ALAW_ENCODE = new byte[1 << 13];
  private static final short[] ULAW_DECODE = new short[256];
  private static final short[] ALAW_DECODE = new short[256];

  static {
    for (int i = 0; i < ULAW_ENCODE.length; i++) {
      ULAW_ENCODE[i] = ulawOf14Bit(i - (1 << 13));
    }
    for (int i = 0; i < ALAW_ENCODE.length; i++) {
      ALAW_ENCODE[i] = alawOf13Bit(i - (1 << 12));
    }
    for (int code = 0; code < 256; code++) {
      ULAW_DECODE[code] = ulawToLinear(code);
      ALAW_DECODE[code] = alawToLinear(code);
    }
  }

  private final int payloadType;

  G711(int payloadType) {
    this.payloadType = payloadType;
  }

  /** The static RTP payload type of this law (RFC 3551): 0 for µ-law, 8 for A-law. */
  public int payloadType() {
    return payloadType;
  }

  /** The law of static RTP payload type 0 or 8. */
  public static G711 forPayloadType(int payloadType) {
    return switch (payloadType) {
      case 0 -> PCMU;
      case 8 -> PCMA;
      default ->
          throw new IllegalArgumentException(
              "RTP payload type " + payloadType + " is not G.711 (0 = PCMU, 8 = PCMA)");
    };
  }

  /** The 8-bit code of one 16-bit PCM sample. */
  public byte encode(short sample) {
    return this == PCMU
        ? ULAW_ENCODE[(sample >> 2) + (1 << 13)]
        : ALAW_ENCODE[(sample >> 3) + (1 << 12)];
  }

  /** The 16-bit PCM sample of one 8-bit code. */
  public short decode(byte code) {
    return (this == PCMU ? ULAW_DECODE : ALAW_DECODE)[code & 0xFF];
  }

  /** Encodes {@code count} samples from {@code pcm[from]} into {@code out[offset]}. */
  public void encode(short[] pcm, int from, int count, byte[] out, int offset) {
    for (int i = 0; i < count; i++) {
      out[offset + i] = encode(pcm[from + i]);
    }
  }

  /** Decodes {@code count} codes from {@code codes[from]} into {@code out[offset]}. */
  public void decode(byte[] codes, int from, int count, short[] out, int offset) {
    short[] table = this == PCMU ? ULAW_DECODE : ALAW_DECODE;
    for (int i = 0; i < count; i++) {
      out[offset + i] = table[codes[from + i] & 0xFF];
    }
  }

  private static byte ulawOf14Bit(int value) {
    int mask;
    if (value < 0) {
      value = -value;
      mask = 0x7F;
    } else {
      mask = 0xFF;
    }
    value = Math.min(value, ULAW_CLIP) + (ULAW_BIAS >> 2);
    int segment = segment(value, 0x3F);
    if (segment >= 8) {
      return (byte) (0x7F ^ mask);
    }
    return (byte) (((segment << 4) | ((value >> (segment + 1)) & 0x0F)) ^ mask);
  }

  private static byte alawOf13Bit(int value) {
    int mask;
    if (value >= 0) {
      mask = 0xD5;
    } else {
      mask = 0x55;
      value = -value - 1;
    }
    int segment = segment(value, 0x1F);
    if (segment >= 8) {
      return (byte) (0x7F ^ mask);
    }
    int quantised = segment < 2 ? (value >> 1) & 0x0F : (value >> segment) & 0x0F;
    return (byte) (((segment << 4) | quantised) ^ mask);
  }

  /** The segment whose upper end ({@code firstEnd}, doubled per segment) is at least value. */
  private static int segment(int value, int firstEnd) {
    int end = firstEnd;
    for (int segment = 0; segment < 8; segment++) {
      if (value <= end) {
        return segment;
      }
      end = (end << 1) | 1;
    }
    return 8;
  }

  private static short ulawToLinear(int code) {
    int inverted = ~code & 0xFF;
    int magnitude = (((inverted & 0x0F) << 3) + ULAW_BIAS) << ((inverted & 0x70) >> 4);
    return (short) ((inverted & 0x80) != 0 ? ULAW_BIAS - magnitude : magnitude - ULAW_BIAS);
  }

  private static short alawToLinear(int code) {
    int value = code ^ 0x55;
    int magnitude = (value & 0x0F) << 4;
    int segment = (value & 0x70) >> 4;
    magnitude =
        switch (segment) {
          case 0 -> magnitude + 8;
          case 1 -> magnitude + 0x108;
          default -> (magnitude + 0x108) << (segment - 1);
        };
    return (short) ((value & 0x80) != 0 ? magnitude : -magnitude);
  }
}
