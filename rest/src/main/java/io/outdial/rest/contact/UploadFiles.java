package io.outdial.rest.contact;

import io.outdial.rest.limits.Sizes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where uploaded files wait for their job: a folder of this server's ({@code OUTDIAL_UPLOAD_DIR},
 * {@code uploads} in the Liberty server's output folder by default), each file written with a byte
 * limit ({@code OUTDIAL_UPLOAD_MAX_BYTES}, 50 MB by default). A job deletes its file when it ends;
 * what a killed server left there is deleted at the next start, when no job of this server can be
 * running (the jobs themselves are then reported failed by {@link ContactUploads}).
 */
@ApplicationScoped
public class UploadFiles {
  private static final Logger LOG = Logger.getLogger(UploadFiles.class.getName());
  private static final String PREFIX = "outdial-upload-";

  /**
   * The folder; without a setting, one of this process's own under the system's temporary folder.
   */
  @Inject
  @ConfigProperty(name = "outdial.upload.dir")
  Optional<String> folderSetting;

  private volatile Path folder;

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

  /** Prepares the folder and deletes the files a killed server left in it. */
  void start(@Observes @Initialized(ApplicationScoped.class) Object event) throws IOException {
    Path chosen =
        (folderSetting == null ? Optional.<String>empty() : folderSetting)
            .map(String::strip)
            .filter(f -> !f.isEmpty())
            .map(Path::of)
            .orElseGet(UploadFiles::processFolder);
    Files.createDirectories(chosen);
    int deleted = 0;
    try (DirectoryStream<Path> left = Files.newDirectoryStream(chosen, PREFIX + "*")) {
      for (Path file : left) {
        if (Files.deleteIfExists(file)) {
          deleted++;
        }
      }
    }
    if (deleted > 0) {
      LOG.info("Deleted " + deleted + " upload file(s) left by a server that stopped mid-upload");
    }
    folder = chosen;
  }

  /** A folder nobody else uses, should no folder be configured. */
  private static Path processFolder() {
    try {
      return Files.createTempDirectory("outdial-uploads-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A new empty file in the folder, for an upload, what a job spools from it, or a request body
   * held while its {@code Idempotency-Key} is checked; deleted at the next start if left behind.
   */
  public Path newFile(String suffix) throws IOException {
    Path current = folder;
    if (current == null) {
      start(null); // used before the application finished starting (unit tests)
      current = folder;
    }
    return Files.createTempFile(current, PREFIX, suffix);
  }

  /** Copies the upload into a new file, refusing it (413) past the limit. */
  Path spool(InputStream content) throws IOException {
    Path file = newFile(".part");
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
