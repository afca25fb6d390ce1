package io.outdial.core.apikey;

import java.security.SecureRandom;
import java.util.Base64;

/** Generates random secrets: API keys ({@code jt_ak_...}) and admin keys ({@code od_admin_...}). */
public final class Secrets {
  /** Prefix of every API key, as integrators know it. */
  public static final String API_KEY_PREFIX = "jt_ak_";

  /** Prefix of generated admin keys, so that one is never mistaken for an API key. */
  public static final String ADMIN_KEY_PREFIX = "od_admin_";

  private static final int RANDOM_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** A new API key: the prefix and 32 random bytes, URL-safe Base64 without padding. */
  public static String newApiKey() {
    return API_KEY_PREFIX + randomToken();
  }

  /** A new admin key. */
  public static String newAdminKey() {
    return ADMIN_KEY_PREFIX + randomToken();
  }

  /** Whether a presented value has the shape of an API key at all (cheap check before hashing). */
  public static boolean looksLikeApiKey(String candidate) {
    return candidate != null
        && candidate.startsWith(API_KEY_PREFIX)
        && candidate.length() > API_KEY_PREFIX.length()
        && candidate.length() <= 200;
  }

  private static String randomToken() {
    byte[] bytes = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
