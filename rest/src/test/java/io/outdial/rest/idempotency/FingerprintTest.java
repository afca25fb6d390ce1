package io.outdial.rest.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintTest {
  private static final String UPLOAD = "/api/v1/campaigns/camp_1/contacts";
  private static final byte[] CSV =
      "phone,first_name\r\n+15559876543,Ann\r\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path folder;

  private byte[] bytes(String method, String path, String type, byte[] body) throws IOException {
    HeldBody held =
        HeldBody.read(new ByteArrayInputStream(body), () -> Files.createTempFile(folder, "b", ""));
    return Fingerprint.ofBytes(method, path, type, held);
  }

  private static FormPart part(String name, String fileName, byte[] content) {
    return new FormPart(name, fileName, () -> new ByteArrayInputStream(content));
  }

  private static byte[] form(String contentType, FormPart... parts) throws IOException {
    return Fingerprint.ofParts("POST", UPLOAD, contentType, List.of(parts));
  }

  @Test
  void theSameFileUnderAnotherBoundaryIsTheSameRequest() throws IOException {
    byte[] curl =
        form(
            "multipart/form-data; boundary=------------------------a1b2c3",
            part("file", "c.csv", CSV));
    byte[] browser =
        form(
            "Multipart/Form-Data; boundary=\"----WebKitFormBoundaryXyZ\"",
            part("file", "c.csv", CSV.clone()));

    assertThat(browser).isEqualTo(curl);
  }

  @Test
  void anotherFileContentFileNameFieldOrPartIsAnotherRequest() throws IOException {
    String type = "multipart/form-data; boundary=b";
    byte[] first = form(type, part("file", "c.csv", CSV));
    byte[] changed = CSV.clone();
    changed[changed.length - 3] = 'x';

    assertThat(form(type, part("file", "c.csv", changed))).isNotEqualTo(first);
    assertThat(form(type, part("file", "d.csv", CSV))).isNotEqualTo(first);
    assertThat(form(type, part("file", null, CSV))).isNotEqualTo(first);
    assertThat(form(type, part("upload", "c.csv", CSV))).isNotEqualTo(first);
    assertThat(form(type, part("file", "c.csv", CSV), part("note", null, new byte[0])))
        .isNotEqualTo(first);
    assertThat(
            Fingerprint.ofParts("POST", UPLOAD + "/x", type, List.of(part("file", "c.csv", CSV))))
        .isNotEqualTo(first);
  }

  @Test
  void partsCountWhereOneEndsAndTheNextBegins() throws IOException {
    String type = "multipart/form-data; boundary=b";
    byte[] ab = "ab".getBytes(StandardCharsets.UTF_8);
    byte[] a = "a".getBytes(StandardCharsets.UTF_8);

    assertThat(form(type, part("x", null, ab), part("y", null, new byte[0])))
        .isNotEqualTo(
            form(type, part("x", null, a), part("y", null, "b".getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void aLargePartIsReadAsAStreamAndCountsWhole() throws IOException {
    byte[] big = new byte[3 * 64 * 1024 + 5];
    new Random(3).nextBytes(big);
    byte[] tail = big.clone();
    tail[tail.length - 1] ^= 1;
    String type = "multipart/form-data; boundary=b";

    assertThat(form(type, part("file", "big.csv", big)))
        .isEqualTo(form(type, part("file", "big.csv", big.clone())));
    assertThat(form(type, part("file", "big.csv", tail)))
        .isNotEqualTo(form(type, part("file", "big.csv", big)));
  }

  @Test
  void otherBodiesCountByTheirBytesMethodPathAndMediaType() throws IOException {
    byte[] json = "{\"name\":\"Q1\"}".getBytes(StandardCharsets.UTF_8);
    byte[] first = bytes("POST", "/api/v1/campaigns", "application/json", json);

    assertThat(bytes("POST", "/api/v1/campaigns", "application/json; charset=UTF-8", json))
        .isEqualTo(first);
    assertThat(
            bytes(
                "POST",
                "/api/v1/campaigns",
                "application/json",
                "{\"name\":\"Q2\"}".getBytes(StandardCharsets.UTF_8)))
        .isNotEqualTo(first);
    assertThat(bytes("PUT", "/api/v1/campaigns", "application/json", json)).isNotEqualTo(first);
    assertThat(bytes("POST", "/api/v1/other", "application/json", json)).isNotEqualTo(first);
    assertThat(bytes("POST", "/api/v1/campaigns", "text/plain", json)).isNotEqualTo(first);
    assertThat(bytes("POST", "/api/v1/campaigns", null, new byte[0]))
        .isNotEqualTo(bytes("POST", "/api/v1/campaigns", null, json));
  }

  @Test
  void onlyFormDataIsReadByItsParts() {
    assertThat(Fingerprint.isForm("multipart/form-data; boundary=x")).isTrue();
    assertThat(Fingerprint.isForm(" Multipart/Form-Data ; boundary=x")).isTrue();
    assertThat(Fingerprint.isForm("multipart/mixed; boundary=x")).isFalse();
    assertThat(Fingerprint.isForm("application/json")).isFalse();
    assertThat(Fingerprint.isForm(null)).isFalse();
  }
}
