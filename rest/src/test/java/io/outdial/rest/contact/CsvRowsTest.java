package io.outdial.rest.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.BadRequestException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows of CSV files, and the limits of a record and of the header. */
class CsvRowsTest {
  @TempDir Path dir;

  private final List<Map<String, String>> rows = new ArrayList<>();

  private void read(String csv) throws IOException {
    read(csv, RowLimits.DEFAULT);
  }

  private void read(String csv, RowLimits limits) throws IOException {
    Path file = dir.resolve("upload.csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    read(file, limits);
  }

  private void read(Path file, RowLimits limits) throws IOException {
    CsvRows.read(file, limits, (row, fields, progress) -> rows.add(fields));
  }

  @Test
  void aQuotedFieldOf2MbSpanningLinesIsRefusedThoughEachLineIsShort() throws IOException {
    Path file = dir.resolve("upload.csv");
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("phone,notes\n+12022000001,\"");
      String line = "x".repeat(99) + "\n";
      for (int i = 0; i < (2 << 20) / line.length(); i++) {
        out.write(line);
      }
      out.write("\"\n");
    }
    assertThatThrownBy(() -> read(file, RowLimits.DEFAULT))
        .isInstanceOf(BadRequestException.class)
        .hasMessage(
            "The CSV record starting at line 2 is longer than 1048576 characters"
                + " (OUTDIAL_UPLOAD_MAX_RECORD_CHARS)");
    assertThat(rows).isEmpty();
  }

  @Test
  void aLongUnquotedLineIsStillRefused() {
    assertThatThrownBy(
            () ->
                read(
                    "phone,notes\n+12022000001,n\n+12022000002," + "y".repeat(200) + "\n",
                    limits(100)))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith("The CSV record starting at line 3 is longer than 100 characters");
  }

  @Test
  void quotedLineBreaksBelongToTheirRecordAndLaterRecordsCountAfresh() throws IOException {
    String multiLine = "\"first line\nsecond, with a comma\r\nthird \"\"quoted\"\"\"";
    String csv =
        "phone,notes\r\n"
            + "+12022000001,"
            + multiLine
            + "\r\n"
            + "+12022000002,\"\"\"\"\n"
            + "+12022000003,  \"spaced\"  \n"
            + "+12022000004,5'11\" tall\n" // a quote inside a field is text, not an opening one
            + ("+12022000005," + "z".repeat(60) + "\n").repeat(3);
    read(csv, limits(80));
    assertThat(rows)
        .hasSize(7)
        .startsWith(
            Map.of(
                "phone",
                "+12022000001",
                "notes",
                "first line\nsecond, with a comma\r\nthird \"quoted\""),
            Map.of("phone", "+12022000002", "notes", "\""),
            Map.of("phone", "+12022000003", "notes", "spaced"),
            Map.of("phone", "+12022000004", "notes", "5'11\" tall"));
  }

  @Test
  void theRecordsLineIsTheOneItStartsOn() {
    String csv =
        "phone,notes\n+12022000001,\"a\nb\nc\"\n+12022000002,\"" + "q\n".repeat(60) + "\"\n";
    assertThatThrownBy(() -> read(csv, limits(100)))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith("The CSV record starting at line 5 is longer than 100 characters");
  }

  @Test
  void aLoneCarriageReturnEndsARecordAsTheParserReadsIt() throws IOException {
    read("phone,notes\r+12022000001,a\r+12022000002," + "b".repeat(80) + "\r", limits(100));
    assertThat(rows).hasSize(2);
  }

  @Test
  void aHeaderOf10000ColumnsIsRefused() {
    StringBuilder header = new StringBuilder("phone");
    for (int i = 1; i < 10_000; i++) {
      header.append(",c").append(i);
    }
    assertThatThrownBy(() -> read(header + "\n+12022000001\n"))
        .isInstanceOf(BadRequestException.class)
        .hasMessage("The CSV header has more than 1000 columns (OUTDIAL_UPLOAD_MAX_COLUMNS)");
    assertThat(rows).isEmpty();
  }

  @Test
  void aHeaderOfEmptyColumnsIsRefusedBeforeTheParserNamesThem() {
    assertThatThrownBy(() -> read("phone" + ",".repeat(500_000) + "\n"))
        .isInstanceOf(BadRequestException.class)
        .hasMessage("The CSV header has more than 1000 columns (OUTDIAL_UPLOAD_MAX_COLUMNS)");
  }

  @Test
  void theColumnsOfTheHeaderAreThoseOutsideQuotesAfterEmptyLines() throws IOException {
    // three columns, the comma of the second one quoted; rows wider than the header are read
    read("\n\nphone,\"a,b\",c\n+12022000001,1,2,3,4,5\n", new RowLimits(1 << 20, 3));
    assertThat(rows).containsExactly(Map.of("phone", "+12022000001", "a,b", "1", "c", "2"));
    assertThatThrownBy(() -> read("phone,a,b,c\n", new RowLimits(1 << 20, 3)))
        .isInstanceOf(BadRequestException.class)
        .hasMessage("The CSV header has more than 3 columns (OUTDIAL_UPLOAD_MAX_COLUMNS)");
  }

  @Test
  void anUnclosedQuoteIsAMalformedFile() {
    assertThatThrownBy(() -> read("phone,notes\n+12022000001,\"open\n"))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith("The CSV is malformed: ");
    assertThatThrownBy(() -> read("phone,\"notes\n+12022000001\n"))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith("The CSV is malformed: ");
  }

  private static RowLimits limits(int maxRecordChars) {
    return new RowLimits(maxRecordChars, 10);
  }
}
