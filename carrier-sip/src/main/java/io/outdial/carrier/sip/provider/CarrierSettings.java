package io.outdial.carrier.sip.provider;

import io.outdial.carrier.sip.SipSettings;
import io.outdial.core.settings.Settings;
import io.outdial.dialer.agent.openai.SpeechConfig;
import io.outdial.dialer.agent.openai.TranscriptionConfig;
import io.outdial.media.audio.AnsweringMachineDetector;
import io.outdial.media.audio.VoiceActivityDetector;
import io.outdial.media.rtp.MediaSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Everything the {@code sip} provider reads from its flat settings ({@code
 * outdial.telephony.sip.<key>} in MicroProfile Config, passed without the prefix): the trunk
 * ({@link SipSettings}), RTP media, text to speech, speech to text and answering-machine detection.
 * Parsed once when the provider is created, through the settings reader of {@code core} ({@link
 * Settings}; the {@code -ms} settings are durations in its one syntax, a bare number being
 * milliseconds); a malformed value stops the provider with an {@link IllegalArgumentException}
 * whose message starts with the full configuration key, so the operator sees which line of the
 * server configuration to fix.
 *
 * <p>{@link #toString()} shows neither the SIP password nor the API keys.
 *
 * @param sip the trunk and SIP stack settings
 * @param media RTP ports and jitter depth
 * @param tts the text-to-speech server; empty means espeak-ng when installed
 * @param stt the speech-to-text server; empty means the callee's words are not transcribed
 * @param sttLanguage ISO 639-1 language hint for speech to text
 * @param amd whether answering-machine detection runs ({@code amd}); off, every answer is UNKNOWN
 * @param amdSettings the detector's tuning
 * @param beepFallbackMs after a machine's greeting ended, how long to wait for a beep before
 *     starting the voicemail anyway (ms)
 * @param ttsCacheEntries how many greetings and voicemail messages (per voice and text) keep their
 *     synthesised audio ({@code tts-cache-entries}); 0 synthesises every time
 * @param endOfTurnSilenceMs the silence after the callee's words that ends their turn ({@code
 *     end-of-turn-silence-ms}): less answers sooner, more cuts fewer sentences in two
 */
