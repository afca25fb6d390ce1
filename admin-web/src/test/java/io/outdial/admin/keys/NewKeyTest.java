package io.outdial.admin.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.core.apikey.ApiKey;
import io.outdial.core.apikey.ApiScope;
import io.outdial.core.apikey.KeyHash;
import io.outdial.core.apikey.Secrets;
import jakarta.servlet.http.HttpSession;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NewKeyTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  private final Map<String, Object> attributes = new HashMap<>();
  private final HttpSession session = session(attributes);
  private final String raw = Secrets.newApiKey();
  private final NewKey newKey = new NewKey(raw, row(raw));

  @Test
  void aNewKeyIsShownOnceAndThenGone() {
    NewKey.offer(session, newKey, NOW.plusSeconds(60));

    assertThat(NewKey.take(session, NOW)).get().extracting(NewKey::rawKey).isEqualTo(raw);
    assertThat(NewKey.take(session, NOW)).isEmpty();
    assertThat(attributes).isEmpty();
  }

  @Test
  void aKeyNotShownInTimeIsDroppedUnseen() {
    NewKey.offer(session, newKey, NOW.plusSeconds(60));

    assertThat(NewKey.take(session, NOW.plusSeconds(60))).isEmpty();
    assertThat(attributes).isEmpty();
  }

  @Test
  void withoutASessionThereIsNothingToShow() {
    assertThat(NewKey.take(null, NOW)).isEmpty();
  }

  @Test
  void theSecretNeverAppearsInItsTextForm() {
    assertThat(newKey.toString()).doesNotContain(raw).contains(newKey.key().shortPrefix());
  }

  private static KeyRow row(String raw) {
    return KeyRow.from(
        new ApiKey(
            KeyHash.of(raw), "acme", "Production", Set.of(ApiScope.AUDIT), NOW, Optional.empty()));
  }

  /** A session that only keeps attributes, which is all {@link NewKey} uses. */
  private static HttpSession session(Map<String, Object> attributes) {
    return (HttpSession)
        Proxy.newProxyInstance(
            NewKeyTest.class.getClassLoader(),
            new Class<?>[] {HttpSession.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getAttribute" -> attributes.get((String) args[0]);
                  case "setAttribute" -> attributes.put((String) args[0], args[1]);
                  case "removeAttribute" -> attributes.remove((String) args[0]);
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
