package io.outdial.rest.contact;

import java.util.Map;

/** Receives the rows of an uploaded file, one at a time, as header name to cell text. */
@FunctionalInterface
interface RowHandler {
  /**
   * @param row the row's number among the data rows (1 = the first row after the header)
   * @param fields the row's cells by header name
   * @param progress how much of the file has been read, 0-99
   */
  void row(long row, Map<String, String> fields, int progress);
}
