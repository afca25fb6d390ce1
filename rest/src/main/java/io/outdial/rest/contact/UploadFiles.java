package io.outdial.rest.contact;

import io.outdial.rest.limits.Sizes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where uploaded files wait for their job: a private folder of temporary files, each written with a
 * byte limit ({@code OUTDIAL_UPLOAD_MAX_BYTES}, 50 MB by default).
 */
@ApplicationScoped
public class UploadFiles {
  @Inject
  @ConfigProperty(name = "outdial.upload.max-bytes", defaultValue = "52428800")
  long maxBytes;

  /** How long an upload request waits for its job before answering 202. */
  @Inject
  @ConfigProperty(name = "outdial.upload.sync-wait-ms", defaultValue = "3000")
  long syncWaitMillis;

  /** The largest upload, in bytes. */
  public long maxBytes() {
    return maxBytes;
  }

  Duration syncWait() {
    return Duration.ofMillis(syncWaitMillis);
  }

  /** The 413 detail of an upload over the limit. */
  public String tooLarge() {
    return "The upload is larger than " + Sizes.describe(maxBytes);
  }

  /** Copies the upload into a new temporary file, refusing it (413) past the limit. */
  Path spool(InputStream content) throws IOException {
    Path file = Files.createTempFile("outdial-upload-", ".part");
    try (InputStream in = content;
        OutputStream out = Files.newOutputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw new ClientErrorException(tooLarge(), Response.Status.REQUEST_ENTITY_TOO_LARGE);
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return file;
  }
}
