package io.outdial.rest.idempotency;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * A request body read whole before its resource runs, so that its fingerprint is known before the
 * key is reserved: in memory up to {@link #IN_MEMORY} bytes (a campaign, a small upload), else in a
 * file of the upload folder. It is read as it arrives, through the size limit the request already
 * has, and hashed on the way; the resource then reads it from here, unchanged.
 */
final class HeldBody {
  /** Bodies up to this many bytes stay in memory. */
  static final int IN_MEMORY = 256 * 1024;

  /** Makes the file a larger body is written to. */
  @FunctionalInterface
  interface FileMaker {
    Path newFile() throws IOException;
  }

  private final byte[] memory;
  private final Path file;
  private final long size;
  private final byte[] sha256;

  private HeldBody(byte[] memory, Path file, long size, byte[] sha256) {
    this.memory = memory;
    this.file = file;
    this.size = size;
    this.sha256 = sha256;
  }

  /** Reads {@code body} to its end (and closes it); a file is made only past {@link #IN_MEMORY}. */
  static HeldBody read(InputStream body, FileMaker files) throws IOException {
    MessageDigest digest = Fingerprint.sha256();
    ByteArrayOutputStream memory = new ByteArrayOutputStream();
    Path file = null;
    OutputStream out = null;
    long size = 0;
    try (InputStream in = body) {
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
        size += n;
        if (out == null && memory.size() + n > IN_MEMORY) {
          file = files.newFile();
          out = Files.newOutputStream(file);
          memory.writeTo(out);
          memory = null;
        }
        if (out != null) {
          out.write(buffer, 0, n);
        } else {
          memory.write(buffer, 0, n);
        }
      }
      if (out != null) {
        out.close();
      }
    } catch (IOException | RuntimeException e) {
      if (out != null) {
        try {
          out.close();
        } catch (IOException closing) {
          e.addSuppressed(closing);
        }
      }
      if (file != null) {
        Files.deleteIfExists(file);
      }
      throw e;
    }
    return new HeldBody(file == null ? memory.toByteArray() : null, file, size, digest.digest());
  }

  /** The body from its first byte; each call a stream of its own. */
  InputStream open() {
    if (file == null) {
      return new ByteArrayInputStream(memory);
    }
    try {
      return Files.newInputStream(file);
    } catch (IOException e) {
      throw new UncheckedIOException("The held request body cannot be read", e);
    }
  }

  long size() {
    return size;
  }

  /** SHA-256 of the body's bytes. */
  byte[] sha256() {
    return sha256.clone();
  }

  /** Whether the body is in a file (larger than {@link #IN_MEMORY}). */
  boolean inFile() {
    return file != null;
  }

  /** Deletes the file, if any; the body cannot be opened afterwards. */
  void discard() {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // the folder is emptied at the next start
      }
    }
  }
}
