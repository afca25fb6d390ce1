package io.outdial.rest.contact;

import jakarta.ws.rs.BadRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Streams the rows of the first sheet of an {@code .xlsx} workbook with POI's SAX reader, never
 * holding the sheet in memory, nor its shared strings ({@link SpooledSharedStrings}). Formulas are
 * never evaluated: a formula cell gives its cached value as text. POI's zip guards refuse
 * compression bombs and oversized or too many entries, and its XML parsers refuse external
 * entities. So that a small workbook cannot make one row fill the heap, a cell, a row or a shared
 * string of more than {@link RowLimits#maxRecordChars} characters is refused while it is read
 * ({@link SheetTextLimit}), and so is a cell beyond {@link RowLimits#maxSheetColumns} or one whose
 * reference is malformed. Inside the XML of the sheet and of the shared strings, a tag (with its
 * attribute values), a comment, a CDATA section or a processing instruction of more than {@link
 * RowLimits#maxRecordChars} bytes is refused before the parser holds it ({@link XmlMarkupLimit}).
 * Every other part, which POI reads whole, is refused past a bound of its own ({@link
 * WorkbookParts}).
 */
final class XlsxRows {
  /** Entries a workbook may hold; a real contact sheet has a dozen. */
  static final int MAX_ENTRIES = 1_000;

  /** Largest uncompressed entry (the sheet XML of a million-row upload is a few hundred MB). */
  static final long MAX_ENTRY_BYTES = 2L << 30;

  static {
    ZipSecureFile.setMaxFileCount(MAX_ENTRIES);
    ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
    // POI's default (0.01): an entry that inflates more than 100 times its size is a bomb
    ZipSecureFile.setMinInflateRatio(0.01);
  }

  private XlsxRows() {}

  /**
   * Reads the first sheet's rows.
   *
   * @param maxPartBytes the inflated bytes of one part that POI reads for itself ({@link
   *     WorkbookParts})
   */
  static void read(Path file, RowLimits limits, long maxPartBytes, RowHandler handler)
      throws IOException {
    read(file, limits, maxPartBytes, PhoneColumn.CONTACTS, handler);
  }

  /** Reads the rows of a workbook whose header row must have {@code phone}'s column. */
  static void read(
      Path file, RowLimits limits, long maxPartBytes, PhoneColumn phone, RowHandler handler)
      throws IOException {
    WorkbookParts parts = null;
    try {
      parts = WorkbookParts.open(file, maxPartBytes);
      read(parts, limits, phone, handler);
    } catch (BadRequestException e) {
      throw e;
    } catch (HandlerFailure e) {
      throw e.getCause(); // not the workbook's fault: storing the rows failed
    } catch (SAXException | ParserConfigurationException e) {
      refusal(parts);
      throw new BadRequestException("The workbook's sheet is not readable XML");
    } catch (Exception e) {
      refusal(parts);
      // POI reports zip bombs, too many entries and broken packages as exceptions of its own
      throw new BadRequestException(
          "The file is not a readable .xlsx workbook: " + reason(e, file));
    } finally {
      if (parts != null) {
        parts.close();
      }
    }
  }

  private static void read(
      WorkbookParts parts, RowLimits limits, PhoneColumn phone, RowHandler handler)
      throws Exception {
    try (OPCPackage workbook = OPCPackage.open(parts)) {
      parts.throwIfRefused(); // POI leaves out a document properties part it could not read
      List<PackagePart> sharedStrings =
          workbook.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
      try (InputStream stringsPart =
              sharedStrings.isEmpty()
                  ? null
                  : parts.streamed(sharedStrings.get(0)::getInputStream);
          SpooledSharedStrings strings =
              SpooledSharedStrings.of(stringsPart, limits.maxRecordChars())) {
        XSSFReader reader = new XSSFReader(workbook);
        StylesTable styles = reader.getStylesTable();
        XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
        if (!sheets.hasNext()) {
          throw new BadRequestException("The workbook has no sheet");
        }
        try (InputStream sheet = parts.streamed(sheets::next)) {
          XMLReader parser = XMLHelper.newXMLReader();
          Collector collector = new Collector(handler, limits, phone);
          parser.setContentHandler(
              new SheetTextLimit(
                  new XSSFSheetXMLHandler(
                      styles, null, strings, collector, new DataFormatter(), false),
                  limits));
          parser.parse(XmlMarkupLimit.source(sheet, limits.maxRecordChars(), "the sheet"));
          if (!collector.sawHeader) {
            throw new BadRequestException("The sheet is empty: the first row must be a header");
          }
        }
      }
      parts.throwIfRefused();
    }
  }

  /** Throws the refusal of a part over its bound, which POI may have wrapped in its own failure. */
  private static void refusal(WorkbookParts parts) {
    if (parts != null) {
      parts.throwIfRefused();
    }
  }

  /**
   * The innermost cause's first line, which says what is wrong with the file (POI wraps it in
   * "can't open the file"); the spooled file's path is the server's business and is cut out.
   */
  private static String reason(Exception e, Path file) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    int newline = message.indexOf('\n');
    String first =
        (newline < 0 ? message : message.substring(0, newline))
            .replace(file.toAbsolutePath().toString(), "(upload)")
            .replace(file.toString(), "(upload)");
    return first.length() > 200 ? first.substring(0, 200) : first;
  }

  /** Builds rows from cells; the first non-empty row is the header. */
  private static final class Collector implements XSSFSheetXMLHandler.SheetContentsHandler {
    private final RowHandler handler;
    private final PhoneColumn phone;
    private final RowLimits limits;
    private final List<String> header = new ArrayList<>();
    private final Map<Integer, String> cells = new LinkedHashMap<>();
    private boolean sawHeader;
    private long dataRows;
    private int rowNum;
    private long rowChars;

    Collector(RowHandler handler, RowLimits limits, PhoneColumn phone) {
      this.handler = handler;
      this.phone = phone;
      this.limits = limits;
    }

    @Override
    public void startRow(int rowNum) {
      this.rowNum = rowNum;
      cells.clear();
      rowChars = 0;
    }

    @Override
    public void cell(String reference, String value, XSSFComment comment) {
      if (reference != null && value != null) {
        int column = column(reference, limits.maxSheetColumns());
        rowChars += value.length();
        if (rowChars > limits.maxRecordChars()) {
          throw new BadRequestException(
              "Row " + (rowNum + 1L) + " of the sheet holds " + limits.tooManyChars());
        }
        cells.put(column, value);
      }
    }

    @Override
    public void endRow(int rowNum) {
      if (cells.isEmpty()) {
        return;
      }
      if (!sawHeader) {
        sawHeader = true;
        int width = cells.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        for (int i = 0; i < width; i++) {
          header.add(cells.getOrDefault(i, "").strip());
        }
        if (!phone.in(header)) {
          throw new BadRequestException(
              "The sheet's header row has no " + phone.describe() + " column");
        }
        return;
      }
      Map<String, String> fields = new LinkedHashMap<>();
      cells.forEach(
          (column, value) -> {
            if (column < header.size() && !header.get(column).isEmpty()) {
              fields.put(header.get(column), value);
            }
          });
      try {
        handler.row(++dataRows, fields, 0);
      } catch (RuntimeException e) {
        throw new HandlerFailure(e);
      }
    }
  }

  /**
   * The 0-based column of a cell reference such as {@code AB12}: one to three letters, then the
   * row's digits, as a sheet's XML writes it.
   *
   * @throws BadRequestException when the reference is malformed or its column is not below {@code
   *     maxColumns}
   */
  static int column(String reference, int maxColumns) {
    int letters = 0;
    long column = 0;
    while (letters < reference.length() && isLetter(reference.charAt(letters))) {
      if (letters < 7) {
        column = column * 26 + (Character.toUpperCase(reference.charAt(letters)) - 'A' + 1);
      }
      letters++;
    }
    int digits = reference.length() - letters;
    boolean rowIsNumber = digits >= 1 && digits <= 7 && reference.charAt(letters) != '0';
    for (int i = letters; rowIsNumber && i < reference.length(); i++) {
      char c = reference.charAt(i);
      rowIsNumber = c >= '0' && c <= '9';
    }
    if (letters == 0 || !rowIsNumber) {
      throw new BadRequestException(
          "The sheet has a cell with a malformed reference: "
              + SheetTextLimit.shortened(reference));
    }
    if (letters > 3 || column > maxColumns) {
      throw new BadRequestException(
          "Cell "
              + SheetTextLimit.shortened(reference)
              + " is beyond the columns a sheet may use: at most "
              + maxColumns
              + " ("
              + (maxColumns == UploadLimits.EXCEL_COLUMNS
                  ? "Excel's last column is XFD"
                  : RowLimits.COLUMNS_SETTING)
              + ")");
    }
    return (int) column - 1;
  }

  private static boolean isLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  /** Carries a failure of the row handler through POI's parser untouched. */
  private static final class HandlerFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HandlerFailure(RuntimeException cause) {
      super(cause);
    }

    @Override
    public synchronized RuntimeException getCause() {
      return (RuntimeException) super.getCause();
    }
  }
}
