package io.outdial.rest.contact;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * What an uploaded file is, judged by its first bytes (not by its name or declared type, which a
 * client controls): an Excel workbook ({@code .xlsx}, a ZIP) or CSV text. Anything else is 415.
 */
enum UploadFormat {
  CSV,
  XLSX;

  private static final byte[] ZIP = {0x50, 0x4b, 0x03, 0x04};
  private static final byte[] OLE2 = {(byte) 0xd0, (byte) 0xcf, 0x11, (byte) 0xe0};
  private static final int SNIFF = 8192;

  static UploadFormat detect(Path file, String fileName) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(SNIFF);
    }
    String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    if (startsWith(head, ZIP)) {
      return XLSX;
    }
    if (startsWith(head, OLE2)) {
      throw unsupported(
          "Excel 97-2003 workbooks (.xls) are not supported: save the sheet as .xlsx or CSV");
    }
    if (name.endsWith(".xlsx") || name.endsWith(".xls")) {
      throw unsupported("The file is named like a spreadsheet but is not an .xlsx workbook");
    }
    if (!isText(head)) {
      throw unsupported("The file is neither CSV text nor an .xlsx workbook");
    }
    return CSV;
  }

  private static boolean isText(byte[] head) {
    for (byte b : head) {
      if (b == 0) {
        return false;
      }
    }
    // a multi-byte character may be cut at the end of the sample: judge all but its last 3 bytes
    byte[] sample = head.length > 4 ? Arrays.copyOf(head, head.length - 3) : head;
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(head.length < SNIFF ? head : sample));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static boolean startsWith(byte[] data, byte[] prefix) {
    return data.length >= prefix.length
        && Arrays.equals(Arrays.copyOf(data, prefix.length), prefix);
  }

  private static ClientErrorException unsupported(String message) {
    return new ClientErrorException(message, Response.Status.UNSUPPORTED_MEDIA_TYPE);
  }
}
