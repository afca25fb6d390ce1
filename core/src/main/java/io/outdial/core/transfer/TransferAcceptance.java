package io.outdial.core.transfer;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the human taking a warm transfer accepts it once they have heard the whisper: by answering
 * ({@link #ANSWER}), or by pressing {@code key} within {@code within} of the whisper's end, which
 * tells a person from their voicemail. Any other key, or no key in time, refuses the transfer
 * ({@link TransferFailure#AGENT_REJECTED}).
 *
 * @param key the key to press ({@code 0-9}, {@code *}, {@code #}); empty: answering accepts
 * @param within how long after the whisper the key is waited for (1 s-2 min)
 */
public record TransferAcceptance(Optional<Character> key, Duration within) {
  /** Answering accepts. */
  public static final TransferAcceptance ANSWER =
      new TransferAcceptance(Optional.empty(), Duration.ofSeconds(10));

  /** What the human's key means. */
  public enum Answer {
    ACCEPTED,
    REFUSED
  }

  public TransferAcceptance {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(within, "within");
    key.ifPresent(
        k -> {
          if (!isKey(k)) {
            throw new IllegalArgumentException("not a phone key (0-9, *, #): " + k);
          }
        });
    if (within.compareTo(Duration.ofSeconds(1)) < 0
        || within.compareTo(Duration.ofMinutes(2)) > 0) {
      throw new IllegalArgumentException("within must be from 1 s to 2 min: " + within);
    }
  }

  /** Whether the human must press a key; otherwise answering accepts. */
  public boolean byKey() {
    return key.isPresent();
  }

  /**
   * The words that end the whisper: "Press 1 to take the call." (nothing when answering accepts).
   */
  public Optional<String> prompt() {
    return key.map(k -> "Press " + spoken(k) + " to take the call.");
  }

  /** What a key pressed by the human means; only asked when {@link #byKey()}. */
  public Answer answer(char pressed) {
    return key.filter(k -> k == pressed).isPresent() ? Answer.ACCEPTED : Answer.REFUSED;
  }

  /** Whether {@code c} is a key of a phone's keypad. */
  public static boolean isKey(char c) {
    return (c >= '0' && c <= '9') || c == '*' || c == '#';
  }

  private static String spoken(char k) {
    return switch (k) {
      case '*' -> "star";
      case '#' -> "pound";
      default -> String.valueOf(k);
    };
  }
}
