package io.outdial.rest.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeldBodyTest {
  @TempDir Path folder;

  private HeldBody hold(InputStream body) throws IOException {
    return HeldBody.read(body, () -> Files.createTempFile(folder, "held", ""));
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  @Test
  void aSmallBodyStaysInMemoryAndReadsBackUnchangedAnyNumberOfTimes() throws Exception {
    byte[] body = random(HeldBody.IN_MEMORY);
    HeldBody held = hold(new ByteArrayInputStream(body));

    assertThat(held.inFile()).isFalse();
    assertThat(folder).isEmptyDirectory();
    assertThat(held.open().readAllBytes()).isEqualTo(body);
    assertThat(held.open().readAllBytes()).isEqualTo(body);
    assertThat(held.sha256()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(body));
  }

  @Test
  void aLargerBodyGoesToAFileThatDiscardDeletes() throws Exception {
    byte[] body = random(HeldBody.IN_MEMORY * 3 + 17);
    HeldBody held = hold(new ByteArrayInputStream(body));

    assertThat(held.inFile()).isTrue();
    assertThat(held.size()).isEqualTo(body.length);
    try (InputStream in = held.open()) {
      assertThat(in.readAllBytes()).isEqualTo(body);
    }
    assertThat(held.sha256()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(body));
    held.discard();
    assertThat(folder).isEmptyDirectory();
  }

  @Test
  void aBodyThatFailsMidwayLeavesNoFile() {
    InputStream failing =
        new SequenceInputStream(
            new ByteArrayInputStream(random(HeldBody.IN_MEMORY * 2)),
            new InputStream() {
              @Override
              public int read() throws IOException {
                throw new IOException("client went away");
              }
            });

    assertThatThrownBy(() -> hold(failing)).hasMessage("client went away");
    assertThat(folder).isEmptyDirectory();
  }
}
