package io.outdial.rest.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FingerprintTest {
  private static final String UPLOAD = "/api/v1/campaigns/camp_1/contacts";
  private static final byte[] CSV =
      "phone,first_name\r\n+15559876543,Ann\r\n+15559876544,Bob\r\n"
          .getBytes(StandardCharsets.UTF_8);

  @TempDir Path folder;

  private HeldBody held(byte[] body) throws IOException {
    return HeldBody.read(
        new ByteArrayInputStream(body), () -> Files.createTempFile(folder, "b", ""));
  }

  private byte[] fingerprint(String method, String path, String type, byte[] body)
      throws IOException {
    return Fingerprint.of(method, path, type, held(body));
  }

  /** A form with one file field as curl writes it, under this boundary. */
  private static byte[] form(String boundary, String fileName, byte[] content, String partType) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName
                + "\"\r\n"
                + (partType == null ? "" : "Content-Type: " + partType + "\r\n")
                + "\r\n")
            .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content);
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private byte[] upload(String boundary, byte[] body) throws IOException {
    return fingerprint("POST", UPLOAD, "multipart/form-data; boundary=" + boundary, body);
  }

  @Test
  void theSameFileUnderAnotherBoundaryIsTheSameRequest() throws IOException {
    byte[] curl =
        upload(
            "------------------------a1b2c3",
            form("------------------------a1b2c3", "c.csv", CSV, "text/csv"));
    byte[] python =
        upload("9f8e7d6c5b4a", form("9f8e7d6c5b4a", "c.csv", CSV, null)); // no part type
    byte[] browser =
        fingerprint(
            "POST",
            UPLOAD,
            "Multipart/Form-Data; boundary=\"----WebKitFormBoundaryXyZ\"",
            form("----WebKitFormBoundaryXyZ", "c.csv", CSV, "application/octet-stream"));

    assertThat(python).isEqualTo(curl);
    assertThat(browser).isEqualTo(curl);
  }

  @Test
  void anotherFileContentOrFileNameIsAnotherRequest() throws IOException {
    byte[] first = upload("b1", form("b1", "c.csv", CSV, null));
    byte[] changed = CSV.clone();
    changed[changed.length - 3] = 'c';

    assertThat(upload("b2", form("b2", "c.csv", changed, null))).isNotEqualTo(first);
    assertThat(upload("b2", form("b2", "d.csv", CSV, null))).isNotEqualTo(first);
    assertThat(
            fingerprint(
                "POST",
                UPLOAD + "/x",
                "multipart/form-data; boundary=b1",
                form("b1", "c.csv", CSV, null)))
        .isNotEqualTo(first);
  }

  @Test
  void contentThatAlmostHoldsTheDelimiterCountsWhole() throws IOException {
    byte[] tricky = "a\r\n--bound\r\n-\r\r\n--boun\r\n--x".getBytes(StandardCharsets.ISO_8859_1);
    byte[] other = "a\r\n--bound\r\n-\r\r\n--boun\r\n--y".getBytes(StandardCharsets.ISO_8859_1);

    byte[] first = upload("boundary", form("boundary", "c.csv", tricky, null));
    assertThat(upload("BOUNDARY2", form("BOUNDARY2", "c.csv", tricky, null))).isEqualTo(first);
    assertThat(upload("boundary", form("boundary", "c.csv", other, null))).isNotEqualTo(first);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 64, 100_000})
  void thePartsDigestDoesNotDependOnHowTheBodyArrives(int chunk) throws IOException {
    byte[] content = new byte[300_000];
    new Random(7).nextBytes(content);
    byte[] body = form("xyzzy", "big.csv", content, null);
    byte[] whole = MultipartDigest.of(new ByteArrayInputStream(body), "xyzzy").orElseThrow();

    Optional<byte[]> inPieces = MultipartDigest.of(trickle(body, chunk), "xyzzy");

    assertThat(inPieces).hasValueSatisfying(d -> assertThat(d).isEqualTo(whole));
  }

  @Test
  void preambleEpilogueAndPaddingDoNotCount() throws IOException {
    byte[] plain = form("b", "c.csv", CSV, null);
    ByteArrayOutputStream decorated = new ByteArrayOutputStream();
    decorated.writeBytes("This is a preamble.\r\n".getBytes(StandardCharsets.UTF_8));
    String head =
        "--b  \r\ncontent-disposition: form-data; filename=\"c.csv\"; name=file\r\nX-Other: 1\r\n\r\n";
    decorated.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    decorated.writeBytes(CSV);
    decorated.writeBytes("\r\n--b--\r\nepilogue".getBytes(StandardCharsets.UTF_8));

    assertThat(upload("b", decorated.toByteArray())).isEqualTo(upload("b", plain));
  }

  @Test
  void aBodyThatIsNotWellFormedMultipartCountsByItsBytes() throws IOException {
    byte[] unclosed =
        "--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(MultipartDigest.of(new ByteArrayInputStream(unclosed), "b")).isEmpty();
    assertThat(MultipartDigest.of(new ByteArrayInputStream(unclosed), null)).isEmpty();
    assertThat(upload("b", unclosed)).isEqualTo(upload("b", unclosed));
    byte[] unclosedElsewhere =
        "--c\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc"
            .getBytes(StandardCharsets.UTF_8);
    assertThat(upload("c", unclosedElsewhere)).isNotEqualTo(upload("b", unclosed));
  }

  @Test
  void otherBodiesCountByTheirBytesMethodPathAndMediaType() throws IOException {
    byte[] json = "{\"name\":\"Q1\"}".getBytes(StandardCharsets.UTF_8);
    byte[] first = fingerprint("POST", "/api/v1/campaigns", "application/json", json);

    assertThat(fingerprint("POST", "/api/v1/campaigns", "application/json; charset=UTF-8", json))
        .isEqualTo(first);
    assertThat(
            fingerprint(
                "POST",
                "/api/v1/campaigns",
                "application/json",
                "{\"name\":\"Q2\"}".getBytes(StandardCharsets.UTF_8)))
        .isNotEqualTo(first);
    assertThat(fingerprint("PUT", "/api/v1/campaigns", "application/json", json))
        .isNotEqualTo(first);
    assertThat(fingerprint("POST", "/api/v1/other", "application/json", json)).isNotEqualTo(first);
    assertThat(fingerprint("POST", "/api/v1/campaigns", "text/plain", json)).isNotEqualTo(first);
    assertThat(fingerprint("POST", "/api/v1/campaigns", null, new byte[0]))
        .isNotEqualTo(fingerprint("POST", "/api/v1/campaigns", null, json));
  }

  @Test
  void theBoundaryParameterIsFoundQuotedOrNot() {
    assertThat(Fingerprint.parameter("multipart/form-data; boundary=abc", "boundary"))
        .isEqualTo("abc");
    assertThat(Fingerprint.parameter("multipart/form-data;charset=x; BOUNDARY=\"a b\"", "boundary"))
        .isEqualTo("a b");
    assertThat(Fingerprint.parameter("multipart/form-data", "boundary")).isNull();
    assertThat(Fingerprint.mediaType(" Multipart/Form-Data ; boundary=x"))
        .isEqualTo("multipart/form-data");
  }

  /** {@code body}, at most {@code chunk} bytes per read. */
  private static InputStream trickle(byte[] body, int chunk) {
    return new FilterInputStream(new ByteArrayInputStream(body)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, chunk));
      }
    };
  }
}
