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
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Streams the rows of a CSV file (UTF-8, comma-separated, first line = header). Cells are text and
 * stay text: a cell that looks like a formula is never evaluated. A physical line longer than
 * {@link #MAX_LINE_CHARS} is refused, so a hostile file cannot make one row fill the heap.
 */
final class CsvRows {
  static final int MAX_LINE_CHARS = 1 << 20;

  private CsvRows() {}

  static void read(Path file, RowHandler handler) throws IOException {
    long size = Math.max(1, Files.size(file));
    try (CountingStream counted = new CountingStream(Files.newInputStream(file));
        Reader reader =
            new LineLimit(new InputStreamReader(withoutBom(counted), StandardCharsets.UTF_8));
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
      if (header.stream().noneMatch(name -> name.strip().equalsIgnoreCase("phone"))) {
        throw new BadRequestException("The CSV header has no phone column");
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
      throw new BadRequestException("The CSV header is not usable: " + e.getMessage());
    } catch (UncheckedIOException e) {
      // commons-csv wraps what it cannot parse (an unclosed quote, say) as an I/O error
      throw new BadRequestException("The CSV is malformed: " + e.getCause().getMessage());
    }
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

  /** Refuses a physical line longer than {@link #MAX_LINE_CHARS}. */
  private static final class LineLimit extends FilterReader {
    private long line = 1;
    private int length;

    LineLimit(Reader in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int c = super.read();
      if (c >= 0) {
        count((char) c);
      }
      return c;
    }

    @Override
    public int read(char[] buffer, int offset, int count) throws IOException {
      int n = super.read(buffer, offset, count);
      for (int i = 0; i < n; i++) {
        count(buffer[offset + i]);
      }
      return n;
    }

    private void count(char c) {
      if (c == '\n') {
        line++;
        length = 0;
      } else if (++length > MAX_LINE_CHARS) {
        throw new BadRequestException(
            "Line " + line + " of the CSV is longer than " + (MAX_LINE_CHARS >> 20) + " MB");
      }
    }
  }
}
