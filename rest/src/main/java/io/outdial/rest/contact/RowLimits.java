package io.outdial.rest.contact;

/**
 * The bounds of one row that the readers of uploads ({@link CsvRows}, {@link XlsxRows}, {@link
 * JsonRows}) apply while they read, before a row is held in memory.
 *
 * @param maxRecordChars characters of one CSV record (a quoted field's line breaks included), of
 *     one cell, one row or one shared string of a workbook, and of one JSON contact; also the bytes
 *     of one tag, comment, CDATA section or processing instruction in the XML of a workbook's sheet
 *     or shared strings ({@link XmlMarkupLimit})
 * @param maxColumns columns of a CSV header or a sheet (never more than Excel's 16 384), fields of
 *     a JSON contact
 */
record RowLimits(int maxRecordChars, int maxColumns) {
  static final String RECORD_CHARS_SETTING = "OUTDIAL_UPLOAD_MAX_RECORD_CHARS";
  static final String COLUMNS_SETTING = "OUTDIAL_UPLOAD_MAX_COLUMNS";

  /** The defaults of {@link UploadLimits}. */
  static final RowLimits DEFAULT = new RowLimits(1 << 20, 1_000);

  RowLimits {
    if (maxRecordChars < 1 || maxColumns < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /** The columns a sheet may use: {@link #maxColumns}, and never past Excel's last column. */
  int maxSheetColumns() {
    return Math.min(maxColumns, UploadLimits.EXCEL_COLUMNS);
  }

  /** How the record limit reads in an error: "more than 1048576 characters (SETTING)". */
  String tooManyChars() {
    return "more than " + maxRecordChars + " characters (" + RECORD_CHARS_SETTING + ")";
  }
}
