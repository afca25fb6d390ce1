package io.outdial.rest.contact;

import jakarta.ws.rs.BadRequestException;
import java.util.Set;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;

/**
 * Stands between the XML parser and POI's sheet reader and refuses a text of a sheet longer than
 * {@link RowLimits#maxRecordChars} before POI has gathered it: POI appends the text of a cell's
 * value ({@code <v>}), inline string ({@code <is>}, its {@code <t>} runs joined), formula ({@code
 * <f>}) and of the sheet's headers and footers to buffers of its own without any bound, so that a
 * small compressed workbook could hold a cell of a gigabyte.
 *
 * <p>The count does not depend on how POI keeps its buffers: it runs over every character from the
 * start of the last element that began outside a text element and outside an inline string. So that
 * this bounds POI's buffers, which grow only inside such elements, text elements must be leaves and
 * an inline string may not hold a cell, a row, a value or another inline string (a workbook written
 * by a spreadsheet program never does): anything else is refused as malformed.
 */
final class SheetTextLimit implements ContentHandler {
  /** Elements whose text POI gathers; they hold text only. */
  private static final Set<String> TEXTS =
      Set.of(
          "v",
          "t",
          "f",
          "inlineStr",
          "oddHeader",
          "evenHeader",
          "firstHeader",
          "oddFooter",
          "evenFooter",
          "firstFooter");

  /** Elements that may not appear inside an inline string, besides the texts other than t. */
  private static final Set<String> NOT_IN_INLINE_STRING = Set.of("c", "row", "is", "sheetData");

  private final ContentHandler next;
  private final int maxChars;

  private int depth;
  private int textDepth = -1;
  private int inlineStringDepth = -1;
  private int cellDepth = -1;
  private String cell;
  private long chars;

  SheetTextLimit(ContentHandler next, RowLimits limits) {
    this.next = next;
    this.maxChars = limits.maxRecordChars();
  }

  @Override
  public void startElement(String uri, String localName, String qName, Attributes attributes)
      throws SAXException {
    String name = name(localName, qName);
    if (textDepth >= 0) {
      throw malformed("an element inside its text");
    }
    if (inlineStringDepth >= 0
        && !name.equals("t")
        && (NOT_IN_INLINE_STRING.contains(name) || TEXTS.contains(name))) {
      throw malformed("a <" + name + "> inside its inline string");
    }
    depth++;
    if (inlineStringDepth < 0) {
      chars = 0; // nothing is being gathered here: a new text starts
    }
    if (TEXTS.contains(name)) {
      textDepth = depth;
    } else if (name.equals("is")) {
      inlineStringDepth = depth;
    }
    if (name.equals("c") && cellDepth < 0) {
      cellDepth = depth;
      cell = attributes.getValue("r");
    }
    next.startElement(uri, localName, qName, attributes);
  }

  @Override
  public void endElement(String uri, String localName, String qName) throws SAXException {
    next.endElement(uri, localName, qName);
    if (depth == textDepth) {
      textDepth = -1;
    }
    if (depth == inlineStringDepth) {
      inlineStringDepth = -1;
    }
    if (depth == cellDepth) {
      cellDepth = -1;
      cell = null;
    }
    depth--;
  }

  @Override
  public void characters(char[] ch, int start, int length) throws SAXException {
    chars += length;
    if (chars > maxChars) {
      String tooMany = "more than " + maxChars + " characters";
      throw new BadRequestException(
          (cellDepth >= 0
                  ? where() + " holds " + tooMany
                  : "The sheet holds a text of " + tooMany + " outside its cells")
              + " ("
              + RowLimits.RECORD_CHARS_SETTING
              + ")");
    }
    next.characters(ch, start, length);
  }

  private BadRequestException malformed(String what) {
    return new BadRequestException(
        (cellDepth >= 0 ? where() : "The sheet") + " is malformed: " + what);
  }

  private String where() {
    return cell == null ? "A cell of the sheet" : "Cell " + shortened(cell) + " of the sheet";
  }

  static String shortened(String text) {
    return text.length() > 20 ? text.substring(0, 20) + "..." : text;
  }

  /** The element's name without its namespace prefix. */
  private static String name(String localName, String qName) {
    if (localName != null && !localName.isEmpty()) {
      return localName;
    }
    return qName.substring(qName.indexOf(':') + 1);
  }

  @Override
  public void setDocumentLocator(Locator locator) {
    next.setDocumentLocator(locator);
  }

  @Override
  public void startDocument() throws SAXException {
    next.startDocument();
  }

  @Override
  public void endDocument() throws SAXException {
    next.endDocument();
  }

  @Override
  public void startPrefixMapping(String prefix, String uri) throws SAXException {
    next.startPrefixMapping(prefix, uri);
  }

  @Override
  public void endPrefixMapping(String prefix) throws SAXException {
    next.endPrefixMapping(prefix);
  }

  @Override
  public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
    next.ignorableWhitespace(ch, start, length);
  }

  @Override
  public void processingInstruction(String target, String data) throws SAXException {
    next.processingInstruction(target, data);
  }

  @Override
  public void skippedEntity(String name) throws SAXException {
    next.skippedEntity(name);
  }
}
