package io.outdial.rest.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.BadRequestException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Rows of .xlsx workbooks, their shared strings read from temporary files. */
class XlsxRowsTest {
  @TempDir Path dir;

  private final List<Map<String, String>> rows = new ArrayList<>();

  private void read(byte[] workbook) throws IOException {
    read(workbook, RowLimits.DEFAULT);
  }

  private void read(byte[] workbook, RowLimits limits) throws IOException {
    read(workbook, limits, 16 << 20);
  }

  private void read(byte[] workbook, RowLimits limits, long maxPartBytes) throws IOException {
    Path file = dir.resolve("upload.xlsx");
    Files.write(file, workbook);
    XlsxRows.read(file, limits, maxPartBytes, (row, fields, progress) -> rows.add(fields));
  }

  @Test
  void cellsOfAWorkbookWrittenByPoiAreReadWithTheirSharedStrings() throws IOException {
    try (XSSFWorkbook workbook = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet("contacts");
      Row header = sheet.createRow(0);
      header.createCell(0).setCellValue("phone");
      header.createCell(1).setCellValue("first_name");
      header.createCell(27).setCellValue("shift");
      Row first = sheet.createRow(1);
      first.createCell(0).setCellValue("(202) 200-0001");
      XSSFRichTextString bold = new XSSFRichTextString("Ann Marie");
      XSSFFont font = workbook.createFont();
      font.setBold(true);
      bold.applyFont(0, 3, font);
      first.createCell(1).setCellValue(bold);
      first.createCell(27).setCellValue("nights");
      Row second = sheet.createRow(2);
      second.createCell(0).setCellValue(2022000002d);
      second.createCell(1).setCellValue("Ann Marie"); // the same shared string again
      workbook.write(out);
      read(out.toByteArray());
    }
    assertThat(rows)
        .containsExactly(
            Map.of("phone", "(202) 200-0001", "first_name", "Ann Marie", "shift", "nights"),
            Map.of("phone", "2022000002", "first_name", "Ann Marie"));
  }

  @Test
  void richTextRunsAreJoinedAndPhoneticRunsLeftOut() throws IOException {
    String sharedStrings =
        "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"4\""
            + " uniqueCount=\"4\"><si><t>phone</t></si><si><t>last_name</t></si>"
            + "<si><t xml:space=\"preserve\"> +1 202 200 0003 </t></si>"
            + "<si><r><rPr><b/></rPr><t>Yama</t></r><r><t>da</t></r>"
            + "<rPh sb=\"0\" eb=\"2\"><t>\u30e4\u30de\u30c0</t></rPh></si></sst>";
    String sheet =
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
            + "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
            + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\" t=\"s\"><v>3</v></c></row>"
            + "</sheetData></worksheet>";
    read(workbook(sharedStrings, sheet));
    assertThat(rows).containsExactly(Map.of("phone", " +1 202 200 0003 ", "last_name", "Yamada"));
  }

  @Test
  void aWorkbookWithoutSharedStringsIsReadToo() throws IOException {
    String sheet =
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
            + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>phone</t></is></c></row>"
            + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>+12022000004</t></is></c></row>"
            + "</sheetData></worksheet>";
    read(workbook(null, sheet));
    assertThat(rows).containsExactly(Map.of("phone", "+12022000004"));
  }

  private static final String SHEET =
      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
  private static final String END = "</sheetData></worksheet>";
  private static final String SST =
      "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">";

  private static String inline(String reference, String text) {
    return "<c r=\"" + reference + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
  }

  private static String row(int number, String... cells) {
    return "<row r=\"" + number + "\">" + String.join("", cells) + "</row>";
  }

  private static final String HEADER = row(1, inline("A1", "phone"), inline("B1", "notes"));
  private static final String PHONE = inline("A2", "+12022000001");

  @Test
  void aCellOf50MbIsRefusedAsSoonAsItPassesTheLimitNamingTheCell() throws IOException {
    byte[] workbook =
        workbook(
            null,
            out -> {
              out.write(utf8(SHEET + HEADER + "<row r=\"2\">" + PHONE + "<c r=\"B2\"><v>"));
              letters(out, 50L << 20);
              out.write(utf8("</v></c></row>" + END));
            });
    assertThat(workbook.length).as("a small upload").isLessThan(1 << 20);
    // the message tells the count stopped at the limit: the text was never gathered whole
    assertThatThrownBy(() -> read(workbook))
        .isInstanceOf(BadRequestException.class)
        .hasMessage(
            "Cell B2 of the sheet holds more than 1048576 characters"
                + " (OUTDIAL_UPLOAD_MAX_RECORD_CHARS)");
    assertThat(rows).isEmpty();
  }

