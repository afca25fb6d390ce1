package io.outdial.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class G711Test {
  @Test
  void silenceEncodesToTheReferenceCodes() {
    assertThat(G711.PCMU.encode((short) 0)).isEqualTo((byte) 0xFF);
    assertThat(G711.PCMA.encode((short) 0)).isEqualTo((byte) 0xD5);
  }

  @Test
  void referenceCodesDecodeToTheTableValues() {
    assertThat(G711.PCMU.decode((byte) 0xFF)).isEqualTo((short) 0);
    assertThat(G711.PCMU.decode((byte) 0x80)).isEqualTo((short) 32124);
    assertThat(G711.PCMU.decode((byte) 0x00)).isEqualTo((short) -32124);
    assertThat(G711.PCMA.decode((byte) 0xD5)).isEqualTo((short) 8);
    assertThat(G711.PCMA.decode((byte) 0x55)).isEqualTo((short) -8);
    assertThat(G711.PCMA.decode((byte) 0xAA)).isEqualTo((short) 32256);
    assertThat(G711.PCMA.decode((byte) 0x2A)).isEqualTo((short) -32256);
  }

  @ParameterizedTest
  @EnumSource(G711.class)
  void everySampleComesBackAsOneOfTheTwoLevelsAroundItWithinOneQuantisationStep(G711 law) {
    TreeSet<Integer> levels = new TreeSet<>();
    for (int code = 0; code < 256; code++) {
      levels.add((int) law.decode((byte) code));
    }
    for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
      int decoded = law.decode(law.encode((short) x));
      Integer below = levels.floor(x);
      Integer above = levels.ceiling(x);
      int step;
      if (below == null) {
        step = levels.higher(above) - above;
      } else if (above == null) {
        step = below - levels.lower(below);
      } else {
        step = Math.max(above - below, 1);
        assertThat(decoded).as("sample %d", x).isIn(below, above);
      }
      assertThat(Math.abs(decoded - x)).as("error at sample %d", x).isLessThanOrEqualTo(step);
    }
  }

  @ParameterizedTest
  @EnumSource(G711.class)
  void encodingIsMonotonicAndEveryLevelEncodesToItself(G711 law) {
    int previous = Integer.MIN_VALUE;
    for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
      int decoded = law.decode(law.encode((short) x));
      assertThat(decoded).as("sample %d", x).isGreaterThanOrEqualTo(previous);
      previous = decoded;
    }
    for (int code = 0; code < 256; code++) {
      short level = law.decode((byte) code);
      assertThat(law.decode(law.encode(level))).isEqualTo(level);
    }
  }

  @ParameterizedTest
  @EnumSource(G711.class)
  void arrayVariantsMatchTheSampleByRuleOnes(G711 law) {
    short[] pcm = new short[400];
    for (int i = 0; i < pcm.length; i++) {
      pcm[i] = (short) (i * 163 - 32000);
    }
    byte[] codes = new byte[402];
    law.encode(pcm, 0, pcm.length, codes, 2);
    short[] back = new short[pcm.length];
    law.decode(codes, 2, pcm.length, back, 0);
    for (int i = 0; i < pcm.length; i++) {
      assertThat(codes[i + 2]).isEqualTo(law.encode(pcm[i]));
      assertThat(back[i]).isEqualTo(law.decode(law.encode(pcm[i])));
    }
    assertThat(Arrays.copyOf(codes, 2)).containsOnly(0);
  }

  @Test
  void payloadTypesAreTheStaticOnes() {
    assertThat(G711.forPayloadType(0)).isEqualTo(G711.PCMU);
    assertThat(G711.forPayloadType(8)).isEqualTo(G711.PCMA);
    assertThat(G711.PCMA.payloadType()).isEqualTo(8);
    assertThatThrownBy(() -> G711.forPayloadType(18))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("18");
  }
}
