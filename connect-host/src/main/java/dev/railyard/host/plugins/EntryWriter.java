package dev.railyard.host.plugins;

import dev.railyard.host.plugins.PluginException.Code;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes archive entries under one folder, refusing any that would land outside it, and keeping
 * each file and the sum of all files within the size limit. Not thread-safe.
 */
final class EntryWriter {

  static final int MAX_ENTRIES = 100_000;

  private final Path root;
  private final long maxBytes;
  private long totalBytes;
  private int entries;

  EntryWriter(Path root, long maxBytes) {
    this.root = root.toAbsolutePath().normalize();
    this.maxBytes = maxBytes;
  }

  void directory(String entryName) throws IOException {
    Files.createDirectories(resolve(entryName, true));
  }

  /** Writes one regular file; {@code declaredSize} is checked before anything is written. */
  void file(String entryName, long declaredSize, InputStream content) throws IOException {
    Path target = resolve(entryName, false);
    if (declaredSize > maxBytes) {
      throw tooLarge(entryName, "declares " + declaredSize + " bytes");
    }
    Files.createDirectories(target.getParent());
    try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
      copy(entryName, content, out);
    } catch (FileAlreadyExistsException e) {
      throw PluginException.of(
          Code.CORRUPT_ARCHIVE,
          "archive entry '%s' appears twice; each path may occur once",
          entryName);
    }
  }

  private void copy(String entryName, InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long fileBytes = 0;
    int n;
    while ((n = in.read(buffer)) != -1) {
      fileBytes += n;
      totalBytes += n;
      if (fileBytes > maxBytes) {
        throw tooLarge(entryName, "is larger than that");
      }
      if (totalBytes > maxBytes) {
        throw PluginException.of(
            Code.TOO_LARGE,
            "the archive unpacks to more than the limit of %d bytes (reached at entry '%s')",
            maxBytes,
            entryName);
      }
      out.write(buffer, 0, n);
    }
  }

  private PluginException tooLarge(String entryName, String what) {
    return PluginException.of(
        Code.TOO_LARGE,
        "archive entry '%s' %s; each file and all files together must fit in %d bytes",
        entryName,
        what,
        maxBytes);
  }

  /**
   * The path an entry is written to, after refusing absolute, escaping and odd names. A directory
   * may be the root itself ({@code ./}, as {@code tar -C dir .} writes).
   */
  Path resolve(String entryName, boolean directory) {
    if (++entries > MAX_ENTRIES) {
      throw PluginException.of(Code.TOO_LARGE, "the archive has more than %d entries", MAX_ENTRIES);
    }
    String name = entryName.replace('\\', '/');
    if (name.isEmpty() || name.indexOf('\0') >= 0) {
      throw PluginException.of(
          Code.CORRUPT_ARCHIVE, "archive entry '%s' has an empty or invalid name", entryName);
    }
    if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
      throw slip(entryName, "is an absolute path");
    }
    for (String segment : name.split("/")) {
      if (segment.equals("..")) {
        throw slip(entryName, "contains '..'");
      }
    }
    Path target = root.resolve(name).normalize();
    if (!target.startsWith(root) || (target.equals(root) && !directory)) {
      throw slip(entryName, "resolves outside the plugin folder");
    }
    return target;
  }

  private static PluginException slip(String entryName, String why) {
    return PluginException.of(
        Code.ZIP_SLIP,
        "archive entry '%s' %s; entries must be relative paths inside the archive's folder,"
            + " like 'lib/connector.jar'",
        entryName,
        why);
  }
}