  @Test
  void theRunsOfAnInlineStringCountTogether() throws IOException {
    String runs = ("<r><t>" + "y".repeat(300) + "</t></r>").repeat(4);
    String sheet =
        SHEET
            + HEADER
            + row(2, PHONE, "<c r=\"B2\" t=\"inlineStr\"><is>" + runs + "</is></c>")
            + END;
    assertThatThrownBy(() -> read(workbook(null, sheet), new RowLimits(1_000, 10)))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith("Cell B2 of the sheet holds more than 1000 characters");
  }

  @Test
  void aCellUpToTheLimitIsRead() throws IOException {
    String notes = "z".repeat(980);
    read(workbook(null, SHEET + HEADER + row(2, PHONE, inline("B2", notes)) + END), limits(1_000));
    assertThat(rows).containsExactly(Map.of("phone", "+12022000001", "notes", notes));
  }

  @Test
  void aTextOutsideTheCellsIsBoundedToo() {
    // POI gathers the text of a <v> wherever it is, and of the headers and footers
    assertThatThrownBy(
            () ->
                read(
                    workbook(
                        null,
                        SHEET
                            + HEADER
                            + "<row r=\"2\"><v>"
                            + "1".repeat(2_000)
                            + "</v></row>"
                            + END),
                    limits(1_000)))
        .isInstanceOf(BadRequestException.class)
        .hasMessage(
            "The sheet holds a text of more than 1000 characters outside its cells"
                + " (OUTDIAL_UPLOAD_MAX_RECORD_CHARS)");
  }

  @Test
  void elementsInsideACellsTextAreRefusedSoThatNoTextEscapesTheCount() {
    // an element inside <v> would start a new count while POI's buffer still grows
    String split = "<c r=\"B2\"><v>" + ("1".repeat(600) + "<v/>").repeat(3) + "</v></c>";
    assertThatThrownBy(
            () -> read(workbook(null, SHEET + HEADER + row(2, PHONE, split) + END), limits(1_000)))
        .isInstanceOf(BadRequestException.class)
        .hasMessage("Cell B2 of the sheet is malformed: an element inside its text");
    String nested = "<c r=\"B2\" t=\"inlineStr\"><is><t>a</t><c r=\"C2\"><v>1</v></c></is></c>";
    assertThatThrownBy(
            () -> read(workbook(null, SHEET + HEADER + row(2, PHONE, nested) + END), limits(1_000)))
        .isInstanceOf(BadRequestException.class)
        .hasMessage("Cell B2 of the sheet is malformed: a <c> inside its inline string");
  }

  @Test
  void aSharedStringOverTheLimitIsRefusedAsItIsRead() throws IOException {
    Content strings =
        out -> {
          out.write(utf8(SST + "<si><t>phone</t></si><si><t>notes</t></si><si><t>"));
          letters(out, 2L << 20);
          out.write(utf8("</t></si></sst>"));
        };
    String sheet =
        SHEET
            + "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
            + row(2, PHONE, "<c r=\"B2\" t=\"s\"><v>2</v></c>")
            + END;
    byte[] workbook = workbook(strings, out -> out.write(utf8(sheet)));
    assertThatThrownBy(() -> read(workbook))
        .isInstanceOf(BadRequestException.class)
        .hasMessage(
            "Shared string 3 of the workbook (the text of its cells) holds more than 1048576"
                + " characters (OUTDIAL_UPLOAD_MAX_RECORD_CHARS)");
  }

