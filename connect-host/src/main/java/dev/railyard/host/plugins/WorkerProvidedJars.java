package dev.railyard.host.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Leaves out of an unpacked plugin the jars of what every worker has on its own class path: Kafka's
 * clients, the Connect API, runtime, JSON converter and transformations, and slf4j-api. A plugin
 * archive built for an older Kafka often bundles them (Camel Kafka Connector 0.11 ships
 * kafka-clients 2.8, connect-json 2.6 and slf4j-api 1.7). Most of their classes would never load
 * from the plugin, since Connect's plugin class loader takes Kafka's API classes from the worker,
 * but the rest would: Connect isolates config providers and the JSON converter, so the plugin would
 * offer a 2.8 {@code DirectoryConfigProvider} and a 2.6 {@code JsonConverter} next to the worker's
 * own. Without the jar the plugin gets the worker's classes, as a plugin built against {@code
 * provided} Kafka does. A jar is left out only when its file name is one of those artifacts and
 * every class in it is in {@code org.apache.kafka} or {@code org.slf4j}, so a vendor's jar of a
 * similar name stays.
 */
final class WorkerProvidedJars {

  private static final Pattern NAME =
      Pattern.compile(
          "(?:kafka-clients|connect-api|connect-json|connect-runtime|connect-transforms"
              + "|slf4j-api)-\\d[A-Za-z0-9._+-]*\\.jar");
  private static final Pattern VERSIONED_ENTRY = Pattern.compile("META-INF/versions/\\d+/");

  private WorkerProvidedJars() {}

  /**
   * Deletes those jars anywhere under {@code root}.
   *
   * @return their paths relative to {@code root}, sorted; empty when there were none
   */
  static List<String> remove(Path root) throws IOException {
    List<Path> jars;
    try (Stream<Path> files = Files.walk(root)) {
      jars =
          files
              .filter(Files::isRegularFile)
              .filter(p -> NAME.matcher(p.getFileName().toString()).matches())
              .sorted()
              .toList();
    }
    List<String> removed = new ArrayList<>();
    for (Path jar : jars) {
      if (onlyWorkerClasses(jar)) {
        Files.delete(jar);
        removed.add(root.relativize(jar).toString());
      }
    }
    return List.copyOf(removed);
  }

  private static boolean onlyWorkerClasses(Path jar) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
        String name = VERSIONED_ENTRY.matcher(entries.nextElement().getName()).replaceFirst("");
        if (name.endsWith(".class")
            && !name.endsWith("module-info.class")
            && !name.startsWith("org/apache/kafka/")
            && !name.startsWith("org/slf4j/")) {
          return false;
        }
      }
      return true;
    }
  }
}
