package io.outdial.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MediaSettingsTest {
  @Test
  void defaultsAreTheDocumentedOnes() {
    MediaSettings settings = MediaSettings.defaults();

    assertThat(settings.bindAddress().isAnyLocalAddress()).isTrue();
    assertThat(settings.firstPort()).isEqualTo(16384);
    assertThat(settings.lastPort()).isEqualTo(32767);
    assertThat(settings.jitterDepthFrames()).isEqualTo(3);
    assertThat(settings.dtmfEventFrames()).isEqualTo(5);
    assertThat(settings.dtmfGapFrames()).isEqualTo(3);
    assertThat(settings.withJitterDepth(Duration.ofMillis(100)).jitterDepthFrames()).isEqualTo(5);
  }

  @Test
  void valuesThatAreNotWholeFramesOrOutOfRangeAreRefusedByName() {
    MediaSettings settings = MediaSettings.defaults();

    assertThatThrownBy(() -> settings.withJitterDepth(Duration.ofMillis(50)))
        .hasMessage("jitterDepth of 50 ms is not a whole number of 20 ms frames");
    assertThatThrownBy(() -> settings.withJitterDepth(Duration.ZERO))
        .hasMessage("jitterDepth 0 ms is not in 20-640 ms");
    assertThatThrownBy(() -> settings.withDtmfTiming(Duration.ofMillis(20), Duration.ZERO))
        .hasMessage("dtmfEventLength 20 ms is not in 40-8180 ms");
    assertThatThrownBy(() -> settings.withPortRange(30_000, 30_000))
        .hasMessage("RTP port range 30000-30000 holds no even/odd port pair");
  }
}