record CarrierSettings(
    SipSettings sip,
    MediaSettings media,
    Optional<SpeechConfig> tts,
    Optional<TranscriptionConfig> stt,
    Optional<String> sttLanguage,
    boolean amd,
    AnsweringMachineDetector.Settings amdSettings,
    int beepFallbackMs,
    int ttsCacheEntries,
    int endOfTurnSilenceMs) {

  /** The prefix operators write before every key. */
  static final String PREFIX = "outdial.telephony.sip.";

  static final Set<String> MEDIA_KEYS =
      Set.of("rtp-port-min", "rtp-port-max", "jitter-ms", "end-of-turn-silence-ms");
  static final Set<String> SPEECH_KEYS =
      Set.of(
          "tts-url",
          "tts-model",
          "tts-api-key",
          "tts-format",
          "tts-cache-entries",
          "stt-url",
          "stt-model",
          "stt-api-key",
          "stt-language");
  static final Set<String> AMD_KEYS =
      Set.of(
          "amd",
          "amd-initial-silence-ms",
          "amd-greeting-ms",
          "amd-after-greeting-silence-ms",
          "amd-total-ms",
          "amd-longest-human-greeting-ms",
          "amd-withdraw-silence-ms",
          "amd-beep-fallback-ms");

  /** Every key read, without prefix. */
  static final Set<String> KEYS = allKeys();

  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);

  /** Greetings and voicemail messages kept: about 5 MB of 5 s lines. */
  static final int DEFAULT_TTS_CACHE_ENTRIES = 64;

  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

  CarrierSettings {
    Objects.requireNonNull(sip, "sip");
    Objects.requireNonNull(media, "media");
    Objects.requireNonNull(tts, "tts");
    Objects.requireNonNull(stt, "stt");
    Objects.requireNonNull(sttLanguage, "sttLanguage");
    Objects.requireNonNull(amdSettings, "amdSettings");
    if (beepFallbackMs <= 0) {
      throw new IllegalArgumentException("beepFallbackMs must be positive: " + beepFallbackMs);
    }
    if (ttsCacheEntries < 0) {
      throw new IllegalArgumentException(
          "ttsCacheEntries must not be negative: " + ttsCacheEntries);
    }
    if (endOfTurnSilenceMs <= 0) {
      throw new IllegalArgumentException(
          "endOfTurnSilenceMs must be positive: " + endOfTurnSilenceMs);
    }
  }

  /**
   * Parses the provider's settings.
   *
   * @throws IllegalArgumentException naming the full key ({@code outdial.telephony.sip.<key>}) that
   *     is missing or malformed
   */
  static CarrierSettings parse(Map<String, String> settings) {
    Objects.requireNonNull(settings, "settings");
    SipSettings sip;
    try {
      sip = SipSettings.parse(settings);
    } catch (IllegalArgumentException e) {
      // SipSettings' messages start with the bare key
      throw new IllegalArgumentException(PREFIX + e.getMessage(), e);
    }
    Settings in = Settings.of(settings, PREFIX);
    int first = in.integer("rtp-port-min", 16384, 1, 65534);
    int last = in.integer("rtp-port-max", 32767, 2, 65535);
    if (last - ((first + 1) & ~1) < 1) {
      throw new IllegalArgumentException(
          PREFIX
              + "rtp-port-min/rtp-port-max: the range "
              + first
              + "-"
              + last
              + " holds no even/odd RTP/RTCP port pair");
    }
    int jitter = millis(in, "jitter-ms", 60, 20, 640);
    if (jitter % 20 != 0) {
      throw in.invalid("jitter-ms", in.string("jitter-ms", ""), "a multiple of 20 ms");
    }
    MediaSettings media =
        MediaSettings.defaults()
            .withPortRange(first, last)
            .withJitterDepth(Duration.ofMillis(jitter));

    String format = in.string("tts-format", "wav").toLowerCase(Locale.ROOT);
    if (!format.equals("wav")) {
      throw in.invalid("tts-format", format, "wav (the carrier plays 16-bit PCM WAV)");
    }
    Optional<SpeechConfig> tts =
        url(in, "tts-url")
            .map(
                url ->
                    new SpeechConfig(
                        url,
                        in.string("tts-model", "orpheus"),
                        in.string("tts-api-key"),
                        format,
                        HTTP_TIMEOUT));
    Optional<TranscriptionConfig> stt =
        url(in, "stt-url")
            .map(
                url ->
                    new TranscriptionConfig(
                        url,
                        in.string("stt-model", "whisper-1"),
                        in.string("stt-api-key"),
                        HTTP_TIMEOUT));
    Optional<String> language = in.string("stt-language").map(l -> l.toLowerCase(Locale.ROOT));
    if (language.isPresent() && !LANGUAGE.matcher(language.get()).matches()) {
      throw in.invalid("stt-language", language.get(), "an ISO 639-1 code such as en");
    }

    AnsweringMachineDetector.Settings d = AnsweringMachineDetector.Settings.DEFAULTS;
    int total = millis(in, "amd-total-ms", d.totalAnalysisMs(), 100, 60_000);
    var amd =
        new AnsweringMachineDetector.Settings(
            millis(in, "amd-initial-silence-ms", d.initialSilenceMs(), 20, 60_000),
            millis(in, "amd-greeting-ms", d.greetingMs(), 20, 60_000),
            millis(in, "amd-after-greeting-silence-ms", d.afterGreetingSilenceMs(), 20, 60_000),
            d.minWordMs(),
            d.betweenWordsSilenceMs(),
            d.maxWords(),
            total,
            d.silenceThresholdDbfs(),
            d.marginDb(),
            millis(in, "amd-longest-human-greeting-ms", d.longestHumanGreetingMs(), 20, 60_000),
            millis(in, "amd-withdraw-silence-ms", d.withdrawSilenceMs(), 20, 60_000));
    return new CarrierSettings(
        sip,
        media,
        tts,
        stt,
        language,
        in.bool("amd", true),
        amd,
        millis(in, "amd-beep-fallback-ms", 2000, 20, 60_000),
        in.integer("tts-cache-entries", DEFAULT_TTS_CACHE_ENTRIES, 0, 10_000),
        millis(
            in,
            "end-of-turn-silence-ms",
            VoiceActivityDetector.Settings.DEFAULTS.hangoverMs(),
            100,
            5_000));
  }

  @Override
  public String toString() {
    return "CarrierSettings[sip="
        + sip
        + ", rtpPorts="
        + media.firstPort()
        + "-"
        + media.lastPort()
        + ", jitter="
        + media.jitterDepth().toMillis()
        + "ms, tts="
        + tts.map(Object::toString).orElse("(espeak-ng if installed)")
        + ", stt="
        + stt.map(Object::toString).orElse("(none)")
        + ", sttLanguage="
        + sttLanguage.orElse("(auto)")
        + ", amd="
        + amd
        + ", amdSettings="
        + amdSettings
        + ", beepFallbackMs="
        + beepFallbackMs
        + ", ttsCacheEntries="
        + ttsCacheEntries
        + ", endOfTurnSilenceMs="
        + endOfTurnSilenceMs
        + "]";
  }

  private static Set<String> allKeys() {
    Set<String> keys = new TreeSet<>(SipSettings.KEYS);
    keys.addAll(MEDIA_KEYS);
    keys.addAll(SPEECH_KEYS);
    keys.addAll(AMD_KEYS);
    return Set.copyOf(keys);
  }

  /**
   * A duration setting whose name ends in {@code -ms}: a bare number is milliseconds, and any other
   * form of the one syntax ({@code 1.5s}, {@code PT2S}) is accepted; in whole milliseconds.
   */
  private static int millis(Settings in, String key, int fallback, int min, int max) {
    Duration value =
        in.duration(
            key,
            Duration.ofMillis(fallback),
            ChronoUnit.MILLIS,
            Duration.ofMillis(min),
            Duration.ofMillis(max));
    return (int) value.toMillis();
  }

  /** An http(s) URL with a host and without credentials; the value is never echoed. */
  private static Optional<URI> url(Settings in, String key) {
    Optional<String> value = in.string(key);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(value.get());
    } catch (URISyntaxException e) {
      uri = null;
    }
    // the URL is not echoed: an operator may have pasted credentials into it
    if (uri == null
        || uri.getHost() == null
        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw in.invalid(key, "an http:// or https:// URL such as http://tts:8000");
    }
    if (uri.getRawUserInfo() != null) {
      throw in.invalid(
          key,
          "a URL without credentials (they would be logged with the URL); set the API key in the"
              + " matching -api-key setting");
    }
    return Optional.of(uri);
  }
}
