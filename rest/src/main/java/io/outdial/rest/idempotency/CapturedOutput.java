package io.outdial.rest.idempotency;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Holds what a response's writer writes, up to {@code limit} bytes, so that the answer is stored
 * before the client sees it. Past the limit it gives up: what it held and all that follows go
 * straight to the client, and the answer is not stored.
 */
final class CapturedOutput extends OutputStream {
  private final OutputStream client;
  private final int limit;
  private ByteArrayOutputStream held = new ByteArrayOutputStream();

  CapturedOutput(OutputStream client, int limit) {
    this.client = client;
    this.limit = limit;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    if (held != null && held.size() + length > limit) {
      held.writeTo(client);
      held = null;
    }
    if (held != null) {
      held.write(bytes, offset, length);
    } else {
      client.write(bytes, offset, length);
    }
  }

  @Override
  public void flush() throws IOException {
    if (held == null) {
      client.flush();
    }
  }

  @Override
  public void close() {
    // the container closes the client's stream once the response is written
  }

  /** Whether the whole body is held (it did not pass the limit). */
  boolean complete() {
    return held != null;
  }

  /** The held body. */
  byte[] bytes() {
    return held.toByteArray();
  }

  /** Sends the held body on to the client. */
  void release() throws IOException {
    if (held != null) {
      held.writeTo(client);
      held = null;
    }
  }
}
