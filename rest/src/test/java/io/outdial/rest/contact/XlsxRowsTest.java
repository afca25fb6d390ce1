package io.outdial.rest.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows of .xlsx workbooks, their shared strings read from temporary files. */
class XlsxRowsTest {
  @TempDir Path dir;

  private final List<Map<String, String>> rows = new ArrayList<>();

  private void read(byte[] workbook) throws IOException {
    Path file = dir.resolve("upload.xlsx");
    Files.write(file, workbook);
    XlsxRows.read(file, (row, fields, progress) -> rows.add(fields));
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

  /** A minimal workbook: one sheet, shared strings when given. */
  private static byte[] workbook(String sharedStrings, String sheet) throws IOException {
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
              + "</Types>");
      entry(
          zip,
          "_rels/.rels",
          "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
              + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
              + "officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
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
              + "</Relationships>");
      entry(zip, "xl/worksheets/sheet1.xml", sheet);
      if (sharedStrings != null) {
        entry(zip, "xl/sharedStrings.xml", sharedStrings);
      }
    }
    return bytes.toByteArray();
  }

  private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    OutputStream out = zip;
    out.write(content.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }
}
