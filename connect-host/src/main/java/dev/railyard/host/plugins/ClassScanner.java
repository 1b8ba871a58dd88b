package dev.railyard.host.plugins;

import java.io.IOException;
import java.net.URLClassLoader;
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
import java.util.stream.Stream;
import org.apache.kafka.connect.runtime.isolation.ClassLoaderFactory;
import org.apache.kafka.connect.runtime.isolation.PluginDesc;
import org.apache.kafka.connect.runtime.isolation.PluginScanResult;
import org.apache.kafka.connect.runtime.isolation.PluginSource;
import org.apache.kafka.connect.runtime.isolation.PluginUtils;
import org.apache.kafka.connect.runtime.isolation.ReflectionScanner;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Finds the Connect plugin classes of one plugin folder with Kafka's own reflective scanner, in an
 * isolated {@code PluginClassLoader} exactly like a worker's, closed afterwards. Like {@code
 * connect-plugin-path sync-manifests}, it reports the classes a ServiceLoader manifest does not
 * list. Scanning instantiates connectors to ask their version, as a worker does.
 */
final class ClassScanner {

  static final String UNKNOWN_VERSION = "unknown";

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

  private ClassScanner() {}

  static Result scan(Path root) throws IOException {
    PluginSource source =
        PluginUtils.isolatedPluginSource(
            root,
            new ScanParentLoader(SinkConnector.class.getClassLoader()),
            new ClassLoaderFactory());
    try {
      PluginScanResult scanned = discover(source);
      List<PluginDesc<?>> descs = new ArrayList<>();
      scanned.forEach(descs::add);
      List<PluginClass> classes =
          descs.stream()
              .map(ClassScanner::toClass)
              .flatMap(Optional::stream)
              .distinct()
              .sorted(Comparator.comparing(PluginClass::type).thenComparing(PluginClass::className))
              .toList();
      Map<PluginClass.Type, Set<String>> declared = ServiceFiles.declared(source.urls());
      return new Result(classes, version(scanned, descs), missing(classes, declared));
    } finally {
      if (source.loader() instanceof URLClassLoader loader) {
        loader.close();
      }
    }
  }

  /**
   * Kafka skips a class it cannot load or instantiate; anything else escaping the scan is the
   * plugin's fault too, so it refuses the upload instead of failing the request.
   */
  private static PluginScanResult discover(PluginSource source) {
    try {
      return new ReflectionScanner().discoverPlugins(Set.of(source));
    } catch (RuntimeException | LinkageError e) {
      throw PluginException.of(
          PluginException.Code.SCAN_FAILED,
          "the plugin's classes could not be scanned (%s); check that the archive holds all the"
              + " jars the plugin needs",
          e);
    }
  }

  private static Optional<PluginClass> toClass(PluginDesc<?> desc) {
    String service = desc.type().superClass().getName();
    return Stream.of(PluginClass.Type.values())
        .filter(t -> t.serviceName().equals(service))
        .findFirst()
        .map(t -> new PluginClass(desc.className(), t, String.valueOf(desc.version())));
  }

  /** A connector's version, else any versioned class's, else the jar's Implementation-Version. */
  private static String version(PluginScanResult scanned, List<PluginDesc<?>> all) {
    Stream<PluginDesc<?>> connectors =
        Stream.concat(scanned.sinkConnectors().stream(), scanned.sourceConnectors().stream());
    return connectors
        .map(PluginDesc::version)
        .filter(ClassScanner::defined)
        .findFirst()
        .or(() -> all.stream().map(PluginDesc::version).filter(ClassScanner::defined).findFirst())
        .or(
            () ->
                all.stream()
                    .map(d -> d.pluginClass().getPackage())
                    .filter(p -> p != null && defined(p.getImplementationVersion()))
                    .map(Package::getImplementationVersion)
                    .findFirst())
        .orElse(UNKNOWN_VERSION);
  }

  private static boolean defined(String version) {
    return version != null
        && !version.isBlank()
        && !version.equals(PluginDesc.UNDEFINED_VERSION)
        && !version.equals("null");
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
