package io.outdial.rest.contact;

import jakarta.ws.rs.BadRequestException;
import java.io.BufferedInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Streams the rows of a CSV file (UTF-8, comma-separated, first record = header). Cells are text
 * and stay text: a cell that looks like a formula is never evaluated. So that a hostile file cannot
 * make one row fill the heap, a record (a quoted field's line breaks included) longer than {@link
 * RowLimits#maxRecordChars} characters and a header of more than {@link RowLimits#maxColumns}
 * columns are refused while they are read, before the parser holds them.
 */
final class CsvRows {
  private CsvRows() {}

  static void read(Path file, RowLimits limits, RowHandler handler) throws IOException {
    read(file, limits, PhoneColumn.CONTACTS, handler);
  }

  /** Reads the rows of a file whose header must have {@code phone}'s column. */
  static void read(Path file, RowLimits limits, PhoneColumn phone, RowHandler handler)
      throws IOException {
    long size = Math.max(1, Files.size(file));
    try (CountingStream counted = new CountingStream(Files.newInputStream(file));
        Reader reader =
            new RecordLimit(
                new InputStreamReader(withoutBom(counted), StandardCharsets.UTF_8), limits);
        CSVParser parser =
            CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .setAllowMissingColumnNames(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
                .get()
                .parse(reader)) {
      List<String> header = parser.getHeaderNames();
      if (!phone.in(header)) {
        throw new BadRequestException("The CSV header has no " + phone.describe() + " column");
      }
      long row = 0;
      for (CSVRecord record : parser) {
        row++;
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < header.size() && i < record.size(); i++) {
          if (!header.get(i).isBlank()) {
            fields.put(header.get(i), record.get(i));
          }
        }
        handler.row(row, fields, (int) Math.min(99, counted.count * 100 / size));
      }
    } catch (IllegalArgumentException e) {
      // commons-csv reports duplicate or malformed headers this way
      throw new BadRequestException("The CSV header is not usable: " + shortened(e.getMessage()));
    } catch (UncheckedIOException e) {
      // commons-csv wraps what it cannot parse (an unclosed quote, say) as an I/O error
      throw new BadRequestException(
          "The CSV is malformed: " + shortened(e.getCause().getMessage()));
    } catch (CSVException e) {
      // the same, met while the header is read
      throw new BadRequestException("The CSV is malformed: " + shortened(e.getMessage()));
    }
  }

  /** A parser's message, which may quote the whole header, cut to a readable length. */
  private static String shortened(String message) {
    return message != null && message.length() > 300 ? message.substring(0, 300) + "..." : message;
  }

  private static InputStream withoutBom(InputStream in) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in);
    buffered.mark(3);
    byte[] bom = buffered.readNBytes(3);
    if (!(bom.length == 3
        && bom[0] == (byte) 0xef
        && bom[1] == (byte) 0xbb
        && bom[2] == (byte) 0xbf)) {
      buffered.reset();
    }
    return buffered;
  }

  /** Counts the bytes read, for progress. */
  private static final class CountingStream extends java.io.FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }

  /**
   * Refuses a record longer than {@link RowLimits#maxRecordChars} and a header of more than {@link
   * RowLimits#maxColumns} columns, following the records as the parser will read them (RFC 4180:
   * {@code "} quotes a field, {@code ""} inside quotes is one quote, a line break inside quotes
   * belongs to the field). A quote opens a quoted field only at the start of a field, after
   * optional white space, as commons-csv's lexer has it with surrounding spaces ignored; anywhere
   * else it is text. CR, LF and CRLF end a record outside quotes. Where this reading and the
   * parser's could differ, it errs towards a longer record, never a shorter one.
   */
  private static final class RecordLimit extends FilterReader {
    private enum State {
      /** At the start of a field: white space is skipped, a quote opens a quoted field. */
      FIELD_START,
      /** In a field without quotes, up to the next comma or line break. */
      UNQUOTED,
      /** Inside quotes. */
      QUOTED,
      /** Just after a quote inside quotes: a second quote is an escaped one, else they closed. */
      QUOTE_IN_QUOTED,
      /** After a closing quote, up to the next comma or line break. */
      AFTER_QUOTED
    }

    private final RowLimits limits;
    private State state = State.FIELD_START;
    private long line = 1;
    private long recordLine = 1;
    private boolean lastWasCr;
    private long length;
    private int columns = 1;
    private boolean headerSeen;

    RecordLimit(Reader in, RowLimits limits) {
      super(in);
      this.limits = limits;
    }

    @Override
    public int read() throws IOException {
      int c = super.read();
      if (c >= 0) {
        accept((char) c);
      }
      return c;
    }

    @Override
    public int read(char[] buffer, int offset, int count) throws IOException {
      int n = super.read(buffer, offset, count);
      for (int i = 0; i < n; i++) {
        accept(buffer[offset + i]);
      }
      return n;
    }

    /** Skips by reading, so that what is skipped is counted too. */
    @Override
    public long skip(long n) throws IOException {
      char[] buffer = new char[(int) Math.min(Math.max(n, 0), 8192)];
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

    private void accept(char c) {
      boolean lf = c == '\n';
      boolean cr = c == '\r';
      if (cr || (lf && !lastWasCr)) {
        line++;
      }
      boolean crlf = lf && lastWasCr;
      lastWasCr = cr;
      if (crlf && length == 0) {
        return; // the LF of a CRLF that ended the record
      }
      if (state == State.QUOTE_IN_QUOTED) {
        if (c == '"') {
          state = State.QUOTED;
          count();
          return;
        }
        state = State.AFTER_QUOTED;
      }
      switch (state) {
        case QUOTED -> {
          if (c == '"') {
            state = State.QUOTE_IN_QUOTED;
          }
          count();
        }
        case FIELD_START, UNQUOTED, AFTER_QUOTED -> {
          if (cr || lf) {
            endRecord();
          } else {
            count();
            if (c == ',') {
              state = State.FIELD_START;
              column();
            } else if (state == State.FIELD_START && c == '"') {
              state = State.QUOTED;
            } else if (state == State.FIELD_START && !Character.isWhitespace(c)) {
              state = State.UNQUOTED;
            }
          }
        }
        case QUOTE_IN_QUOTED -> throw new IllegalStateException("handled above");
      }
    }

    private void count() {
      if (++length > limits.maxRecordChars()) {
        throw new BadRequestException(
            "The CSV record starting at line "
                + recordLine
                + " is longer than "
                + limits.maxRecordChars()
                + " characters ("
                + RowLimits.RECORD_CHARS_SETTING
                + ")");
      }
    }

    private void column() {
      if (!headerSeen && ++columns > limits.maxColumns()) {
        throw new BadRequestException(
            "The CSV header has more than "
                + limits.maxColumns()
                + " columns ("
                + RowLimits.COLUMNS_SETTING
                + ")");
      }
    }

    private void endRecord() {
      if (length > 0) {
        headerSeen = true; // an empty line before the header is skipped, not a record
      }
      state = State.FIELD_START;
      length = 0;
      columns = 1;
      recordLine = line;
    }
  }
}
