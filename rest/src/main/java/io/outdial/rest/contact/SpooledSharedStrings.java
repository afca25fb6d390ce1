package io.outdial.rest.contact;

import jakarta.ws.rs.BadRequestException;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.RichTextString;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.model.SharedStrings;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A workbook's shared strings (the text of its text cells, which spreadsheet programs store once in
 * {@code xl/sharedStrings.xml} and refer to by number) kept in two temporary files instead of the
 * heap: a sheet of a million rows has millions of distinct strings. The strings' UTF-8 bytes go one
 * after the other into one file and their start offsets into the other; both are then mapped, so a
 * look-up costs no system call and the heap holds nothing but the current cell. The text of an
 * entry is that of its {@code <t>} elements, phonetic runs ({@code <rPh>}) left out, as POI's own
 * read-only table does. An entry longer than the limit given is refused (400) as it is read, before
 * it is held whole, and so is a tag, comment or other piece of markup of more bytes than the limit
 * ({@link XmlMarkupLimit}).
 */
final class SpooledSharedStrings implements SharedStrings, Closeable {
  private final Path texts;
  private final Path offsets;
  private final int count;
  private final MappedByteBuffer textBytes;
  private final MappedByteBuffer offsetBytes;

  private SpooledSharedStrings(Path texts, Path offsets, int count) throws IOException {
    this.texts = texts;
    this.offsets = offsets;
    this.count = count;
    this.textBytes = map(texts);
    this.offsetBytes = map(offsets);
  }

  /**
   * Reads a workbook's shared strings part into temporary files.
   *
   * @param part the part's bytes, or null when the workbook has none
   * @param maxChars the characters one entry may have, and the bytes of one piece of its markup
   *     ({@link XmlMarkupLimit})
   * @throws SAXException when the part is not well-formed XML
   * @throws jakarta.ws.rs.BadRequestException when an entry or a piece of markup is longer than
   *     {@code maxChars}
   */
  static SpooledSharedStrings of(InputStream part, int maxChars) throws IOException, SAXException {
    Path texts = Files.createTempFile("outdial-strings-", ".bin");
    Path offsets = null;
    try {
      offsets = Files.createTempFile("outdial-strings-", ".idx");
      int count = 0;
      try (DataOutputStream textOut =
              new DataOutputStream(
                  new BufferedOutputStream(Files.newOutputStream(texts), 1 << 16));
          DataOutputStream offsetOut =
              new DataOutputStream(
                  new BufferedOutputStream(Files.newOutputStream(offsets), 1 << 16))) {
        if (part != null) {
          Collector collector = new Collector(textOut, offsetOut, maxChars);
          try {
            XMLReader parser = XMLHelper.newXMLReader();
            parser.setContentHandler(collector);
            parser.parse(XmlMarkupLimit.source(part, maxChars, "the workbook's shared strings"));
          } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IOException("No XML parser for the shared strings", e);
          }
          count = collector.count;
        }
      }
      if (Files.size(texts) > Integer.MAX_VALUE || Files.size(offsets) > Integer.MAX_VALUE) {
        throw new IOException("The workbook's shared strings are larger than 2 GB");
      }
      return new SpooledSharedStrings(texts, offsets, count);
    } catch (IOException | SAXException | RuntimeException e) {
      Files.deleteIfExists(texts);
      if (offsets != null) {
        Files.deleteIfExists(offsets);
      }
      throw e;
    }
  }

  private static MappedByteBuffer map(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
    }
  }

  /** The text of entry {@code index}. */
  String text(int index) {
    if (index < 0 || index >= count) {
      throw new IllegalArgumentException("No shared string " + index + " in the workbook");
    }
    int start = (int) offsetBytes.getLong(index * 8);
    int end = index + 1 < count ? (int) offsetBytes.getLong((index + 1) * 8) : textBytes.limit();
    byte[] bytes = new byte[end - start];
    textBytes.get(start, bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public RichTextString getItemAt(int index) {
    return new PlainText(text(index));
  }

  @Override
  public int getCount() {
    return count;
  }

  @Override
  public int getUniqueCount() {
    return count;
  }

  /** Deletes the files; the mappings go with the buffers' collection. */
  @Override
  public void close() throws IOException {
    Files.deleteIfExists(texts);
    Files.deleteIfExists(offsets);
  }

  /** Writes each {@code <si>}'s text and its start offset as it is parsed. */
  private static final class Collector extends DefaultHandler {
    private final DataOutputStream textOut;
    private final DataOutputStream offsetOut;
    private final int maxChars;
    private final StringBuilder text = new StringBuilder();
    private boolean inText;
    private boolean inPhonetic;
    private long written;
    int count;

    Collector(DataOutputStream textOut, DataOutputStream offsetOut, int maxChars) {
      this.textOut = textOut;
      this.offsetOut = offsetOut;
      this.maxChars = maxChars;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
      switch (name(localName, qName)) {
        case "si" -> text.setLength(0);
        case "t" -> inText = true;
        case "rPh" -> inPhonetic = true;
        default -> {}
      }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
      switch (name(localName, qName)) {
        case "si" -> store();
        case "t" -> inText = false;
        case "rPh" -> inPhonetic = false;
        default -> {}
      }
    }

    /** The element's name without its namespace prefix. */
    private static String name(String localName, String qName) {
      if (localName != null && !localName.isEmpty()) {
        return localName;
      }
      return qName.substring(qName.indexOf(':') + 1);
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      if (inText && !inPhonetic) {
        if (text.length() + (long) length > maxChars) {
          throw new BadRequestException(
              "Shared string "
                  + (count + 1L)
                  + " of the workbook (the text of its cells) holds more than "
                  + maxChars
                  + " characters ("
                  + RowLimits.RECORD_CHARS_SETTING
                  + ")");
        }
        text.append(ch, start, length);
      }
    }

    private void store() throws SAXException {
      try {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        offsetOut.writeLong(written);
        textOut.write(bytes);
        written += bytes.length;
        count++;
      } catch (IOException e) {
        throw new SAXException("Could not spool the shared strings", e);
      }
      if (count == Integer.MAX_VALUE) {
        throw new SAXException("Too many shared strings");
      }
    }
  }

  /** A cell's text without formatting: all the sheet reader asks of a shared string. */
  private record PlainText(String text) implements RichTextString {
    @Override
    public String getString() {
      return text;
    }

    @Override
    public String toString() {
      return text;
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public int numFormattingRuns() {
      return 0;
    }

    @Override
    public int getIndexOfFormattingRun(int index) {
      return 0;
    }

    @Override
    public void applyFont(int startIndex, int endIndex, short fontIndex) {
      throw new UnsupportedOperationException("read-only");
    }

    @Override
    public void applyFont(int startIndex, int endIndex, Font font) {
      throw new UnsupportedOperationException("read-only");
    }

    @Override
    public void applyFont(Font font) {
      throw new UnsupportedOperationException("read-only");
    }

    @Override
    public void clearFormatting() {
      throw new UnsupportedOperationException("read-only");
    }

    @Override
    public void applyFont(short fontIndex) {
      throw new UnsupportedOperationException("read-only");
    }
  }
}
