package io.outdial.media.rtp;

/**
 * The payload of an RFC 4733 telephone-event packet (section 2.3): event code, end bit, volume in
 * -dBm0 and duration in samples since the event began. Only the DTMF events 0-15 are mapped to
 * digits; the others (flash, modem tones) are read but have no digit.
 */
record TelephoneEvent(int event, boolean end, int volume, int durationSamples) {
  /** Bytes of one event payload. */
  static final int BYTES = 4;

  private static final String DIGITS = "0123456789*#ABCD";

  TelephoneEvent {
    if (event < 0 || event > 255 || volume < 0 || volume > 63) {
      throw new IllegalArgumentException(
          "event 0-255 and volume 0-63, not " + event + "/" + volume);
    }
    if (durationSamples < 0 || durationSamples > 0xFFFF) {
      throw new IllegalArgumentException("duration " + durationSamples + " is not in 0-65535");
    }
  }

  /** The event code of a DTMF digit {@code 0-9 * # A-D} (lower-case letters accepted). */
  static int codeOf(char digit) {
    int code = DIGITS.indexOf(Character.toUpperCase(digit));
    if (code < 0) {
      throw new IllegalArgumentException("'" + digit + "' is not a DTMF digit (0-9, *, #, A-D)");
    }
    return code;
  }

  /** The digit of this event, or {@code 0} when the event is not a DTMF digit. */
  char digit() {
    return event < DIGITS.length() ? DIGITS.charAt(event) : 0;
  }

  /** Reads an event payload; {@code null} when it is shorter than four bytes. */
  static TelephoneEvent parse(byte[] payload) {
    if (payload.length < BYTES) {
      return null;
    }
    return new TelephoneEvent(
        payload[0] & 0xFF,
        (payload[1] & 0x80) != 0,
        payload[1] & 0x3F,
        ((payload[2] & 0xFF) << 8) | (payload[3] & 0xFF));
  }

  /** Writes the four payload bytes at {@code out[offset]}. */
  void writeTo(byte[] out, int offset) {
    out[offset] = (byte) event;
    out[offset + 1] = (byte) ((end ? 0x80 : 0) | volume);
    out[offset + 2] = (byte) (durationSamples >>> 8);
    out[offset + 3] = (byte) durationSamples;
  }
}
