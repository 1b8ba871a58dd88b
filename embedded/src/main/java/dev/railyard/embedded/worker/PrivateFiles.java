package dev.railyard.embedded.worker;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;

/**
 * Properties files that may hold secrets (a worker's config of a secured cluster, the Kafka client
 * settings file): readable and writable by their owner only (0600 where the file system has POSIX
 * permissions), written to a new file that replaces the old one at once, so no reader ever sees
 * them half written or with wider permissions. Stateless.
 */
public final class PrivateFiles {

  private PrivateFiles() {}

  /**
   * Writes {@code props} to {@code file}, replacing it.
   *
   * @param comment the header line of the file
   */
  public static void writeProperties(Path file, Map<String, String> props, String comment)
      throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp", ownerOnly());
    try {
      Properties p = new Properties();
      p.putAll(props);
      try (Writer w = Files.newBufferedWriter(tmp)) {
        p.store(w, comment);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static FileAttribute<?>[] ownerOnly() {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
    };
  }
}
