package io.outdial.rest.idempotency;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/**
 * The digest of a {@code multipart/form-data} body by its parts: each part's name, file name and
 * content bytes, in order. Two uploads of the same file differ byte-wise (every client draws a new
 * boundary for each request, and may order or spell part headers its own way), but not here.
 *
 * <p>The body is read once, as a stream, in constant memory: the scanner looks for the delimiter
 * {@code CRLF--boundary} and hashes the bytes between. Since a boundary holds no CR (RFC 2046), a
 * partial match can only restart at the delimiter's first byte, so a mismatch hands the matched
 * bytes back to the content and rescans just the current one. A body that is not well-formed
 * multipart (no closing delimiter, a part's headers over {@link #MAX_HEADER_BYTES}) has no parts
 * digest: the caller then hashes its raw bytes.
 */
final class MultipartDigest {
  static final int MAX_HEADER_BYTES = 16 * 1024;
  private static final int MAX_PADDING = 1024;

  private enum Mode {
    PREAMBLE,
    AFTER_DELIMITER,
    HEADERS,
    CONTENT,
    EPILOGUE
  }

  private final byte[] delimiter;
  private final MessageDigest parts = Fingerprint.sha256();
  private MessageDigest content;
  private Mode mode = Mode.PREAMBLE;
  private int matched;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private int headerBytes;
  private String name;
  private String fileName;
  private int count;
  private boolean malformed;

  private MultipartDigest(String boundary) {
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The parts digest of {@code body} (read to its end), or empty when it is not multipart. */
  static Optional<byte[]> of(InputStream body, String boundary) throws IOException {
    if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
      return Optional.empty();
    }
    for (int i = 0; i < boundary.length(); i++) {
      char c = boundary.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return Optional.empty();
      }
    }
    MultipartDigest digest = new MultipartDigest(boundary);
    // the first delimiter may open the body without a line break before it
    digest.feed(new byte[] {'\r', '\n'}, 0, 2);
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = body) {
      int n;
      while ((n = in.read(buffer)) > 0 && !digest.malformed && digest.mode != Mode.EPILOGUE) {
        digest.feed(buffer, 0, n);
      }
    }
    return digest.finish();
  }

  private Optional<byte[]> finish() {
    if (malformed || mode != Mode.EPILOGUE) {
      return Optional.empty();
    }
    parts.update(Fingerprint.intBytes(count));
    return Optional.of(parts.digest());
  }

  private void feed(byte[] bytes, int offset, int length) {
    int i = offset;
    int end = offset + length;
    while (i < end && !malformed) {
      i =
          switch (mode) {
            case PREAMBLE, CONTENT -> scan(bytes, i, end);
            case AFTER_DELIMITER -> afterDelimiter(bytes, i, end);
            case HEADERS -> headers(bytes, i, end);
            case EPILOGUE -> end;
          };
    }
  }

  /** Content (or preamble) up to the next delimiter; answers where it stopped. */
  private int scan(byte[] bytes, int i, int end) {
    int run = i; // first byte not yet handed to the content
    while (i < end) {
      if (bytes[i] == delimiter[matched]) {
        if (matched == 0) {
          content(bytes, run, i - run);
        }
        matched++;
        i++;
        if (matched == delimiter.length) {
          matched = 0;
          delimiterFound();
          return i;
        }
      } else if (matched > 0) {
        // not the delimiter after all: what matched was content; look at this byte again
        content(delimiter, 0, matched);
        matched = 0;
        run = i;
      } else {
        i++;
      }
    }
    if (matched == 0) {
      content(bytes, run, end - run);
    }
    return end;
  }

  private void content(byte[] bytes, int offset, int length) {
    if (mode == Mode.CONTENT && length > 0) {
      content.update(bytes, offset, length);
    }
  }

  private void delimiterFound() {
    if (mode == Mode.CONTENT) {
      parts.update(Fingerprint.text(name));
      parts.update(Fingerprint.text(fileName));
      parts.update(content.digest());
      count++;
    }
    mode = Mode.AFTER_DELIMITER;
    line.reset();
  }

  /** {@code --} closes the body; else optional padding and a line break open a part. */
  private int afterDelimiter(byte[] bytes, int i, int end) {
    while (i < end) {
      byte b = bytes[i++];
      line.write(b);
      if (line.size() == 2 && "--".equals(line.toString(StandardCharsets.ISO_8859_1))) {
        mode = Mode.EPILOGUE;
        return end;
      }
      if (b == '\n') {
        mode = Mode.HEADERS;
        line.reset();
        headerBytes = 0;
        name = null;
        fileName = null;
        return i;
      }
      if (line.size() > MAX_PADDING) {
        malformed = true;
        return end;
      }
    }
    return end;
  }

  /** A part's header lines up to the empty line; only Content-Disposition counts. */
  private int headers(byte[] bytes, int i, int end) {
    while (i < end) {
      byte b = bytes[i++];
      if (++headerBytes > MAX_HEADER_BYTES) {
        malformed = true;
        return end;
      }
      if (b != '\n') {
        line.write(b);
        continue;
      }
      String header = line.toString(StandardCharsets.UTF_8);
      line.reset();
      if (header.endsWith("\r")) {
        header = header.substring(0, header.length() - 1);
      }
      if (header.isEmpty()) {
        mode = Mode.CONTENT;
        content = Fingerprint.sha256();
        matched = 0;
        return i;
      }
      int colon = header.indexOf(':');
      if (colon > 0
          && header
              .substring(0, colon)
              .strip()
              .toLowerCase(Locale.ROOT)
              .equals("content-disposition")) {
        disposition(header.substring(colon + 1));
      }
    }
    return end;
  }

  /** {@code form-data; name="file"; filename="contacts.csv"}. */
  private void disposition(String value) {
    int i = value.indexOf(';');
    while (i >= 0 && i < value.length()) {
      i++; // past ';'
      int eq = value.indexOf('=', i);
      if (eq < 0) {
        return;
      }
      String parameter = value.substring(i, eq).strip().toLowerCase(Locale.ROOT);
      int j = eq + 1;
      while (j < value.length() && value.charAt(j) == ' ') {
        j++;
      }
      StringBuilder text = new StringBuilder();
      if (j < value.length() && value.charAt(j) == '"') {
        j++;
        while (j < value.length() && value.charAt(j) != '"') {
          char c = value.charAt(j);
          if (c == '\\' && j + 1 < value.length()) {
            c = value.charAt(++j);
          }
          text.append(c);
          j++;
        }
        j = value.indexOf(';', j);
      } else {
        int next = value.indexOf(';', j);
        text.append(value, j, next < 0 ? value.length() : next);
        j = next;
      }
      switch (parameter) {
        case "name" -> name = text.toString().strip();
        case "filename", "filename*" -> fileName = text.toString().strip();
        default -> {}
      }
      i = j;
    }
  }
}
