package io.outdial.core.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code webhook-signature} header of the Standard Webhooks specification: {@code v1,} and the
 * base64 HMAC-SHA256 of {@code id.timestamp.body} under each of the endpoint's secrets, separated
 * by spaces (two secrets while a rotated-out one still signs).
 */
public final class WebhookSignature {
  private WebhookSignature() {}

  /** One {@code v1,...} signature of the message. */
  public static String sign(SigningSecret secret, String messageId, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
      mac.update((messageId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** The header value: one signature per secret, in the order given. */
  public static String header(
      List<SigningSecret> secrets, String messageId, long timestamp, byte[] body) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one secret signs");
    }
    return secrets.stream()
        .map(s -> sign(s, messageId, timestamp, body))
        .collect(Collectors.joining(" "));
  }
}