  @Test
  void aRowOfCellsEachWithinTheLimitIsRefusedOverItAltogether() {
    // one shared string of 400 characters, in three cells: a row of 1 200
    String strings =
        SST + "<si><t>phone</t></si><si><t>a</t></si><si><t>" + "w".repeat(400) + "</t></si></sst>";
    StringBuilder sheet = new StringBuilder(SHEET + "<row r=\"1\">");
    StringBuilder second = new StringBuilder("<row r=\"2\">" + PHONE);
    for (String column : List.of("A", "B", "C", "D")) {
      sheet
          .append("<c r=\"")
          .append(column)
          .append("1\" t=\"s\"><v>")
          .append(column.equals("A") ? 0 : 1)
          .append("</v></c>");
      if (!column.equals("A")) {
        second.append("<c r=\"").append(column).append("2\" t=\"s\"><v>2</v></c>");
      }
    }
    String xml = sheet + "</row>" + second + "</row>" + END;
    assertThatThrownBy(() -> read(workbook(strings, xml), limits(1_000)))
        .isInstanceOf(BadRequestException.class)
        .hasMessage(
            "Row 2 of the sheet holds more than 1000 characters (OUTDIAL_UPLOAD_MAX_RECORD_CHARS)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"EEEEEE2", "XFE2", "ALM2"})
  void aCellBeyondTheColumnsASheetMayUseIsRefused(String reference) {
    String sheet = SHEET + HEADER + row(2, PHONE, inline(reference, "far")) + END;
    assertThatThrownBy(() -> read(workbook(null, sheet)))
        .isInstanceOf(BadRequestException.class)
        .hasMessage(
            "Cell "
                + reference
                + " is beyond the columns a sheet may use: at most 1000"
                + " (OUTDIAL_UPLOAD_MAX_COLUMNS)");
  }

  @Test
  void noSettingLetsASheetPassExcelsLastColumn() throws IOException {
    RowLimits wide = new RowLimits(1 << 20, 100_000);
    assertThatThrownBy(
            () ->
                read(
                    workbook(null, SHEET + HEADER + row(2, PHONE, inline("XFE2", "x")) + END),
                    wide))
        .isInstanceOf(BadRequestException.class)
        .hasMessage(
            "Cell XFE2 is beyond the columns a sheet may use: at most 16384 (Excel's last column is XFD)");
    read(workbook(null, SHEET + HEADER + row(2, PHONE, inline("XFD2", "x")) + END), wide);
    assertThat(rows).containsExactly(Map.of("phone", "+12022000001"));
  }

  @Test
  void aHeaderWiderThanTheLimitIsRefused() {
    String header =
        row(1, inline("A1", "phone"), inline("B1", "a"), inline("C1", "b"), inline("D1", "c"));
    assertThatThrownBy(() -> read(workbook(null, SHEET + header + END), new RowLimits(1 << 20, 3)))
        .isInstanceOf(BadRequestException.class)
        .hasMessage(
            "Cell D1 is beyond the columns a sheet may use: at most 3 (OUTDIAL_UPLOAD_MAX_COLUMNS)");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"2", "A", "A0", "A01", "A1B", "$A$1", "A-1", "\u00c41", "A12345678", " A1"})
  void aMalformedCellReferenceIsRefused(String reference) {
    String sheet = SHEET + HEADER + row(2, PHONE, inline(reference, "x")) + END;
    assertThatThrownBy(() -> read(workbook(null, sheet)))
        .isInstanceOf(BadRequestException.class)
        .hasMessage("The sheet has a cell with a malformed reference: " + reference);
  }

  @Test
  void lowerCaseReferencesAreRead() throws IOException {
    read(
        workbook(
            null, SHEET + HEADER + row(2, inline("a2", "+12022000001"), inline("b2", "hi")) + END));
    assertThat(rows).containsExactly(Map.of("phone", "+12022000001", "notes", "hi"));
  }

  static Stream<Arguments> markupOf20Mb() {
    return Stream.of(
        Arguments.of("<c r=\"B2\" note=\"", "\"><v>1</v></c>", "tag"),
        Arguments.of("<!--", "-->", "comment"),
        Arguments.of("<?pad ", "?>", "processing instruction"),
        Arguments.of("<c r=\"B2\"><v><![CDATA[", "]]></v></c>", "CDATA section"));
  }

  @ParameterizedTest
  @MethodSource("markupOf20Mb")
  void markupOf20MbInTheSheetIsRefusedBeforeTheParserHoldsIt(
      String opening, String closing, String kind) throws IOException {
    byte[] workbook =
        workbook(
            null,
            out -> {
              out.write(utf8(SHEET + HEADER + "<row r=\"2\">" + PHONE + opening));
              letters(out, 20L << 20);
              out.write(utf8(closing + "</row>" + END));
            });
    assertThat(workbook.length).as("a small upload").isLessThan(1 << 20);
    assertThatThrownBy(() -> read(workbook))
        .isInstanceOf(BadRequestException.class)
        .hasMessage(
            "A "
                + kind
                + " in the XML of the sheet is longer than 1048576 bytes"
                + " (OUTDIAL_UPLOAD_MAX_RECORD_CHARS)");
    assertThat(rows).isEmpty();
  }

  @Test
  void aGreaterThanInAQuotedAttributeValueDoesNotEndTheTagsCount() {
    // cut at its '>', the tag would be two pieces of some 620 bytes
    String cell =
        "<c r=\"B2\" note=\"" + "a".repeat(600) + ">" + "b".repeat(600) + "\"><v>1</v></c>";
    assertThatThrownBy(
            () -> read(workbook(null, SHEET + HEADER + row(2, PHONE, cell) + END), limits(1_000)))
        .isInstanceOf(BadRequestException.class)
        .hasMessage(
            "A tag in the XML of the sheet is longer than 1000 bytes"
                + " (OUTDIAL_UPLOAD_MAX_RECORD_CHARS)");
  }

  @Test
  void anAttributeValueOf20MbInTheSharedStringsIsRefused() throws IOException {
    Content strings =
        out -> {
          out.write(utf8(SST + "<si><t>phone</t></si><si><t note=\""));
          letters(out, 20L << 20);
          out.write(utf8("\">notes</t></si></sst>"));
        };
    String sheet =
        SHEET
            + "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
            + row(2, PHONE)
            + END;
    byte[] workbook = workbook(strings, out -> out.write(utf8(sheet)));
    assertThat(workbook.length).as("a small upload").isLessThan(1 << 20);
    assertThatThrownBy(() -> read(workbook))
        .isInstanceOf(BadRequestException.class)
        .hasMessage(
            "A tag in the XML of the workbook's shared strings is longer than 1048576 bytes"
                + " (OUTDIAL_UPLOAD_MAX_RECORD_CHARS)");
  }

  @Test
  void aSheetDeclaringAnotherEncodingIsReadAsUtf8SoThatNoMarkupEscapesTheCount()
      throws IOException {
    // read as the UTF-16 it declares, the value's first character (bytes '"' and '>') would end
    // the tag for a count of bytes, and 20 MB of attribute would follow uncounted
    byte[] workbook =
        workbook(
            null,
            out -> {
              out.write(utf8("<?xml version=\"1.0\" encoding=\"UTF-16LE\"?>"));
              out.write(
                  (SHEET + HEADER + "<row r=\"2\">" + PHONE + "<c r=\"B2\" note=\"\u3e22")
                      .getBytes(StandardCharsets.UTF_16LE));
              wideLetters(out, 20L << 20);
              out.write(("\"><v>1</v></c></row>" + END).getBytes(StandardCharsets.UTF_16LE));
            });
    assertThat(workbook.length).as("a small upload").isLessThan(2 << 20);
    assertThatThrownBy(() -> read(workbook))
        .isInstanceOf(BadRequestException.class)
        .hasMessage("The workbook's sheet is not readable XML");
    assertThat(rows).isEmpty();
  }

  private static final String SIMPLE_SHEET = SHEET + HEADER + row(2, PHONE) + END;

  /** A styles part whose comment holds {@code padding} letters. */
  private static Part styles(long padding) {
    return new Part(
        "xl/styles.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
        false,
        out -> {
          out.write(utf8("<styleSheet xmlns=\"" + MAIN + "\"><!--"));
          letters(out, padding);
          out.write(utf8("--></styleSheet>"));
        });
  }

  @Test
  void aStylesPartOf40MbIsRefusedBeforePoiParsesItWhole() throws IOException {
    byte[] workbook = workbook(null, out -> out.write(utf8(SIMPLE_SHEET)), styles(40L << 20));
    assertThat(workbook.length).as("a small upload").isLessThan(1 << 20);
    assertThatThrownBy(() -> read(workbook))
        .isInstanceOf(BadRequestException.class)
        .hasMessage(
            "The workbook's part xl/styles.xml holds more than 16777216 bytes uncompressed"
                + " (OUTDIAL_UPLOAD_MAX_WORKBOOK_PART_BYTES)");
    assertThat(rows).isEmpty();
  }

  @Test
  void aPartIsBoundedForWhatPoiReadsItAsNotForItsName() throws IOException {
    // document properties, which POI parses whole as it opens the package, under a sheet's name
    Part properties =
        new Part(
            "xl/worksheets/sheet2.xml",
            "application/vnd.openxmlformats-package.core-properties+xml",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            true,
            out -> {
              out.write(
                  utf8(
                      "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
                          + "metadata/core-properties\"><!--"));
              letters(out, 40L << 20);
              out.write(utf8("--></cp:coreProperties>"));
            });
    byte[] workbook = workbook(null, out -> out.write(utf8(SIMPLE_SHEET)), properties);
    assertThatThrownBy(() -> read(workbook))
        .isInstanceOf(BadRequestException.class)
        .hasMessage(
            "The workbook's part xl/worksheets/sheet2.xml holds more than 16777216 bytes"
                + " uncompressed (OUTDIAL_UPLOAD_MAX_WORKBOOK_PART_BYTES)");
    assertThat(rows).isEmpty();
  }

  @Test
  void theSheetAndTheSharedStringsAreStreamedPastThePartBound() throws IOException {
    String notes = "n".repeat(30_000);
    String strings =
        SST + "<si><t>phone</t></si><si><t>notes</t></si><si><t>" + notes + "</t></si></sst>";
    String sheet =
        SHEET
            + "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
            + row(2, PHONE, "<c r=\"B2\" t=\"s\"><v>2</v></c>")
            + row(3, inline("A3", "+12022000003"), inline("B3", "m".repeat(30_000)))
            + END;
    read(workbook(strings, sheet), RowLimits.DEFAULT, 10_000);
    assertThat(rows)
        .containsExactly(
            Map.of("phone", "+12022000001", "notes", notes),
            Map.of("phone", "+12022000003", "notes", "m".repeat(30_000)));
    assertThatThrownBy(
            () ->
                read(
                    workbook(null, out -> out.write(utf8(SIMPLE_SHEET)), styles(20_000)),
                    RowLimits.DEFAULT,
                    10_000))
        .isInstanceOf(BadRequestException.class)
        .hasMessage(
            "The workbook's part xl/styles.xml holds more than 10000 bytes uncompressed"
                + " (OUTDIAL_UPLOAD_MAX_WORKBOOK_PART_BYTES)");
  }

  @Test
  void aSmallStylesPartIsRead() throws IOException {
    read(workbook(null, out -> out.write(utf8(SIMPLE_SHEET)), styles(1_000)));
    assertThat(rows).containsExactly(Map.of("phone", "+12022000001"));
  }

  @Test
  void aZipWhoseCentralDirectoryIsCutOffIsRefusedNotReadEntryByEntry() throws IOException {
    // POI would read such a zip from the front, every entry into memory, out of every bound
    byte[] whole = workbook(null, SIMPLE_SHEET);
    String bytes = new String(whole, StandardCharsets.ISO_8859_1);
    byte[] cut = Arrays.copyOf(whole, bytes.indexOf("PK\u0001\u0002"));
    assertThatThrownBy(() -> read(cut))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith("The file is not a readable .xlsx workbook: ");
    assertThat(rows).isEmpty();
  }

  @Test
  void duplicateEntryNamesAreRefusedAsBefore() throws IOException {
    // the JDK's zip writer refuses duplicate names: the second is renamed in the bytes
    Part copy =
        new Part(
            "xl/worksheets/sheetZ.xml",
            "application/xml",
            "urn:outdial:none",
            false,
            out -> out.write(utf8(SIMPLE_SHEET)));
    String bytes =
        new String(
            workbook(null, out -> out.write(utf8(SIMPLE_SHEET)), copy),
            StandardCharsets.ISO_8859_1);
    byte[] twice =
        bytes
            .replace("xl/worksheets/sheetZ.xml", "xl/worksheets/sheet1.xml")
            .getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> read(twice))
        .isInstanceOf(BadRequestException.class)
        .hasMessage(
            "The file is not a readable .xlsx workbook: Input file contains more than 1 entry"
                + " with the name xl/worksheets/sheet1.xml");
  }

