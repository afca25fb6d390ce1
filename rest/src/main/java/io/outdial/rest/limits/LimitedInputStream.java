package io.outdial.rest.limits;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a request body through until more than {@code limit} bytes have come, then throws {@link
 * BodyTooLargeException}: a body without a declared length (chunked) is refused as it streams,
 * before any reader has buffered or spooled more than the limit.
 */
final class LimitedInputStream extends FilterInputStream {
  private final long limit;
  private final String detail;
  private final Runnable onRefusal;
  private long count;

  LimitedInputStream(InputStream in, long limit, String detail) {
    this(in, limit, detail, () -> {});
  }

  /** {@code onRefusal} runs once the limit is passed, before the exception is thrown. */
  LimitedInputStream(InputStream in, long limit, String detail, Runnable onRefusal) {
    super(in);
    this.limit = limit;
    this.detail = detail;
    this.onRefusal = onRefusal;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      counted(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    if (skipped > 0) {
      counted(skipped);
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false; // a reset would count bytes twice
  }

  private void counted(long n) {
    count += n;
    if (count > limit) {
      onRefusal.run();
      throw new BodyTooLargeException(detail);
    }
  }
}
