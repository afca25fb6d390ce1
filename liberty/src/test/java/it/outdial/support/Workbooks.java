package it.outdial.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Excel workbooks for upload tests, real ones and tampered ones. */
public final class Workbooks {
  /** The entry of a workbook's first sheet. */
  public static final String FIRST_SHEET = "xl/worksheets/sheet1.xml";

  private Workbooks() {}

  /** A real .xlsx whose first sheet holds these rows of text cells. */
  public static byte[] workbook(String[]... rows) throws IOException {
    try (XSSFWorkbook workbook = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet("contacts");
      for (int r = 0; r < rows.length; r++) {
        Row row = sheet.createRow(r);
        for (int c = 0; c < rows[r].length; c++) {
          row.createCell(c).setCellValue(rows[r][c]);
        }
      }
      workbook.write(out);
      return out.toByteArray();
    }
  }

  /** A real workbook whose first sheet's XML is replaced by {@code sheet}. */
  public static byte[] withSheet(byte[] workbook, byte[] sheet) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(workbook));
        ZipOutputStream zip = new ZipOutputStream(out)) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        zip.putNextEntry(new ZipEntry(entry.getName()));
        zip.write(entry.getName().equals(FIRST_SHEET) ? sheet : in.readAllBytes());
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }
}
