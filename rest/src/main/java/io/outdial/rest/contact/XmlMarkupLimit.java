package io.outdial.rest.contact;

import jakarta.ws.rs.BadRequestException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.xml.sax.InputSource;

/**
 * Stands between a workbook part's bytes and the XML parser and refuses a piece of markup longer
 * than a bound before the parser has read it: the JDK's parser holds an attribute value, a comment,
 * a processing instruction or a CDATA section whole before any handler sees it, so that a small
 * compressed sheet could hold an attribute of a gigabyte. {@link SheetTextLimit} and {@link
 * SpooledSharedStrings} bound the text between tags; this bounds what is inside them.
 *
 * <p>Each piece of markup is measured in bytes from its {@code <} to its end, both included: a tag
 * ends at the first {@code >} outside its quoted attribute values ({@code "} or {@code '}), a
 * comment {@code <!--} at {@code -->}, a CDATA section {@code <![CDATA[} at {@code ]]>}, a
 * processing instruction {@code <?} at {@code ?>}, anything else starting {@code <!} at {@code >}
 * (the parser refuses a document type declaration anyway). Text between markup is not counted.
 *
 * <p>The count runs over bytes, which is sound only when every byte below 128 is the ASCII
 * character it reads as: the parser must read the part as UTF-8 whatever its XML declaration says,
 * which {@link #source} sees to, and a part with a UTF-16 or UTF-32 byte order mark is refused.
 */
final class XmlMarkupLimit extends FilterInputStream {
  /** Between markup: the next {@code <} starts some. */
  private static final int TEXT = 0;

  /** After {@code <}. */
  private static final int OPEN = 1;

  /** After {@code <!}. */
  private static final int BANG = 2;

  /** After {@code <!} and part of {@code --} or {@code [CDATA[}. */
  private static final int PREFIX = 3;

  private static final int TAG = 4;
  private static final int COMMENT = 5;
  private static final int CDATA = 6;
  private static final int INSTRUCTION = 7;
  private static final int DECLARATION = 8;

  private static final byte[] COMMENT_START = {'-', '-'};
  private static final byte[] CDATA_START = {'[', 'C', 'D', 'A', 'T', 'A', '['};

  private final long maxBytes;
  private final String where;
  private final byte[] one = new byte[1];

  private int state = TEXT;

  /** Bytes of the current markup so far, its {@code <} included. */
  private long length;

  /** In a tag: the quote of the attribute value being read, else 0. */
  private byte quote;

  /**
   * In a comment the {@code -}, in a CDATA section the {@code ]}, in a processing instruction the
   * {@code ?} that the last bytes read were.
   */
  private int run;

  /** In {@link #PREFIX}: what is being matched, how much of it was, and the state it leads to. */
  private byte[] prefix;

  private int matched;
  private int prefixed;

  /** Whether the first bytes were looked at for a byte order mark. */
  private boolean started;

  private final byte[] head = new byte[2];
  private int headLength;

  /**
   * @param maxBytes the bytes one piece of markup may have
   * @param where what the part is, for the error: "the sheet"
   */
  XmlMarkupLimit(InputStream in, long maxBytes, String where) {
    super(in);
    this.maxBytes = maxBytes;
    this.where = where;
  }

  /**
   * The part for the parser: its bytes through this limit, read as UTF-8 whatever its XML
   * declaration says (a declaration of another encoding would have the parser read bytes this count
   * does not see as the parser does).
   */
  static InputSource source(InputStream in, long maxBytes, String where) {
    InputSource source = new InputSource(new XmlMarkupLimit(in, maxBytes, where));
    source.setEncoding(StandardCharsets.UTF_8.name());
    return source;
  }

