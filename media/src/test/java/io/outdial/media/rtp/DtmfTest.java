package io.outdial.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.media.rtp.DtmfSender.Output;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DtmfTest {
  private static final long T0 = 0xFFFF_FF00L; // the timestamp wraps while the digits play

  /** One sent frame: what it carried, at which frame index. */
  private record Frame(int index, Output output, long timestamp, boolean marker, byte[] payload) {
    TelephoneEvent event() {
      return TelephoneEvent.parse(payload);
    }
  }

  private static List<Frame> run(DtmfSender sender, int frames, boolean telephoneEvents) {
    List<Frame> out = new ArrayList<>();
    for (int i = 0; i < frames; i++) {
      long timestamp = (T0 + 160L * i) & 0xFFFF_FFFFL;
      byte[] payload = new byte[4];
      short[] pcm = new short[160];
      Output output = sender.next(timestamp, telephoneEvents, payload, pcm);
      long stamp = output == Output.EVENT ? sender.eventTimestamp() : timestamp;
      out.add(new Frame(i, output, stamp, output == Output.EVENT && sender.marker(), payload));
    }
    return out;
  }

  @Test
  void aDigitIsFourGrowingPacketsThenThreeEndPacketsOnOneTimestamp() {
    DtmfSender sender = new DtmfSender(5, 3);
    sender.enqueue("5");

    List<Frame> frames = run(sender, 8, true);

    List<Frame> events = frames.subList(0, 7);
    assertThat(events).extracting(Frame::output).containsOnly(Output.EVENT);
    assertThat(events).extracting(Frame::timestamp).containsOnly(T0);
    assertThat(events)
        .extracting(Frame::marker)
        .containsExactly(true, false, false, false, false, false, false);
    assertThat(events)
        .extracting(f -> f.event().durationSamples())
        .containsExactly(160, 320, 480, 640, 800, 800, 800);
    assertThat(events)
        .extracting(f -> f.event().end())
        .containsExactly(false, false, false, false, true, true, true);
    assertThat(events).extracting(f -> f.event().volume()).containsOnly(10);
    assertThat(events).extracting(f -> f.event().digit()).containsOnly('5');
    assertThat(frames.get(7).output()).isEqualTo(Output.VOICE);
    assertThat(sender.busy()).isFalse();
  }

  @Test
  void digitsAreSixtyMillisecondsApartWithVoicePausedInBetween() {
    DtmfSender sender = new DtmfSender(5, 3);
    sender.enqueue("1#");

    List<Frame> frames = run(sender, 16, true);

    // first event 0-6, one frame of silence (the repeated ends fill the rest of the gap), second
    // 8-14
    assertThat(frames.get(7).output()).isEqualTo(Output.AUDIO);
    Frame second = frames.get(8);
    assertThat(second.marker()).isTrue();
    assertThat(second.event().digit()).isEqualTo('#');
    long gap = (second.timestamp() - (T0 + 800)) & 0xFFFF_FFFFL;
    assertThat(gap).isEqualTo(480); // 60 ms at 8 kHz between the end of one tone and the next
    assertThat(frames.get(14).event().end()).isTrue();
    assertThat(frames.get(15).output()).isEqualTo(Output.VOICE);
  }

  @Test
  void aStringWithABadDigitIsRefusedWhole() {
    DtmfSender sender = new DtmfSender(5, 3);

    assertThatThrownBy(() -> sender.enqueue("12x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'x' is not a DTMF digit");
    assertThat(sender.busy()).isFalse();
    sender.enqueue("a");
    assertThat(run(sender, 1, true).get(0).event().digit()).isEqualTo('A');
  }

  @Test
  void withoutTelephoneEventsADigitIsPlayedAsItsTwoTonesInBand() {
    DtmfSender sender = new DtmfSender(5, 3);
    sender.enqueue("1");
    short[] tone = new short[800];
    for (int i = 0; i < 5; i++) {
      short[] pcm = new short[160];
      assertThat(sender.next(160L * i, false, new byte[4], pcm)).isEqualTo(Output.AUDIO);
      System.arraycopy(pcm, 0, tone, 160 * i, 160);
    }

    double row = Signals.power(tone, 697);
    double column = Signals.power(tone, 1209);
    assertThat(row).isGreaterThan(100 * Signals.power(tone, 852));
    assertThat(column).isGreaterThan(100 * Signals.power(tone, 1336));
    assertThat(sender.next(800, false, new byte[4], new short[160])).isEqualTo(Output.VOICE);
  }

  @Test
  void theReceiverReportsEachSentDigitOnceDespiteTheRepeatedEnds() {
    DtmfSender sender = new DtmfSender(5, 3);
    sender.enqueue("123#");
    DtmfReceiver receiver = new DtmfReceiver();
    StringBuilder heard = new StringBuilder();

    for (Frame frame : run(sender, 60, true)) {
      if (frame.output() == Output.EVENT) {
        char digit = receiver.accept(frame.timestamp(), frame.payload());
        if (digit != 0) {
          heard.append(digit);
        }
      }
    }

    assertThat(heard).hasToString("123#");
  }

  @Test
  void aDigitWhoseStartPacketWasLostIsStillHeard() {
    DtmfReceiver receiver = new DtmfReceiver();
    byte[] middle = new byte[4];
    new TelephoneEvent(9, false, 10, 480).writeTo(middle, 0);
    byte[] end = new byte[4];
    new TelephoneEvent(9, true, 10, 800).writeTo(end, 0);

    assertThat(receiver.accept(1000, middle)).isEqualTo('9');
    assertThat(receiver.accept(1000, end)).isEqualTo((char) 0);
    assertThat(receiver.accept(1000, end)).isEqualTo((char) 0);
  }

  @Test
  void aStrayPacketOfTheLastEventAfterTheNextOneBeganIsNotHeardAgain() {
    DtmfReceiver receiver = new DtmfReceiver();
    byte[] one = new byte[4];
    new TelephoneEvent(1, true, 10, 800).writeTo(one, 0);
    byte[] two = new byte[4];
    new TelephoneEvent(2, false, 10, 160).writeTo(two, 0);

    assertThat(receiver.accept(1000, one)).isEqualTo('1');
    assertThat(receiver.accept(2600, two)).isEqualTo('2');
    assertThat(receiver.accept(1000, one)).isEqualTo((char) 0);
  }

  @Test
  void nonDigitEventsAndShortPayloadsAreIgnored() {
    DtmfReceiver receiver = new DtmfReceiver();
    byte[] flash = new byte[4];
    new TelephoneEvent(16, false, 10, 160).writeTo(flash, 0);

    assertThat(receiver.accept(1, flash)).isEqualTo((char) 0);
    assertThat(receiver.accept(2, new byte[3])).isEqualTo((char) 0);
  }
}
