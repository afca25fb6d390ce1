package io.outdial.rest.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.BadRequestException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.util.XMLHelper;
import org.junit.jupiter.api.Test;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The markup count, fed in reads of every size from one byte to the whole document, so that each
 * piece of markup, its opening and its end ({@code -->}, {@code ]]>}, {@code ?>}, a quote) are
 * split across reads somewhere.
 */
class XmlMarkupLimitTest {
  /**
   * Checks that {@code markup}, the longest piece of markup of {@code xml}, is read at a bound of
   * its length and refused as a {@code kind} at one byte less.
   */
  private static void assertBound(String xml, String markup, String kind) throws IOException {
    assertThat(xml).contains(markup);
    int length = markup.getBytes(StandardCharsets.UTF_8).length;
    assertRead(xml, length);
    assertRefused(xml, length - 1, kind);
  }

  private static void assertRead(String xml, long maxBytes) throws IOException {
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    for (int chunk = 1; chunk <= bytes.length; chunk++) {
      assertThat(readAll(bytes, maxBytes, chunk)).as("reads of %d bytes", chunk).isEqualTo(bytes);
    }
    assertThat(readByBytes(bytes, maxBytes)).isEqualTo(bytes);
  }

  private static void assertRefused(String xml, long maxBytes, String kind) {
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    String message =
        "A "
            + kind
            + " in the XML of the test is longer than "
            + maxBytes
            + " bytes (OUTDIAL_UPLOAD_MAX_RECORD_CHARS)";
    for (int chunk = 1; chunk <= bytes.length; chunk++) {
      int size = chunk;
      assertThatThrownBy(() -> readAll(bytes, maxBytes, size))
          .as("reads of %d bytes", chunk)
          .isInstanceOf(BadRequestException.class)
          .hasMessage(message);
    }
    assertThatThrownBy(() -> readByBytes(bytes, maxBytes))
        .isInstanceOf(BadRequestException.class)
        .hasMessage(message);
  }

