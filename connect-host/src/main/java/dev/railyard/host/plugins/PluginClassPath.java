package dev.railyard.host.plugins;

import dev.railyard.host.plugins.PluginException.Code;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.kafka.connect.runtime.isolation.PluginUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jars (or the class folder) of one plugin folder, the same ones a worker's plugin class loader
 * is given ({@link PluginUtils#pluginUrls}, which only lists files), read entry by entry as bytes.
 * Entries are read with limits, since a jar inside an archive was not inflated when it was
 * unpacked. Also what each jar says of its version without running anything: its manifest's {@code
 * Implementation-Version}, its Maven {@code pom.properties}, or its file name.
 */
final class PluginClassPath {

  private static final Logger log = LoggerFactory.getLogger(PluginClassPath.class);
  private static final long MAX_CLASS_BYTES = 16L << 20;
  private static final long MAX_TOTAL_BYTES = 2L << 30;
  private static final int MAX_TEXT_BYTES = 1 << 20;
  private static final Pattern POM_PROPERTIES =
      Pattern.compile("META-INF/maven/[^/]+/([^/]+)/pom\\.properties");
  private static final Pattern VERSIONED_FILE =
      Pattern.compile("(.+?)-(\\d[A-Za-z0-9._+-]*)\\.(?:jar|zip)");

  private final Path root;
  private final List<Path> locations;
  private final Map<Integer, Optional<String>> versions = new HashMap<>();
  private long totalBytes;

  private PluginClassPath(Path root, List<Path> locations) {
    this.root = root;
    this.locations = locations;
  }

  static PluginClassPath of(Path root) throws IOException {
    return new PluginClassPath(root, List.copyOf(PluginUtils.pluginUrls(root)));
  }

  /** The jars, zips or class folder, in class-path order. */
  List<Path> locations() {
    return locations;
  }

  /** The location a class was read from, relative to the plugin folder, for messages. */
  String describe(int location) {
    return location < 0 ? "Kafka" : root.relativize(locations.get(location)).toString();
  }

  /**
   * Reads every class file into {@code graph}. A class ASM cannot read (a newer class file format,
   * a damaged entry) is skipped, as a worker's scan skips a class it cannot load, and logged.
   *
   * @throws PluginException {@code TOO_LARGE} when the class files inflate past the limits
   */
  void readClasses(TypeGraph graph) throws IOException {
    List<String> unreadable = new ArrayList<>();
    for (int i = 0; i < locations.size(); i++) {
      Path location = locations.get(i);
      if (Files.isDirectory(location)) {
        readFolder(location, i, graph, unreadable);
      } else {
        readJar(location, i, graph, unreadable);
      }
    }
    if (!unreadable.isEmpty()) {
      log.warn(
          "Skipped {} class file(s) of plugin {} that could not be read, e.g. {}",
          unreadable.size(),
          root.getFileName(),
          unreadable.subList(0, Math.min(5, unreadable.size())));
    }
  }

  private void readJar(Path jar, int index, TypeGraph graph, List<String> unreadable)
      throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        String name = entry.getName();
        if (isClassFile(name)) {
          try (InputStream in = zip.getInputStream(entry)) {
            add(bytes(in, jar.getFileName() + "!/" + name), index, graph, unreadable, name);
          }
        }
      }
    }
  }

  private void readFolder(Path folder, int index, TypeGraph graph, List<String> unreadable)
      throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      String name = folder.relativize(file).toString().replace('\\', '/');
      if (isClassFile(name)) {
        try (InputStream in = Files.newInputStream(file)) {
          add(bytes(in, name), index, graph, unreadable, name);
        }
      }
    }
  }

  // multi-release variants and module descriptors are not plugin classes
  private static boolean isClassFile(String name) {
    return name.endsWith(".class")
        && !name.startsWith("META-INF/")
        && !name.endsWith("module-info.class");
  }

  private static void add(
      byte[] bytes, int index, TypeGraph graph, List<String> unreadable, String name) {
    try {
      graph.add(ClassFile.read(bytes, index));
    } catch (RuntimeException e) {
      unreadable.add(name + " (" + e + ")");
    }
  }

  private byte[] bytes(InputStream in, String what) throws IOException {
    byte[] bytes = in.readNBytes((int) MAX_CLASS_BYTES + 1);
    totalBytes += bytes.length;
    if (bytes.length > MAX_CLASS_BYTES || totalBytes > MAX_TOTAL_BYTES) {
      throw PluginException.of(
          Code.TOO_LARGE,
          "the class files of the plugin inflate past the scan's limits (%d bytes per class, %d"
              + " in all) at '%s'; is a jar in the archive a ZIP bomb?",
          MAX_CLASS_BYTES,
          MAX_TOTAL_BYTES,
          what);
    }
    return bytes;
  }

  /** What a jar says of its version without running anything; empty when it says nothing. */
  Optional<String> version(int location) throws IOException {
    if (location < 0) {
      return Optional.empty();
    }
    Optional<String> known = versions.get(location);
    if (known == null) {
      known = readVersion(locations.get(location));
      versions.put(location, known);
    }
    return known;
  }

  private static Optional<String> readVersion(Path location) throws IOException {
    if (Files.isDirectory(location)) {
      Path manifest = location.resolve("META-INF/MANIFEST.MF");
      if (!Files.isRegularFile(manifest)) {
        return Optional.empty();
      }
      try (InputStream in = Files.newInputStream(manifest)) {
        return manifestVersion(in.readNBytes(MAX_TEXT_BYTES));
      }
    }
    String fileName = location.getFileName().toString();
    Matcher named = VERSIONED_FILE.matcher(fileName);
    try (ZipFile zip = new ZipFile(location.toFile())) {
      ZipEntry manifest = zip.getEntry("META-INF/MANIFEST.MF");
      if (manifest != null) {
        try (InputStream in = zip.getInputStream(manifest)) {
          Optional<String> version = manifestVersion(in.readNBytes(MAX_TEXT_BYTES));
          if (version.isPresent()) {
            return version;
          }
        }
      }
      Optional<String> pom = pomVersion(zip, named.matches() ? named.group(1) : null);
      if (pom.isPresent()) {
        return pom;
      }
    }
    return named.matches() ? Optional.of(named.group(2)) : Optional.empty();
  }

  // a manifest Java cannot parse tells no version; the archive checks did not ask for one
  private static Optional<String> manifestVersion(byte[] bytes) {
    try {
      Manifest manifest = new Manifest(new ByteArrayInputStream(bytes));
      return defined(manifest.getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The version of the jar's only {@code pom.properties}, or of the one its file name names. */
  private static Optional<String> pomVersion(ZipFile zip, String artifactOfFileName)
      throws IOException {
    List<ZipEntry> poms = new ArrayList<>();
    ZipEntry named = null;
    Enumeration<? extends ZipEntry> entries = zip.entries();
    while (entries.hasMoreElements()) {
      ZipEntry entry = entries.nextElement();
      Matcher m = POM_PROPERTIES.matcher(entry.getName());
      if (m.matches()) {
        poms.add(entry);
        if (m.group(1).equals(artifactOfFileName)) {
          named = entry;
        }
      }
    }
    ZipEntry pom = named != null ? named : poms.size() == 1 ? poms.get(0) : null;
    if (pom == null) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (InputStream in = zip.getInputStream(pom)) {
      properties.load(new ByteArrayInputStream(in.readNBytes(MAX_TEXT_BYTES)));
    }
    return defined(properties.getProperty("version"));
  }

  private static Optional<String> defined(String version) {
    return version == null || version.isBlank() ? Optional.empty() : Optional.of(version.strip());
  }
}
