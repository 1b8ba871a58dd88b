package dev.railyard.host.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The type hierarchy of one plugin's classes, across all its jars, read from class files only. A
 * supertype the plugin does not hold is looked up by name among Kafka's own classes on the control
 * plane's class path, again as class-file bytes ({@link ClassLoader#getResourceAsStream}), never
 * loaded; any other supertype it does not hold (the JDK's, a missing dependency's) ends the walk
 * there with just its name. Not thread-safe: one per scan.
 */
final class TypeGraph {

  private static final String KAFKA = "org/apache/kafka/";

  private final Map<String, ClassFile> plugin = new HashMap<>();
  private final Map<String, Optional<ClassFile>> kafka = new HashMap<>();
  private final ClassLoader host;

  /**
   * @param host where Kafka's own class files are read from as resources
   */
  TypeGraph(ClassLoader host) {
    this.host = host;
  }

  /** Adds a plugin class; like a class path, the first jar holding a name wins. */
  void add(ClassFile file) {
    plugin.putIfAbsent(file.name(), file);
  }

  /** The plugin's own classes. */
  Iterable<ClassFile> pluginClasses() {
    return plugin.values();
  }

  /** A class of the plugin, else one of Kafka's; empty when neither has it. */
  Optional<ClassFile> find(String name) {
    ClassFile own = plugin.get(name);
    if (own != null) {
      return Optional.of(own);
    }
    if (!name.startsWith(KAFKA)) {
      return Optional.empty();
    }
    return kafka.computeIfAbsent(name, this::readKafka);
  }

  /** Every supertype of a class, transitively, itself included, as internal names. */
  Set<String> supertypes(String name) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    todo.add(name);
    while (!todo.isEmpty()) {
      String next = todo.poll();
      if (seen.add(next)) {
        find(next)
            .ifPresent(
                c -> {
                  if (c.superName() != null) {
                    todo.add(c.superName());
                  }
                  todo.addAll(c.interfaces());
                });
      }
    }
    return seen;
  }

  /**
   * The {@code version()} a class runs: its own, else the nearest superclass's that declares one;
   * {@link ClassFile.VersionKind#NONE} when only an interface's default would answer.
   */
  ClassFile.VersionMethod version(String name) {
    Set<String> seen = new LinkedHashSet<>();
    String current = name;
    while (current != null && seen.add(current)) {
      Optional<ClassFile> c = find(current);
      if (c.isEmpty()) {
        break;
      }
      if (c.get().version().kind() != ClassFile.VersionKind.NONE) {
        return c.get().version();
      }
      current = c.get().superName();
    }
    return ClassFile.VersionMethod.NONE;
  }

  private Optional<ClassFile> readKafka(String name) {
    try (InputStream in = host.getResourceAsStream(name + ".class")) {
      if (in == null) {
        return Optional.empty();
      }
      return Optional.of(ClassFile.read(in.readAllBytes(), -1));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Kafka's class file " + name, e);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
