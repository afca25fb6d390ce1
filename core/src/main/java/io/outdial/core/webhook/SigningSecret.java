package io.outdial.core.webhook;

import io.outdial.core.ValidationException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.random.RandomGenerator;

/**
 * An endpoint's signing secret: {@code whsec_} followed by the base64 of 24 random bytes, the form
 * the Standard Webhooks libraries read. The HMAC key is the decoded bytes.
 */
public final class SigningSecret {
  /** The prefix of every secret on the wire. */
  public static final String PREFIX = "whsec_";

  private static final int KEY_BYTES = 24;

  private final byte[] key;

  private SigningSecret(byte[] key) {
    this.key = key.clone();
  }

  /** A new secret from a secure random source. */
  public static SigningSecret generate(RandomGenerator random) {
    byte[] key = new byte[KEY_BYTES];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) random.nextInt(256);
    }
    return new SigningSecret(key);
  }

  /** Reads a stored secret. */
  public static SigningSecret parse(String wire) {
    if (wire == null || !wire.startsWith(PREFIX)) {
      throw new ValidationException("secret", "a signing secret starts with " + PREFIX);
    }
    try {
      byte[] key = Base64.getDecoder().decode(wire.substring(PREFIX.length()));
      if (key.length < 16 || key.length > 64) {
        throw new ValidationException("secret", "a signing secret holds 16 to 64 bytes");
      }
      return new SigningSecret(key);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("secret", "a signing secret is base64 after " + PREFIX);
    }
  }

  /** The secret as the integrator receives it once, and as it is stored. */
  public String wire() {
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  byte[] key() {
    return key.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SigningSecret other && MessageDigest.isEqual(key, other.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  /** Never the secret itself: a secret must not reach a log through a toString. */
  @Override
  public String toString() {
    return "SigningSecret[redacted]";
  }
}
