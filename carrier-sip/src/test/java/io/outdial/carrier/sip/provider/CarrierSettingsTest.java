package io.outdial.carrier.sip.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.dialer.spi.TelephonyProviders;
import io.outdial.media.audio.AnsweringMachineDetector;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CarrierSettingsTest {
  private static Map<String, String> with(String... keyValues) {
    Map<String, String> settings = new HashMap<>();
    settings.put("trunk-host", "sip.example.net");
    for (int i = 0; i < keyValues.length; i += 2) {
      settings.put(keyValues[i], keyValues[i + 1]);
    }
    return settings;
  }

  @Test
  void onlyTheTrunkHostIsRequiredAndEverythingElseHasItsDefault() {
    CarrierSettings s = CarrierSettings.parse(with());

    assertThat(s.sip().trunkHost()).isEqualTo("sip.example.net");
    assertThat(s.media().firstPort()).isEqualTo(16384);
    assertThat(s.media().lastPort()).isEqualTo(32767);
    assertThat(s.media().jitterDepth()).isEqualTo(Duration.ofMillis(60));
    assertThat(s.tts()).isEmpty();
    assertThat(s.stt()).isEmpty();
    assertThat(s.sttLanguage()).isEmpty();
    assertThat(s.amd()).isTrue();
    assertThat(s.amdSettings()).isEqualTo(AnsweringMachineDetector.Settings.DEFAULTS);
    assertThat(s.beepFallbackMs()).isEqualTo(2000);
  }

  @Test
  void speechMediaAndDetectionKeysAreRead() {
    CarrierSettings s =
        CarrierSettings.parse(
            with(
                "rtp-port-min", "20000",
                "rtp-port-max", "20099",
                "jitter-ms", "80",
                "tts-url", "http://tts:5005/v1",
                "tts-api-key", "tts-secret",
                "stt-url", "https://stt.example.net",
                "stt-model", "Systran/faster-whisper-small",
                "stt-language", "EN",
                "amd", "false",
                "amd-initial-silence-ms", "3000",
                "amd-greeting-ms", "1200",
                "amd-after-greeting-silence-ms", "700",
                "amd-total-ms", "4000",
                "amd-longest-human-greeting-ms", "3.5s",
                "amd-withdraw-silence-ms", "900",
                "amd-beep-fallback-ms", "1500"));

    assertThat(s.media().firstPort()).isEqualTo(20000);
    assertThat(s.media().lastPort()).isEqualTo(20099);
    assertThat(s.media().jitterDepth()).isEqualTo(Duration.ofMillis(80));
    assertThat(s.tts().orElseThrow().model()).isEqualTo("orpheus");
    assertThat(s.tts().orElseThrow().responseFormat()).isEqualTo("wav");
    assertThat(s.tts().orElseThrow().apiKey()).contains("tts-secret");
    assertThat(s.stt().orElseThrow().model()).isEqualTo("Systran/faster-whisper-small");
    assertThat(s.sttLanguage()).contains("en");
    assertThat(s.amd()).isFalse();
    assertThat(s.amdSettings().initialSilenceMs()).isEqualTo(3000);
    assertThat(s.amdSettings().greetingMs()).isEqualTo(1200);
    assertThat(s.amdSettings().afterGreetingSilenceMs()).isEqualTo(700);
    assertThat(s.amdSettings().totalAnalysisMs()).isEqualTo(4000);
    assertThat(s.amdSettings().longestHumanGreetingMs()).isEqualTo(3500);
    assertThat(s.amdSettings().withdrawSilenceMs()).isEqualTo(900);
    assertThat(s.beepFallbackMs()).isEqualTo(1500);
  }

  @ParameterizedTest
  @CsvSource({
    "amd, maybe, outdial.telephony.sip.amd must be true or false",
    "rtp-port-min, low, outdial.telephony.sip.rtp-port-min must be a whole number",
    "rtp-port-max, 70000, outdial.telephony.sip.rtp-port-max must be a whole number from 2 to 65535",
    "jitter-ms, 30, outdial.telephony.sip.jitter-ms must be a multiple of 20",
    "tts-url, ftp://tts, outdial.telephony.sip.tts-url must be an http",
    "stt-url, http://user:pw@stt:8000, outdial.telephony.sip.stt-url must be a URL without credentials",
    "tts-format, mp3, outdial.telephony.sip.tts-format must be wav",
    "stt-language, english, outdial.telephony.sip.stt-language must be an ISO 639-1 code",
    "amd-total-ms, 0, outdial.telephony.sip.amd-total-ms must be a duration from 100ms to 1m",
    "trunk-port, 0, outdial.telephony.sip.trunk-port must be a whole number from 1 to 65535",
    "amd-greeting-ms, soon, outdial.telephony.sip.amd-greeting-ms must be a duration",
    "amd-withdraw-silence-ms, 0, outdial.telephony.sip.amd-withdraw-silence-ms must be a duration",
    "amd-longest-human-greeting-ms, 2m, outdial.telephony.sip.amd-longest-human-greeting-ms must",
    "ring-timeout, soon, outdial.telephony.sip.ring-timeout must be a duration",
  })
  void aMalformedValueIsRefusedNamingItsFullKey(String key, String value, String message) {
    assertThatThrownBy(() -> CarrierSettings.parse(with(key, value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void theSpeechCacheAndTheEndOfTurnSilenceHaveDefaultsAndBounds() {
    CarrierSettings defaults = CarrierSettings.parse(with());
    assertThat(defaults.ttsCacheEntries()).isEqualTo(64);
    assertThat(defaults.endOfTurnSilenceMs())
        .as("today's behaviour: the voice activity detector's hangover")
        .isEqualTo(700);

    CarrierSettings s =
        CarrierSettings.parse(with("tts-cache-entries", "0", "end-of-turn-silence-ms", "0.45s"));
    assertThat(s.ttsCacheEntries()).isZero();
    assertThat(s.endOfTurnSilenceMs()).isEqualTo(450);

    assertThatThrownBy(() -> CarrierSettings.parse(with("end-of-turn-silence-ms", "50")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("outdial.telephony.sip.end-of-turn-silence-ms");
    assertThatThrownBy(() -> CarrierSettings.parse(with("tts-cache-entries", "-1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("outdial.telephony.sip.tts-cache-entries");
  }

  @Test
  void theMillisecondSettingsTakeTheOneDurationSyntaxABareNumberBeingMilliseconds() {
    CarrierSettings s =
        CarrierSettings.parse(
            with("jitter-ms", "0.08s", "amd-greeting-ms", "1.2s", "amd-total-ms", "PT4S"));
    assertThat(s.media().jitterDepth()).isEqualTo(java.time.Duration.ofMillis(80));
    assertThat(s.amdSettings().greetingMs()).isEqualTo(1200);
    assertThat(s.amdSettings().totalAnalysisMs()).isEqualTo(4000);
    assertThat(CarrierSettings.parse(with("amd-beep-fallback-ms", "1500")).beepFallbackMs())
        .isEqualTo(1500);
  }

  @Test
  void aMissingTrunkHostIsNamed() {
    assertThatThrownBy(() -> CarrierSettings.parse(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("outdial.telephony.sip.trunk-host is required");
  }

  @Test
  void anEmptyPortRangeIsRefused() {
    assertThatThrownBy(
            () -> CarrierSettings.parse(with("rtp-port-min", "20001", "rtp-port-max", "20002")))
        .hasMessageContaining("rtp-port-min/rtp-port-max")
        .hasMessageContaining("no even/odd");
  }

  @Test
  void secretsAreNotPrinted() {
    CarrierSettings s =
        CarrierSettings.parse(
            with(
                "password", "sip-secret",
                "tts-url", "http://tts:5005",
                "tts-api-key", "tts-secret",
                "stt-url", "http://stt:8000",
                "stt-api-key", "stt-secret"));

    assertThat(s.toString())
        .doesNotContain("sip-secret", "tts-secret", "stt-secret")
        .contains("trunk=sip.example.net");
  }

  @Test
  void theFactoryIsFoundByNameAndListsEveryKey() {
    assertThat(TelephonyProviders.available()).contains("sip");
    assertThat(new SipCarrierFactory().settingKeys())
        .contains(
            "trunk-host",
            "password",
            "rtp-port-min",
            "rtp-port-max",
            "jitter-ms",
            "tts-url",
            "tts-model",
            "tts-api-key",
            "tts-format",
            "stt-url",
            "stt-model",
            "stt-api-key",
            "stt-language",
            "amd",
            "amd-initial-silence-ms",
            "amd-greeting-ms",
            "amd-after-greeting-silence-ms",
            "amd-total-ms");
  }
}
