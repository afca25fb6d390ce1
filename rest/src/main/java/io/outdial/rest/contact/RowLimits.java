package io.outdial.rest.contact;

/**
 * The bounds of one row that the readers of uploads ({@link CsvRows}) apply while they read, before
 * a row is held in memory.
 *
 * @param maxRecordChars characters of one CSV record (a quoted field's line breaks included)
 * @param maxColumns columns of a CSV header
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
}
