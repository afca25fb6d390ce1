package io.outdial.rest.idempotency;

import java.io.IOException;
import java.io.InputStream;

/**
 * One part of a {@code multipart/form-data} request as the servlet container parsed it (and holds
 * it, on disk when large, for the resource to read too).
 *
 * @param name the form field
 * @param fileName the file name the client gave, or null
 */
record FormPart(String name, String fileName, Content content) {
  /** Opens the part's content from its first byte. */
  @FunctionalInterface
  interface Content {
    InputStream open() throws IOException;
  }
}
