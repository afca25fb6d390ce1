package io.outdial.dialer.agent;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Speech to text, for carriers that carry audio: turns the callee's utterance into the text the
 * voice agent reads. The simulator's callees speak text and need none.
 */
public interface SpeechRecognizer {
  /**
   * The text spoken in {@code wav} (a PCM16 WAV file, typically one 8 kHz utterance); empty when
   * nothing intelligible was said. Fails with {@link AgentException} when the server cannot
   * transcribe it.
   *
   * @param language the spoken language as an ISO 639-1 code ("en", "es"), when known; it makes
   *     recognition faster and more accurate than letting the server guess
   */
  CompletionStage<String> transcribe(byte[] wav, Optional<String> language);
}