  private static RowLimits limits(int maxRecordChars) {
    return new RowLimits(maxRecordChars, 10);
  }

  /** A minimal workbook: one sheet, shared strings when given. */
  private static byte[] workbook(String sharedStrings, String sheet) throws IOException {
    return workbook(
        sharedStrings == null ? null : out -> out.write(utf8(sharedStrings)),
        out -> out.write(utf8(sheet)));
  }

  /** Writes an entry's content. */
  @FunctionalInterface
  private interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

  /**
   * A part besides the sheet and the shared strings: its entry, its content type, and the type of
   * the relationship to it from the workbook or, {@code ofPackage}, from the package.
   */
  private record Part(
      String name, String contentType, String relationType, boolean ofPackage, Content content) {}

  /**
   * A minimal workbook whose parts are streamed into the zip: one sheet, shared strings if any, and
   * the other parts given.
   */
  private static byte[] workbook(Content sharedStrings, Content sheet, Part... parts)
      throws IOException {
    StringBuilder overrides = new StringBuilder();
    StringBuilder packageRelations = new StringBuilder();
    StringBuilder workbookRelations = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      Part part = parts[i];
      overrides
          .append("<Override PartName=\"/")
          .append(part.name())
          .append("\" ContentType=\"")
          .append(part.contentType())
          .append("\"/>");
      (part.ofPackage() ? packageRelations : workbookRelations)
          .append("<Relationship Id=\"rIdP")
          .append(i)
          .append("\" Type=\"")
          .append(part.relationType())
          .append("\" Target=\"/")
          .append(part.name())
          .append("\"/>");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      entry(
          zip,
          "[Content_Types].xml",
          "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
              + "<Default Extension=\"rels\""
              + " ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
              + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
              + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"
              + "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
              + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/"
              + "vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
              + (sharedStrings == null
                  ? ""
                  : "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/"
                      + "vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>")
              + overrides
              + "</Types>");
      entry(
          zip,
          "_rels/.rels",
          "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
              + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
              + "officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
              + packageRelations
              + "</Relationships>");
      entry(
          zip,
          "xl/workbook.xml",
          "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
              + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
              + "<sheets><sheet name=\"contacts\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
      entry(
          zip,
          "xl/_rels/workbook.xml.rels",
          "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
              + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
              + "officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
              + (sharedStrings == null
                  ? ""
                  : "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/"
                      + "officeDocument/2006/relationships/sharedStrings\""
                      + " Target=\"sharedStrings.xml\"/>")
              + workbookRelations
              + "</Relationships>");
      entry(zip, "xl/worksheets/sheet1.xml", sheet);
      if (sharedStrings != null) {
        entry(zip, "xl/sharedStrings.xml", sharedStrings);
      }
      for (Part part : parts) {
        entry(zip, part.name(), part.content());
      }
    }
    return bytes.toByteArray();
  }

