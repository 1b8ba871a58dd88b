package dev.railyard.host.plugins;

import java.util.Locale;
import java.util.Optional;

/** The formats a plugin can be uploaded in. */
public enum ArchiveType {
  /** One jar file, installed as is. */
  JAR,
  /** A ZIP of jars, optionally inside one top-level folder. */
  ZIP,
  /** A gzip-compressed tar of jars ({@code .tgz} or {@code .tar.gz}), optionally in one folder. */
  TGZ;

  /**
   * The type an uploaded file's name says, by its extension ({@code .jar}, {@code .zip}, {@code
   * .tgz}, {@code .tar.gz}; any case).
   *
   * @param fileName the original file name; may be null
   * @return the type, or empty when the extension is none of those
   */
  public static Optional<ArchiveType> fromFileName(String fileName) {
    if (fileName == null) {
      return Optional.empty();
    }
    String lower = fileName.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".jar")) {
      return Optional.of(JAR);
    }
    if (lower.endsWith(".zip")) {
      return Optional.of(ZIP);
    }
    if (lower.endsWith(".tgz") || lower.endsWith(".tar.gz")) {
      return Optional.of(TGZ);
    }
    return Optional.empty();
  }
}