  @Override
  public int read() throws IOException {
    int c = in.read();
    if (c >= 0) {
      one[0] = (byte) c;
      scan(one, 0, 1);
    }
    return c;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      scan(b, off, off + n);
    }
    return n;
  }

  /** Reads and counts what is skipped: the count must see every byte. */
  @Override
  public long skip(long n) throws IOException {
    byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 8192)];
    long skipped = 0;
    while (skipped < n) {
      int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (read < 0) {
        break;
      }
      skipped += read;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public synchronized void mark(int readlimit) {
    // not supported: a reset would count bytes twice
  }

  @Override
  public synchronized void reset() throws IOException {
    throw new IOException("mark/reset not supported");
  }

  /** Runs the bytes {@code b[from..to)} through the count. */
  void scan(byte[] b, int from, int to) {
    if (!started) {
      checkByteOrderMark(b, from, to);
    }
    int i = from;
    while (i < to) {
      switch (state) {
        case TEXT -> {
          while (i < to && b[i] != '<') {
            i++;
          }
          if (i < to) {
            i++;
            length = 1;
            state = OPEN;
          }
        }
        case OPEN -> {
          byte c = b[i];
          if (c == '?') {
            i++;
            length++;
            run = 0;
            state = INSTRUCTION;
          } else if (c == '!') {
            i++;
            length++;
            state = BANG;
          } else {
            quote = 0;
            state = TAG; // this byte is the tag's first: read there
          }
          check();
        }
        case BANG -> {
          byte c = b[i];
          if (c == '-') {
            startPrefix(COMMENT_START, COMMENT);
          } else if (c == '[') {
            startPrefix(CDATA_START, CDATA);
          } else {
            state = DECLARATION;
          }
        }
        case PREFIX -> {
          while (i < to && matched < prefix.length && b[i] == prefix[matched]) {
            i++;
            length++;
            matched++;
          }
          if (matched == prefix.length) {
            run = 0;
            state = prefixed;
          } else if (i < to) {
            state = DECLARATION; // "<!-x" or "<![CDATX": this byte is the declaration's
          }
          check();
        }
        case TAG -> i = tag(b, i, to);
        case COMMENT -> i = endedByRun(b, i, to, (byte) '-');
        case CDATA -> i = endedByRun(b, i, to, (byte) ']');
        case INSTRUCTION -> i = instruction(b, i, to);
        case DECLARATION -> i = declaration(b, i, to);
        default -> throw new IllegalStateException("state " + state);
      }
    }
  }

  private void startPrefix(byte[] expected, int next) {
    prefix = expected;
    matched = 0;
    prefixed = next;
    state = PREFIX;
  }

  /** A tag: up to the first {@code >} outside quotes. */
  private int tag(byte[] b, int from, int to) {
    int i = from;
    byte q = quote;
    boolean ended = false;
    while (i < to) {
      if (q != 0) {
        while (i < to && b[i] != q) {
          i++;
        }
        if (i < to) {
          i++;
          q = 0;
        }
      } else {
        byte c = b[i++];
        if (c == '>') {
          ended = true;
          break;
        }
        if (c == '"' || c == '\'') {
          q = c;
        }
      }
    }
    quote = q;
    counted(i - from, ended);
    return i;
  }

  /** A comment or CDATA section: up to the first {@code >} after two {@code end} bytes. */
  private int endedByRun(byte[] b, int from, int to, byte end) {
    int i = from;
    int r = run;
    boolean ended = false;
    while (i < to) {
      byte c = b[i++];
      if (c == end) {
        r++;
      } else if (c == '>' && r >= 2) {
        ended = true;
        break;
      } else {
        r = 0;
      }
    }
    run = r;
    counted(i - from, ended);
    return i;
  }

  /** A processing instruction: up to the first {@code ?>}. */
  private int instruction(byte[] b, int from, int to) {
    int i = from;
    int r = run;
    boolean ended = false;
    while (i < to) {
      byte c = b[i++];
      if (c == '>' && r == 1) {
        ended = true;
        break;
      }
      r = c == '?' ? 1 : 0;
    }
    run = r;
    counted(i - from, ended);
    return i;
  }

  /** Any other {@code <!}: up to the first {@code >}. */
  private int declaration(byte[] b, int from, int to) {
    int i = from;
    boolean ended = false;
    while (i < to) {
      if (b[i++] == '>') {
        ended = true;
        break;
      }
    }
    counted(i - from, ended);
    return i;
  }

  /** Adds bytes read of the current markup, which may have ended with them. */
  private void counted(int bytes, boolean ended) {
    length += bytes;
    check();
    if (ended) {
      state = TEXT;
    }
  }

  private void check() {
    if (length > maxBytes) {
      throw new BadRequestException(
          "A "
              + kind()
              + " in the XML of "
              + where
              + " is longer than "
              + maxBytes
              + " bytes ("
              + RowLimits.RECORD_CHARS_SETTING
              + ")");
    }
  }

  private String kind() {
    return switch (state) {
      case OPEN, TAG -> "tag";
      case COMMENT -> "comment";
      case CDATA -> "CDATA section";
      case INSTRUCTION -> "processing instruction";
      default -> "declaration";
    };
  }

  /**
   * Refuses a part that starts with a UTF-16 or UTF-32 byte order mark: its bytes are not the
   * characters this count looks for (a UTF-8 mark is fine).
   */
  private void checkByteOrderMark(byte[] b, int from, int to) {
    for (int i = from; i < to && headLength < head.length; i++) {
      head[headLength++] = b[i];
    }
    if (headLength < head.length) {
      return;
    }
    started = true;
    int first = head[0] & 0xff;
    int second = head[1] & 0xff;
    if ((first == 0xfe && second == 0xff)
        || (first == 0xff && second == 0xfe)
        || first == 0
        || second == 0) {
      throw new BadRequestException(
          "The XML of " + where + " is not UTF-8: workbooks are read in UTF-8 only");
    }
  }
}
