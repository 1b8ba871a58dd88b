package dev.railyard.embedded.worker;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The class path of the worker JVMs: only the Connect runtime, the router plugins, Railyard's
 * built-in connectors and logging, never the control plane's libraries.
 *
 * <p>In the distribution these jars are in {@code worker/lib/} beside the control plane's {@code
 * lib/} (both made by {@code mvn package} of connect-host). The system property {@value #PROPERTY}
 * replaces that, for integration tests that add their test plugins; an entry ending in {@code *}
 * stands for the jars of that folder, as in {@code java -cp}. Where there is neither (running from
 * a build's class folders), workers get this JVM's class path.
 */
public final class WorkerClasspath {

  /** The system property that, when set, is the workers' class path. */
  public static final String PROPERTY = "railyard.worker.classpath";

  /** The folder of the worker jars, relative to the distribution's root. */
  public static final Path DISTRIBUTION_DIR = Path.of("worker", "lib");

  private WorkerClasspath() {}

  /** The workers' class path entries, in order. */
  public static List<Path> current() {
    String override = System.getProperty(PROPERTY);
    if (override != null && !override.isBlank()) {
      return expand(override);
    }
    return distributionDir(codeLocation())
        .map(dir -> expand(dir.resolve("*").toString()))
        .orElseGet(() -> expand(System.getProperty("java.class.path")));
  }

  /**
   * The worker jars' folder of the distribution whose {@code lib/} holds {@code jar}, if it has
   * one.
   */
  static Optional<Path> distributionDir(Path jar) {
    Path lib = jar == null ? null : jar.toAbsolutePath().getParent();
    if (lib == null || lib.getParent() == null || !lib.getFileName().toString().equals("lib")) {
      return Optional.empty();
    }
    Path dir = lib.getParent().resolve(DISTRIBUTION_DIR);
    return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
  }

  /**
   * Splits a class path and replaces each {@code folder/*} entry with that folder's jars, sorted by
   * name.
   */
  static List<Path> expand(String classpath) {
    List<Path> entries = new ArrayList<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      if (entry.equals("*") || entry.endsWith(File.separator + "*")) {
        entries.addAll(jarsIn(Path.of(entry).getParent()));
      } else {
        entries.add(Path.of(entry));
      }
    }
    return List.copyOf(entries);
  }

  /** The class path as one {@code java -cp} value. */
  static String join(List<Path> entries) {
    return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
  }

  private static List<Path> jarsIn(Path dir) {
    Path folder = dir == null ? Path.of("") : dir;
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the worker jars in " + folder, e);
    }
  }

  private static Path codeLocation() {
    CodeSource source = WorkerClasspath.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return null;
    }
    try {
      return Path.of(source.getLocation().toURI());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }
}
