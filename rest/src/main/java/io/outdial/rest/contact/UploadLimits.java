package io.outdial.rest.contact;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How much one contact upload may hold, so that a caller with a valid API key cannot fill the heap
 * with one row: the rows of a JSON upload ({@code OUTDIAL_UPLOAD_MAX_JSON_ROWS}), the text of one
 * CSV record, one sheet row or cell, one shared string or one JSON contact ({@code
 * OUTDIAL_UPLOAD_MAX_RECORD_CHARS}), and the columns of a header or the fields of a JSON contact
 * ({@code OUTDIAL_UPLOAD_MAX_COLUMNS}), and the uncompressed bytes of a part of a workbook that is
 * read whole, such as its styles ({@code OUTDIAL_UPLOAD_MAX_WORKBOOK_PART_BYTES}). The bytes of an
 * upload are {@link UploadFiles}' business, the variables of one contact {@link
 * io.outdial.rest.campaign.ContactFields}'.
 */
@ApplicationScoped
public class UploadLimits {
  /** Columns a sheet can have at all: Excel's last column is XFD. */
  static final int EXCEL_COLUMNS = 16_384;

  @Inject
  @ConfigProperty(name = "outdial.upload.max-json-rows", defaultValue = "100000")
  int maxJsonRows;

  @Inject
  @ConfigProperty(name = "outdial.upload.max-record-chars", defaultValue = "1048576")
  int maxRecordChars;

  @Inject
  @ConfigProperty(name = "outdial.upload.max-columns", defaultValue = "1000")
  int maxColumns;

  @Inject
  @ConfigProperty(name = "outdial.upload.max-workbook-part-bytes", defaultValue = "16777216")
  long maxWorkbookPartBytes;

  /** Contacts one JSON upload may carry; larger lists belong in a file upload. */
  int maxJsonRows() {
    return Math.max(1, maxJsonRows);
  }

  /**
   * Uncompressed bytes of one part of a workbook other than its sheet and shared strings (which are
   * streamed): POI reads styles, themes, relationships and the like whole ({@link WorkbookParts}).
   */
  long maxWorkbookPartBytes() {
    return Math.max(1, maxWorkbookPartBytes);
  }

  /** The bounds the row readers apply. */
  RowLimits rows() {
    return new RowLimits(Math.max(1, maxRecordChars), Math.max(1, maxColumns));
  }
}
