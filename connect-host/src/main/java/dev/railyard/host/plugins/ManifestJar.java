package dev.railyard.host.plugins;

import dev.railyard.host.plugins.PluginException.Code;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.SortedSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes the ServiceLoader manifests a plugin lacks into an extra jar in its folder, so {@code
 * plugin.discovery=service_load} finds every class without the user's jars being changed.
 */
final class ManifestJar {

  static final String FILE_NAME = "railyard-manifests.jar";

  private ManifestJar() {}

  /** Writes the jar when anything is missing; returns whether it did. */
  static boolean write(Path root, Map<PluginClass.Type, SortedSet<String>> missing)
      throws IOException {
    if (missing.isEmpty()) {
      return false;
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Created-By", "Railyard plugin store");
    Path file = root.resolve(FILE_NAME);
    try (OutputStream stream = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW);
        JarOutputStream jar = new JarOutputStream(stream, manifest)) {
      for (Map.Entry<PluginClass.Type, SortedSet<String>> e : missing.entrySet()) {
        jar.putNextEntry(new JarEntry(ServiceFiles.PREFIX + e.getKey().serviceName()));
        jar.write((String.join("\n", e.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
        jar.closeEntry();
      }
    } catch (FileAlreadyExistsException e) {
      throw PluginException.of(
          Code.CONFLICT,
          "the archive holds a file named '%s' at its top, a name Railyard reserves; rename it",
          FILE_NAME);
    }
    return true;
  }
}
