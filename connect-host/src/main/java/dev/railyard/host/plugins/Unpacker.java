package dev.railyard.host.plugins;

import dev.railyard.host.plugins.PluginException.Code;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/** Turns an uploaded archive into a plugin folder: the jar as is, or a ZIP or TGZ unpacked. */
final class Unpacker {

  private Unpacker() {}

  /**
   * Unpacks into {@code target} (which must not exist) and returns the plugin's root: the target,
   * or the archive's single top-level folder.
   */
  static Path unpack(ArchiveType type, Path archive, Path target, String name, long maxBytes)
      throws IOException {
    Files.createDirectory(target);
    switch (type) {
      case JAR -> {
        checkJar(archive, "the uploaded jar");
        Files.move(archive, target.resolve(name + ".jar"));
        return target;
      }
      case ZIP -> ZipUnpacker.unpack(archive, new EntryWriter(target, maxBytes));
      case TGZ -> TarUnpacker.unpack(archive, new EntryWriter(target, maxBytes));
      default -> throw new IllegalArgumentException("unknown archive type " + type);
    }
    checkInnerJars(target);
    return singleTopFolder(target);
  }

  private static void checkInnerJars(Path root) throws IOException {
    List<Path> jars;
    try (Stream<Path> files = Files.walk(root)) {
      jars =
          files
              .filter(p -> p.getFileName().toString().endsWith(".jar"))
              .filter(Files::isRegularFile)
              .toList();
    }
    for (Path jar : jars) {
      checkJar(jar, "archive entry '" + root.relativize(jar) + "'");
    }
  }

  static void checkJar(Path jar, String what) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      zip.size();
    } catch (ZipException e) {
      throw PluginException.of(
          Code.CORRUPT_ARCHIVE,
          "%s is not a readable jar (%s); upload the complete file",
          what,
          e.getMessage());
    }
  }

  private static Path singleTopFolder(Path root) throws IOException {
    List<Path> children;
    try (Stream<Path> list = Files.list(root)) {
      children = list.toList();
    }
    if (children.size() == 1 && Files.isDirectory(children.get(0))) {
      return children.get(0);
    }
    return root;
  }
}
