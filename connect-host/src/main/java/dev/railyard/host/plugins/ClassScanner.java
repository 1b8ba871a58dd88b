package dev.railyard.host.plugins;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.connect.runtime.isolation.PluginUtils;

/**
 * Finds the Connect plugin classes of one plugin folder by reading its class files, never by
 * loading them: no static initialiser, constructor or {@code version()} of an uploaded plugin runs
 * in the control plane. A class is a plugin class when Connect could instantiate it (public,
 * concrete, a public no-argument constructor, not a non-static nested class), a worker's plugin
 * class loader would load it in isolation ({@link PluginUtils#shouldLoadInIsolation}), and one of
 * its supertypes, followed across all the plugin's jars and into Kafka's own classes, is a type of
 * {@link PluginClass.Type}. Like {@code connect-plugin-path sync-manifests}, it reports the classes
 * a ServiceLoader manifest does not list.
 *
 * <p>Versions are read, not asked for. A class whose {@code version()} returns a literal has that
 * version; one that computes it has its jar's ({@code Implementation-Version}, {@code
 * pom.properties}, file name), else the plugin's; one that declares none has {@code "undefined"},
 * as Connect's interfaces' defaults answer. The plugin's version is its first connector's, else any
 * plugin class's or its jar's, else the caller's hint (the Maven version, the archive's file name),
 * else {@code "unknown"}. A worker reports what {@code version()} really returns once it loads the
 * plugin (Connect's {@code GET /connector-plugins}); that is what {@code connector.plugin.version}
 * matches, and it differs from the version read here only where {@code version()} computes
 * something its jar does not say.
 */
final class ClassScanner {

  static final String UNKNOWN_VERSION = "unknown";
  static final String UNDEFINED_VERSION = "undefined";

  private static final Comparator<Found> ORDER =
      Comparator.comparing(Found::type).thenComparing(Found::className);

  /**
   * What a scan found.
   *
   * @param classes the plugin classes, sorted by type then name
   * @param version the plugin's version
   * @param missingManifests per type, the classes no {@code META-INF/services} file lists
   */
  record Result(
      List<PluginClass> classes,
      String version,
      Map<PluginClass.Type, SortedSet<String>> missingManifests) {

    boolean hostable() {
      return classes.stream().anyMatch(c -> c.type().hostable());
    }
  }

  /** One plugin class found, with where it was read from and how it declares its version. */
  private record Found(
      String className, PluginClass.Type type, int location, ClassFile.VersionMethod version) {}

  private ClassScanner() {}

  static Result scan(Path root) throws IOException {
    return scan(root, null);
  }

  /**
   * Scans a plugin folder.
   *
   * @param root the plugin's folder, as it will be under {@code plugin.path}
   * @param versionHint the version to take when no class or jar tells one, or null
   * @throws PluginException {@code TOO_LARGE} when its class files inflate past the limits
   */
  static Result scan(Path root, String versionHint) throws IOException {
    PluginClassPath classPath = PluginClassPath.of(root);
    TypeGraph graph = new TypeGraph(ClassScanner.class.getClassLoader());
    classPath.readClasses(graph);
    List<Found> found = find(graph);
    String version = pluginVersion(found, classPath, versionHint);
    List<PluginClass> classes = new ArrayList<>();
    for (Found f : found) {
      classes.add(new PluginClass(f.className(), f.type(), classVersion(f, classPath, version)));
    }
    Map<PluginClass.Type, Set<String>> declared = ServiceFiles.declared(classPath.locations());
    return new Result(List.copyOf(classes), version, missing(classes, declared));
  }

  private static List<Found> find(TypeGraph graph) {
    List<Found> found = new ArrayList<>();
    for (ClassFile c : graph.pluginClasses()) {
      String className = c.name().replace('/', '.');
      if (!c.instantiable() || !PluginUtils.shouldLoadInIsolation(className)) {
        continue;
      }
      Set<String> supertypes = graph.supertypes(c.name());
      for (PluginClass.Type type : PluginClass.Type.values()) {
        if (supertypes.contains(type.serviceName().replace('.', '/'))) {
          found.add(new Found(className, type, c.location(), graph.version(c.name())));
        }
      }
    }
    found.sort(ORDER);
    return found;
  }

  /** Connectors come first in {@link PluginClass.Type}, so the first one found that tells wins. */
  private static String pluginVersion(
      List<Found> found, PluginClassPath classPath, String versionHint) throws IOException {
    for (Found f : found) {
      Optional<String> version = declared(f, classPath);
      if (version.isPresent()) {
        return version.get();
      }
    }
    for (Found f : found) {
      Optional<String> version = classPath.version(f.location());
      if (version.isPresent()) {
        return version.get();
      }
    }
    return defined(versionHint).orElse(UNKNOWN_VERSION);
  }

  private static String classVersion(Found f, PluginClassPath classPath, String pluginVersion)
      throws IOException {
    if (f.version().kind() == ClassFile.VersionKind.NONE) {
      return UNDEFINED_VERSION;
    }
    if (f.version().kind() == ClassFile.VersionKind.CONSTANT) {
      return f.version().constant();
    }
    return classPath.version(f.location()).orElse(pluginVersion);
  }

  /** The version a class's own {@code version()} gives, as far as it can be read. */
  private static Optional<String> declared(Found f, PluginClassPath classPath) throws IOException {
    return switch (f.version().kind()) {
      case NONE -> Optional.empty();
      case CONSTANT -> defined(f.version().constant());
      case ABSTRACT, COMPUTED -> classPath.version(f.location());
    };
  }

  private static Optional<String> defined(String version) {
    boolean defined =
        version != null
            && !version.isBlank()
            && !version.equals(UNDEFINED_VERSION)
            && !version.equals("null");
    return defined ? Optional.of(version.strip()) : Optional.empty();
  }

  private static Map<PluginClass.Type, SortedSet<String>> missing(
      List<PluginClass> classes, Map<PluginClass.Type, Set<String>> declared) {
    Map<PluginClass.Type, SortedSet<String>> missing = new EnumMap<>(PluginClass.Type.class);
    for (PluginClass c : classes) {
      if (!declared.getOrDefault(c.type(), Set.of()).contains(c.className())) {
        missing.computeIfAbsent(c.type(), t -> new TreeSet<>()).add(c.className());
      }
    }
    return missing;
  }
}
