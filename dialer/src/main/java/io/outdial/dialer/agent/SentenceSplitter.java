package io.outdial.dialer.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Cuts text that arrives in pieces (a model's streamed tokens) into complete sentences, so that
 * text to speech can start on the first one while the rest is still being generated. Not
 * thread-safe: one splitter per reply.
 *
 * <p>A sentence ends at {@code .}, {@code !}, {@code ?} or {@code …} (with any closing quotes or
 * brackets after it) once whitespace follows, so {@code 3.5}, {@code $1,000.00} or {@code
 * example.com} never split; a period after a common abbreviation ({@code Mr.}, {@code Dr.}, {@code
 * e.g.}, {@code a.m.}, ...) or after a single capital letter (an initial, {@code J. Smith}) does
 * not end a sentence either. What is left when the text ends comes out of {@link #finish()}, final
 * punctuation or not.
 */
public final class SentenceSplitter {
  private static final Set<String> ABBREVIATIONS =
      Set.of(
          "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "e.g", "i.e", "a.m", "p.m",
          "approx", "dept", "inc", "ltd", "mt", "tel", "u.s");

  private final StringBuilder pending = new StringBuilder();
  private int scanned;

  /** Adds {@code text} and returns the sentences it completed, oldest first, stripped. */
  public List<String> push(String text) {
    pending.append(text);
    List<String> sentences = new ArrayList<>(1);
    int start = 0;
    for (int i = Math.max(scanned, 1); i < pending.length(); i++) {
      if (!Character.isWhitespace(pending.charAt(i))) {
        continue;
      }
      int end = i; // exclusive end of the candidate sentence
      int j = end - 1;
      while (j > start && isCloser(pending.charAt(j))) {
        j--;
      }
      char mark = pending.charAt(j);
      if (isTerminal(mark) && (mark != '.' || !isAbbreviation(start, j))) {
        String sentence = pending.substring(start, end).strip();
        if (!sentence.isEmpty()) {
          sentences.add(sentence);
        }
        start = end;
      }
    }
    pending.delete(0, start);
    scanned = Math.max(0, pending.length());
    return sentences;
  }

  /** The rest of the text, if any is left: the last sentence, with or without final punctuation. */
  public Optional<String> finish() {
    String rest = pending.toString().strip();
    pending.setLength(0);
    scanned = 0;
    return rest.isEmpty() ? Optional.empty() : Optional.of(rest);
  }

  private static boolean isTerminal(char c) {
    return c == '.' || c == '!' || c == '?' || c == '…';
  }

  private static boolean isCloser(char c) {
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == '”' || c == '’' || c == '»';
  }

  /** Whether the period at {@code dot} closes an abbreviation or an initial, not a sentence. */
  private boolean isAbbreviation(int start, int dot) {
    int w = dot;
    while (w > start && !Character.isWhitespace(pending.charAt(w - 1))) {
      w--;
    }
    String word = pending.substring(w, dot);
    while (!word.isEmpty() && !Character.isLetterOrDigit(word.charAt(0))) {
      word = word.substring(1); // an opening quote or bracket
    }
    if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) {
      return true; // an initial: "J. Smith"
    }
    String lower = word.toLowerCase(Locale.ROOT);
    return ABBREVIATIONS.contains(lower);
  }
}
