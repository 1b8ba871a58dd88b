package dev.railyard.host.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Reads the {@code META-INF/services} manifests of a plugin's jars and class folders as text. */
final class ServiceFiles {

  static final String PREFIX = "META-INF/services/";
  // a manifest lists class names; one in a jar of an archive was never inflated before
  private static final int MAX_BYTES = 1 << 20;

  private ServiceFiles() {}

  /** Per plugin type, the class names its manifests list. */
  static Map<PluginClass.Type, Set<String>> declared(List<Path> locations) throws IOException {
    Map<PluginClass.Type, Set<String>> declared = new EnumMap<>(PluginClass.Type.class);
    for (Path path : locations) {
      if (Files.isDirectory(path)) {
        readFolder(path, declared);
      } else if (Files.isRegularFile(path)) {
        readJar(path, declared);
      }
    }
    return declared;
  }

  private static void readJar(Path jar, Map<PluginClass.Type, Set<String>> declared)
      throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (PluginClass.Type type : PluginClass.Type.values()) {
        ZipEntry entry = zip.getEntry(PREFIX + type.serviceName());
        if (entry != null) {
          try (InputStream in = zip.getInputStream(entry)) {
            add(declared, type, new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8));
          }
        }
      }
    }
  }

  private static void readFolder(Path folder, Map<PluginClass.Type, Set<String>> declared)
      throws IOException {
    for (PluginClass.Type type : PluginClass.Type.values()) {
      Path file = folder.resolve(PREFIX + type.serviceName());
      if (Files.isRegularFile(file)) {
        add(declared, type, Files.readString(file));
      }
    }
  }

  private static void add(
      Map<PluginClass.Type, Set<String>> declared, PluginClass.Type type, String text) {
    for (String line : text.split("\\R")) {
      int comment = line.indexOf('#');
      String name = (comment >= 0 ? line.substring(0, comment) : line).trim();
      if (!name.isEmpty()) {
        declared.computeIfAbsent(type, t -> new HashSet<>()).add(name);
      }
    }
  }
}