  /** Everything read through the limit, from a source that gives at most {@code chunk} a read. */
  private static byte[] readAll(byte[] bytes, long maxBytes, int chunk) throws IOException {
    InputStream source =
        new ByteArrayInputStream(bytes) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, chunk));
          }
        };
    try (InputStream in = new XmlMarkupLimit(source, maxBytes, "the test")) {
      return in.readAllBytes();
    }
  }

  private static byte[] readByBytes(byte[] bytes, long maxBytes) throws IOException {
    try (InputStream in =
        new XmlMarkupLimit(new ByteArrayInputStream(bytes), maxBytes, "the test")) {
      List<Byte> read = new ArrayList<>();
      for (int c = in.read(); c >= 0; c = in.read()) {
        read.add((byte) c);
      }
      byte[] out = new byte[read.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = read.get(i);
      }
      return out;
    }
  }

  @Test
  void aTagEndsAtTheFirstGreaterThanOutsideItsQuotedValues() throws IOException {
    String tag = "<c r=\"A1\" note='x>y' t=\"it's > 2\" s=\"\" u=''>";
    assertBound("<row>" + tag + "<v>1</v></c></row>", tag, "tag");
  }

  @Test
  void aGreaterThanInsideAQuotedValueDoesNotEndTheTag() {
    // ended at that '>', the tag would be two pieces of 40 bytes or so
    String xml = "<c note=\"" + "a".repeat(30) + ">" + "b".repeat(30) + "\"/>";
    assertRefused(xml, 60, "tag");
  }

  @Test
  void aQuoteOfTheOtherKindInsideAValueOpensNothing() throws IOException {
    // read as opening a value, the apostrophe would carry the count on past the tag's end
    assertRead("<c note=\"it's\">" + "x".repeat(200) + "<v>1</v></c>", 16);
  }

  @Test
  void textBetweenTagsIsNotCounted() throws IOException {
    assertRead("<v>" + "1".repeat(500) + "</v><v>" + "2".repeat(500) + "</v>", 5);
  }

  @Test
  void eachPieceOfMarkupIsCountedOnItsOwn() throws IOException {
    assertRead("<row r=\"1\">" + "<c r=\"A1\"/>".repeat(100) + "</row>", 11);
  }

  @Test
  void aCommentEndsAtItsDoubleDashAndGreaterThan() throws IOException {
    String comment = "<!-- a > b - c -- > d --- e -->";
    assertBound("<a>" + comment + "x</a>", comment, "comment");
  }

  @Test
  void theDashesOfTheOpeningDoNotEndAComment() throws IOException {
    String comment = "<!-->" + "y".repeat(40) + "-->";
    assertBound("<a>" + comment + "</a>", comment, "comment");
    String another = "<!--->" + "y".repeat(40) + "-->";
    assertBound("<a>" + another + "</a>", another, "comment");
  }

  @Test
  void aCdataSectionEndsAtItsBrackets() throws IOException {
    String cdata = "<![CDATA[a > b ] c ]] > d ]>]]>";
    assertBound("<v>" + cdata + "</v>", cdata, "CDATA section");
  }

  @Test
  void aProcessingInstructionEndsAtQuestionMarkAndGreaterThan() throws IOException {
    String instruction = "<?pad a > b ? > c=\"?\" ?>";
    assertBound("<a>" + instruction + "</a>", instruction, "processing instruction");
    String declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";
    assertBound(declaration + "\n<a/>", declaration, "processing instruction");
  }

  @Test
  void anyOtherDeclarationEndsAtTheFirstGreaterThan() throws IOException {
    assertBound("<!DOCTYPE worksheet><a/>", "<!DOCTYPE worksheet>", "declaration");
    // almost a comment, almost a CDATA section
    assertBound("<a><!-x>" + "z".repeat(20) + "-->", "<!-x>", "declaration");
    assertBound("<a><![CDATX>" + "z".repeat(20) + "]]>", "<![CDATX>", "declaration");
  }

  @Test
  void aMarkupCutShortByTheEndOfTheDocumentIsCountedToo() {
    assertRefused("<a><b note=\"" + "q".repeat(100), 100, "tag");
    assertRefused("<a><!--" + "q".repeat(100), 100, "comment");
  }

  @Test
  void skippedBytesAreCounted() throws IOException {
    byte[] bytes = ("<a note=\"" + "k".repeat(100) + "\"/>").getBytes(StandardCharsets.UTF_8);
    try (InputStream in = new XmlMarkupLimit(new ByteArrayInputStream(bytes), 50, "the test")) {
      assertThat(in.skip(40)).isEqualTo(40);
      assertThatThrownBy(() -> in.skip(40))
          .isInstanceOf(BadRequestException.class)
          .hasMessageStartingWith("A tag in the XML of the test");
    }
  }

  @Test
  void aPartInUtf16IsRefusedAndAUtf8ByteOrderMarkIsRead() throws IOException {
    byte[] utf16 = "\ufeff<a/>".getBytes(StandardCharsets.UTF_16LE);
    assertThatThrownBy(() -> readAll(utf16, 100, 3))
        .isInstanceOf(BadRequestException.class)
        .hasMessage("The XML of the test is not UTF-8: workbooks are read in UTF-8 only");
    byte[] noMark = "<a/>".getBytes(StandardCharsets.UTF_16BE);
    assertThatThrownBy(() -> readAll(noMark, 100, 1)).isInstanceOf(BadRequestException.class);
    byte[] utf8 = "\ufeff<a/>".getBytes(StandardCharsets.UTF_8);
    assertThat(readAll(utf8, 100, 1)).isEqualTo(utf8);
  }

  @Test
  void theParserReadsThePartAsUtf8WhateverItsDeclarationSays() throws Exception {
    // read as ISO-8859-1, the two bytes of é would be two characters the count never saw as such
    byte[] xml =
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a b=\"\u00e9\"/>"
            .getBytes(StandardCharsets.UTF_8);
    List<String> values = new ArrayList<>();
    XMLReader parser = XMLHelper.newXMLReader();
    parser.setContentHandler(
        new DefaultHandler() {
          @Override
          public void startElement(String uri, String local, String name, Attributes attributes) {
            values.add(attributes.getValue("b"));
          }
        });
    parser.parse(XmlMarkupLimit.source(new ByteArrayInputStream(xml), 100, "the test"));
    assertThat(values).containsExactly("\u00e9");
  }

  @Test
  void theRefusalComesOutOfTheParserAsItIs() throws Exception {
    XMLReader parser = XMLHelper.newXMLReader();
    InputSource source =
        XmlMarkupLimit.source(
            new ByteArrayInputStream(
                ("<a b=\"" + "x".repeat(10_000) + "\"/>").getBytes(StandardCharsets.UTF_8)),
            1_000,
            "the test");
    assertThatThrownBy(() -> parser.parse(source))
        .isInstanceOf(BadRequestException.class)
        .hasMessage(
            "A tag in the XML of the test is longer than 1000 bytes"
                + " (OUTDIAL_UPLOAD_MAX_RECORD_CHARS)");
  }

  @Test
  void aLongDocumentOfShortMarkupPasses() throws IOException {
    byte[] row =
        "<row r=\"7\"><c r=\"A7\" t=\"s\"><v>12</v></c><c r=\"B7\"><v>3.5</v></c></row>\n"
            .getBytes(StandardCharsets.UTF_8);
    long rows = 20_000;
    InputStream sheet =
        new InputStream() {
          long position;

          @Override
          public int read() {
            return position < rows * row.length ? row[(int) (position++ % row.length)] : -1;
          }
        };
    try (InputStream in = new XmlMarkupLimit(sheet, 30, "the test")) {
      assertThat(in.transferTo(OutputStream.nullOutputStream())).isEqualTo(rows * row.length);
    }
  }
}
