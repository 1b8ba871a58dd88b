package dev.railyard.host.plugins;

import java.util.LinkedHashMap;
import java.util.Map;

/** The Java sources {@link TestPlugins} compiles, one package per jar it builds. */
final class TestPluginSources {

  /** The system property the marker connector's static initialiser writes its marker to. */
  static final String MARKER_PROPERTY = "railyard.test.marker";

  private TestPluginSources() {}

  /**
   * @param markerFolder where the marker connector's static initialiser writes a file named by its
   *     JVM's process id, unless {@link #MARKER_PROPERTY} names another file
   */
  static Map<String, String> all(String markerFolder) {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("com.example.railyard.DemoSinkConnector", sink("com.example.railyard", "DemoSink"));
    sources.put("com.example.railyard.DemoSinkTask", task("com.example.railyard", "DemoSink"));
    sources.put(
        "com.example.railyard.smt.DemoTransform",
        """
        package com.example.railyard.smt;
        import java.util.Map;
        import org.apache.kafka.common.config.ConfigDef;
        import org.apache.kafka.connect.connector.ConnectRecord;
        import org.apache.kafka.connect.transforms.Transformation;
        public class DemoTransform<R extends ConnectRecord<R>> implements Transformation<R> {
          public R apply(R record) { return record; }
          public ConfigDef config() { return new ConfigDef(); }
          public void close() {}
          public void configure(Map<String, ?> configs) {}
        }
        """);
    sources.put(
        "com.example.broken.BrokenSinkConnector",
        sink("com.example.broken", "BrokenSink")
            .replace(
                "public String version()",
                "public BrokenSinkConnector(String required) {}\n  public String version()"));
    sources.put("com.example.broken.BrokenSinkTask", task("com.example.broken", "BrokenSink"));
    sources.put(
        "com.example.util.Helper",
        """
        package com.example.util;
        public class Helper {
          public static String hello() { return "hello"; }
        }
        """);
    sources.put("com.example.marker.MarkerSinkConnector", marker(markerFolder));
    sources.put("com.example.marker.MarkerSinkTask", task("com.example.marker", "MarkerSink"));
    sources.putAll(scannerCases());
    return sources;
  }

  /** A sink connector whose version is its jar's {@code Implementation-Version}. */
  private static String sink(String pkg, String simpleName) {
    return """
        package %1$s;
        import java.util.*;
        import org.apache.kafka.common.config.ConfigDef;
        import org.apache.kafka.connect.connector.Task;
        import org.apache.kafka.connect.sink.*;
        public class %2$sConnector extends SinkConnector {
          public String version() {
            return %2$sConnector.class.getPackage().getImplementationVersion();
          }
          public void start(Map<String, String> props) {}
          public Class<? extends Task> taskClass() { return %2$sTask.class; }
          public List<Map<String, String>> taskConfigs(int max) { return List.of(); }
          public void stop() {}
          public ConfigDef config() { return new ConfigDef(); }
        }
        """
        .formatted(pkg, simpleName);
  }

  private static String task(String pkg, String simpleName) {
    return """
        package %1$s;
        import java.util.*;
        import org.apache.kafka.connect.sink.*;
        public class %2$sTask extends SinkTask {
          public String version() { return "task"; }
          public void start(Map<String, String> props) {}
          public void put(Collection<SinkRecord> records) {}
          public void stop() {}
        }
        """
        .formatted(pkg, simpleName);
  }

  /** A sink whose static initialiser appends a line to a marker file: proof that it ran. */
  private static String marker(String markerFolder) {
    String initialiser =
        """
          static {
            try {
              String file = System.getProperty("%s");
              java.nio.file.Path path = file != null ? java.nio.file.Path.of(file)
                  : java.nio.file.Path.of("%s", String.valueOf(ProcessHandle.current().pid()));
              java.nio.file.Files.createDirectories(path.toAbsolutePath().getParent());
              java.nio.file.Files.writeString(path, "static initialiser ran\\n",
                  java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }
        """
            .formatted(MARKER_PROPERTY, markerFolder.replace("\\", "\\\\"));
    return sink("com.example.marker", "MarkerSink")
        .replace("extends SinkConnector {\n", "extends SinkConnector {\n" + initialiser);
  }

  /**
   * What the scanner must tell apart: an abstract base sink in one jar ({@code scan.base}) with a
   * literal version, a concrete sink extending it from another ({@code scan.derived}), and beside
   * it classes Connect could not instantiate, a public static nested sink, and a converter that
   * extends Kafka's own {@code StringConverter}.
   */
  private static Map<String, String> scannerCases() {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put(
        "com.example.scan.base.BaseSink",
        """
        package com.example.scan.base;
        import java.util.*;
        import org.apache.kafka.common.config.ConfigDef;
        import org.apache.kafka.connect.connector.Task;
        import org.apache.kafka.connect.sink.SinkConnector;
        public abstract class BaseSink extends SinkConnector {
          public String version() { return "5.5"; }
          public void start(Map<String, String> props) {}
          public Class<? extends Task> taskClass() { return null; }
          public List<Map<String, String>> taskConfigs(int max) { return List.of(); }
          public void stop() {}
          public ConfigDef config() { return new ConfigDef(); }
        }
        """);
    String derived = "package com.example.scan.derived;\nimport com.example.scan.base.BaseSink;\n";
    sources.put(
        "com.example.scan.derived.DerivedSink",
        derived + "public class DerivedSink extends BaseSink {}");
    sources.put(
        "com.example.scan.derived.AbstractSink",
        derived + "public abstract class AbstractSink extends BaseSink {}");
    sources.put(
        "com.example.scan.derived.ArgumentSink",
        derived + "public class ArgumentSink extends BaseSink { public ArgumentSink(int n) {} }");
    sources.put(
        "com.example.scan.derived.PrivateSink",
        derived + "public class PrivateSink extends BaseSink { private PrivateSink() {} }");
    sources.put(
        "com.example.scan.derived.PackageSink", derived + "class PackageSink extends BaseSink {}");
    sources.put(
        "com.example.scan.derived.Holder",
        derived
            + """
            public class Holder {
              public static class NestedSink extends BaseSink {}
              public class InnerSink extends BaseSink {}
              protected static class ProtectedSink extends BaseSink {}
            }
            """);
    sources.put(
        "com.example.scan.derived.UpperCaseConverter",
        derived
            + """
            public class UpperCaseConverter extends org.apache.kafka.connect.storage.StringConverter {}
            """);
    return sources;
  }
}
