package io.outdial.dialer.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {
  /** Feeds {@code text} one character at a time, as a model's tokens may come. */
  private static List<String> split(String text) {
    SentenceSplitter splitter = new SentenceSplitter();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      out.addAll(splitter.push(text.substring(i, i + 1)));
    }
    splitter.finish().ifPresent(out::add);
    return out;
  }

  @Test
  void splitsAtFinalPunctuationFollowedBySpace() {
    assertThat(split("Hi John! Are you open to new roles? I have one in Boston."))
        .containsExactly("Hi John!", "Are you open to new roles?", "I have one in Boston.");
  }

  @Test
  void aSentenceIsOnlyCompleteOnceSomethingFollowsItsPunctuation() {
    SentenceSplitter splitter = new SentenceSplitter();
    assertThat(splitter.push("Hello there.")).isEmpty();
    assertThat(splitter.push(" How")).containsExactly("Hello there.");
    assertThat(splitter.push(" are you")).isEmpty();
    assertThat(splitter.finish()).contains("How are you");
    assertThat(splitter.finish()).isEmpty();
  }

  @Test
  void keepsAbbreviationsAndInitialsInsideTheSentence() {
    assertThat(split("Mr. Smith and Dr. J. Watson meet at 9 a.m. on Monday, e.g. tomorrow. Ok."))
        .containsExactly(
            "Mr. Smith and Dr. J. Watson meet at 9 a.m. on Monday, e.g. tomorrow.", "Ok.");
  }

  @Test
  void numbersAndAddressesDoNotSplit() {
    assertThat(split("It pays $3,500.50 a month, or 4.5 percent more. See jobs.example.com now"))
        .containsExactly(
            "It pays $3,500.50 a month, or 4.5 percent more.", "See jobs.example.com now");
  }

  @Test
  void closingQuotesAndEllipsesStayWithTheirSentence() {
    assertThat(split("He said \"yes.\" Well… maybe (not?) Fine"))
        .containsExactly("He said \"yes.\"", "Well…", "maybe (not?)", "Fine");
  }

  @Test
  void textWithoutFinalPunctuationIsOneSentence() {
    assertThat(split("  sure thing  ")).containsExactly("sure thing");
    assertThat(split("   ")).isEmpty();
  }
}
