package dev.railyard.api.security;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes files only their owner may read, replacing them atomically. */
final class PrivateFiles {

  private PrivateFiles() {}

  /**
   * Writes {@code bytes} to a temporary file next to {@code file} (mode 0600 where the file system
   * has POSIX permissions), then moves it over {@code file} in one step.
   */
  static void write(Path file, byte[] bytes) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp;
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      temp =
          Files.createTempFile(
              dir,
              file.getFileName() + ".",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      temp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp");
    }
    try {
      Files.write(temp, bytes);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
