package it.outdial.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a delivery as a receiver following the Standard Webhooks specification would, written
 * from the specification's text and independent of the server's code: the key is the base64 after
 * {@code whsec_}; the signed content is {@code webhook-id.webhook-timestamp.body}; the header holds
 * space-separated {@code v1,<base64 HMAC-SHA256>} signatures, any one of which may match; the
 * timestamp must be within five minutes of now.
 */
public final class StandardWebhooks {
  private StandardWebhooks() {}

  /** Whether one of the header's signatures is {@code secret}'s over the message. */
  public static boolean verifies(WebhookReceiver.Received r, String secret) {
    String id = r.header("webhook-id");
    String timestamp = r.header("webhook-timestamp");
    String header = r.header("webhook-signature");
    if (id == null || timestamp == null || header == null) {
      return false;
    }
    long sent = Long.parseLong(timestamp);
    if (Math.abs(System.currentTimeMillis() / 1000 - sent) > 300) {
      return false;
    }
    byte[] expected;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(
              Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
      expected =
          mac.doFinal((id + "." + timestamp + "." + r.body()).getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    for (String part : header.split(" ")) {
      String[] versioned = part.split(",", 2);
      if (versioned.length == 2
          && versioned[0].equals("v1")
          && MessageDigest.isEqual(expected, Base64.getDecoder().decode(versioned[1]))) {
        return true;
      }
    }
    return false;
  }
}
