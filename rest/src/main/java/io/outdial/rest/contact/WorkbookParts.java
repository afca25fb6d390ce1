package io.outdial.rest.contact;

import jakarta.ws.rs.BadRequestException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.poi.openxml4j.opc.internal.ZipHelper;
import org.apache.poi.openxml4j.util.ZipEntrySource;
import org.apache.poi.openxml4j.util.ZipFileZipEntrySource;

/**
 * The entries of an uploaded workbook as POI reads them, through its own zip guards ({@link
 * org.apache.poi.openxml4j.util.ZipSecureFile}: an entry over 2 GB or inflating more than 100 times
 * its size; too many entries are refused as the package opens), and with one more: every part that
 * POI reads for itself is refused past {@code maxBytes} inflated bytes. POI parses those parts
 * whole, into a DOM or XmlBeans objects ({@code [Content_Types].xml}, relationships, document
 * properties, styles, themes) or with a SAX parser that holds each attribute value whole (the
 * workbook's sheet list), so that a 2 GB styles part of a 20 MB upload would fill the heap. The two
 * parts that {@link XlsxRows} streams with its own limits, the sheet and the shared strings, are
 * opened through {@link #streamed} and are not held to this bound.
 *
 * <p>The bound follows what a part is read for, not its name: a workbook may put any part at any
 * path and give it any role through its content types and relationships. POI swallows some read
 * errors (a document properties part it cannot read is left out with a warning), so a refusal is
 * also kept here for {@link #throwIfRefused}: after POI opened the package, after the rows, and
 * when anything failed.
 */
final class WorkbookParts implements ZipEntrySource {
  static final String SETTING = "OUTDIAL_UPLOAD_MAX_WORKBOOK_PART_BYTES";

  private final ZipEntrySource entries;
  private final long maxBytes;
  private boolean streaming;
  private BadRequestException refused;

  private WorkbookParts(ZipEntrySource entries, long maxBytes) {
    this.entries = entries;
    this.maxBytes = maxBytes;
  }

  /**
   * Opens the workbook's zip as POI's own {@code OPCPackage.open(File)} does, without its fallback
   * to reading a zip whose central directory is broken entry by entry from the front, which keeps
   * every entry in memory.
   *
   * @throws IOException when the zip cannot be read (duplicate entry names among others)
   * @throws org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException when the file is no zip
   */
  static WorkbookParts open(Path file, long maxBytes) throws IOException {
    return new WorkbookParts(
        new ZipFileZipEntrySource(ZipHelper.openZipFile(file.toFile())), maxBytes);
  }

  /** Something that opens a part's stream. */
  @FunctionalInterface
  interface Opening<T> {
    T open() throws IOException;
  }

  /** Opens a part to be streamed with limits of the reader's own, past this bound. */
  <T> T streamed(Opening<T> opening) throws IOException {
    streaming = true;
    try {
      return opening.open();
    } finally {
      streaming = false;
    }
  }

  /** Throws the refusal of a part that POI read past the bound, if one was. */
  void throwIfRefused() {
    if (refused != null) {
      throw refused;
    }
  }

  @Override
  public Enumeration<? extends ZipArchiveEntry> getEntries() {
    return entries.getEntries();
  }

  @Override
  public ZipArchiveEntry getEntry(String path) {
    return entries.getEntry(path);
  }

  @Override
  public InputStream getInputStream(ZipArchiveEntry entry) throws IOException {
    InputStream in = entries.getInputStream(entry);
    return streaming ? in : new Bounded(in, entry.getName());
  }

  @Override
  public void close() throws IOException {
    entries.close();
  }

  @Override
  public boolean isClosed() {
    return entries.isClosed();
  }

  /** A part POI reads for itself: refused at its byte past the bound. */
  private final class Bounded extends FilterInputStream {
    private final String name;
    private long count;

    Bounded(InputStream in, String name) {
      super(in);
      this.name = name;
    }

    @Override
    public int read() throws IOException {
      int c = in.read();
      if (c >= 0) {
        counted(1);
      }
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        counted(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = in.skip(n);
      if (skipped > 0) {
        counted(skipped);
      }
      return skipped;
    }

    private void counted(long bytes) throws IOException {
      count += bytes;
      if (count > maxBytes) {
        if (refused == null) {
          refused =
              new BadRequestException(
                  "The workbook's part "
                      + shortened(name)
                      + " holds more than "
                      + maxBytes
                      + " bytes uncompressed ("
                      + SETTING
                      + ")");
        }
        // POI wraps or swallows what its parsers throw: the refusal above is what counts
        throw new IOException(refused.getMessage());
      }
    }
  }

  private static String shortened(String name) {
    return name.length() > 100 ? name.substring(0, 100) + "..." : name;
  }
}