  private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
    entry(zip, name, out -> out.write(utf8(content)));
  }

  private static void entry(ZipOutputStream zip, String name, Content content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    content.writeTo(zip);
    zip.closeEntry();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Writes {@code chars} letters in UTF-16LE, one random letter every 100. */
  private static void wideLetters(OutputStream out, long chars) throws IOException {
    byte[] block = new byte[1 << 20];
    Random random = new Random(7);
    for (int i = 0; i < block.length; i += 2) {
      block[i] = i % 200 == 0 ? (byte) ('a' + random.nextInt(26)) : (byte) 'x';
    }
    for (long left = chars * 2; left > 0; left -= block.length) {
      out.write(block, 0, (int) Math.min(block.length, left));
    }
  }

  /**
   * Writes {@code chars} letters that deflate to about 1.2 % of their size: above the 1 % under
   * which POI takes an entry for a zip bomb, yet a 50 MB text makes a file of some 600 KB. One
   * random letter every 200 (the compressor's window is 32 KB, so repeating a 1 MB block compresses
   * no better than a new one).
   */
  private static void letters(OutputStream out, long chars) throws IOException {
    byte[] block = new byte[1 << 20];
    Random random = new Random(7);
    for (int i = 0; i < block.length; i++) {
      block[i] = i % 200 == 0 ? (byte) ('a' + random.nextInt(26)) : (byte) 'x';
    }
    for (long left = chars; left > 0; left -= block.length) {
      out.write(block, 0, (int) Math.min(block.length, left));
    }
  }
}
