package io.outdial.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.core.ValidationException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  // the example the Standard Webhooks libraries publish for their own tests
  private static final SigningSecret SECRET =
      SigningSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long TIMESTAMP = 1614265330;
  private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

  @Test
  void signsAsThePublishedExampleOfTheSpecification() {
    assertThat(WebhookSignature.sign(SECRET, ID, TIMESTAMP, BODY))
        .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void aChangedBodyIdOrTimestampChangesTheSignature() {
    String original = WebhookSignature.sign(SECRET, ID, TIMESTAMP, BODY);
    assertThat(WebhookSignature.sign(SECRET, ID + "x", TIMESTAMP, BODY)).isNotEqualTo(original);
    assertThat(WebhookSignature.sign(SECRET, ID, TIMESTAMP + 1, BODY)).isNotEqualTo(original);
    assertThat(WebhookSignature.sign(SECRET, ID, TIMESTAMP, "{}".getBytes()))
        .isNotEqualTo(original);
  }

  @Test
  void duringARotationBothSecretsSignSeparatedByASpace() {
    SigningSecret next = SigningSecret.generate(new SecureRandom());
    String header = WebhookSignature.header(List.of(next, SECRET), ID, TIMESTAMP, BODY);
    assertThat(header.split(" "))
        .containsExactly(
            WebhookSignature.sign(next, ID, TIMESTAMP, BODY),
            WebhookSignature.sign(SECRET, ID, TIMESTAMP, BODY));
  }

  @Test
  void aSecretSurvivesItsWireFormAndNeverPrintsItself() {
    SigningSecret secret = SigningSecret.generate(new Random(7));
    assertThat(secret.wire()).startsWith("whsec_").hasSize(6 + 32);
    assertThat(SigningSecret.parse(secret.wire())).isEqualTo(secret);
    assertThat(secret.toString()).doesNotContain(secret.wire().substring(6));
  }

  @Test
  void malformedSecretsAreRefused() {
    assertThatThrownBy(() -> SigningSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> SigningSecret.parse("whsec_!!!"))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> SigningSecret.parse("whsec_AAAA"))
        .isInstanceOf(ValidationException.class);
  }
}
