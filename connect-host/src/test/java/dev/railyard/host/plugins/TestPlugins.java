package dev.railyard.host.plugins;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.file.FileStreamSinkConnector;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Small Connect plugins for tests, compiled once per JVM from source against connect-api: a sink
 * connector whose version is its jar's {@code Implementation-Version}, a transformation, and a
 * class that is no plugin at all.
 */
public final class TestPlugins {

  public static final String SINK = "com.example.railyard.DemoSinkConnector";
  static final String TRANSFORM = "com.example.railyard.smt.DemoTransform";

  private static final Map<String, String> SOURCES =
      Map.of(
          SINK,
          """
          package com.example.railyard;
          import java.util.*;
          import org.apache.kafka.common.config.ConfigDef;
          import org.apache.kafka.connect.connector.Task;
          import org.apache.kafka.connect.sink.*;
          public class DemoSinkConnector extends SinkConnector {
            public String version() {
              return DemoSinkConnector.class.getPackage().getImplementationVersion();
            }
            public void start(Map<String, String> props) {}
            public Class<? extends Task> taskClass() { return DemoSinkTask.class; }
            public List<Map<String, String>> taskConfigs(int max) { return List.of(); }
            public void stop() {}
            public ConfigDef config() { return new ConfigDef(); }
          }
          """,
          "com.example.railyard.DemoSinkTask",
          """
          package com.example.railyard;
          import java.util.*;
          import org.apache.kafka.connect.sink.*;
          public class DemoSinkTask extends SinkTask {
            public String version() { return "task"; }
            public void start(Map<String, String> props) {}
            public void put(Collection<SinkRecord> records) {}
            public void stop() {}
          }
          """,
          TRANSFORM,
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
          """,
          "com.example.broken.BrokenSinkConnector",
          """
          package com.example.broken;
          import java.util.*;
          import org.apache.kafka.common.config.ConfigDef;
          import org.apache.kafka.connect.connector.Task;
          import org.apache.kafka.connect.sink.*;
          public class BrokenSinkConnector extends SinkConnector {
            public BrokenSinkConnector() { throw new IllegalStateException("no"); }
            public String version() { return "1"; }
            public void start(Map<String, String> props) {}
            public Class<? extends Task> taskClass() { return null; }
            public List<Map<String, String>> taskConfigs(int max) { return List.of(); }
            public void stop() {}
            public ConfigDef config() { return new ConfigDef(); }
          }
          """,
          "com.example.util.Helper",
          """
          package com.example.util;
          public class Helper {
            public static String hello() { return "hello"; }
          }
          """);

  private static Path classes;

  private TestPlugins() {}

  /** A jar of the sink connector (and its task), optionally with its ServiceLoader manifest. */
  public static byte[] sinkJar(String implementationVersion, boolean withServiceManifest) {
    List<String> extra =
        withServiceManifest
            ? List.of(ServiceFiles.PREFIX + "org.apache.kafka.connect.sink.SinkConnector")
            : List.of();
    return jar(implementationVersion, "com/example/railyard/", extra, SINK + "\n");
  }

  /** A jar holding only the transformation. */
  static byte[] transformJar(String implementationVersion) {
    return jar(implementationVersion, "com/example/railyard/smt/", List.of(), "");
  }

  /** A jar whose only connector throws from its constructor. */
  static byte[] brokenJar() {
    return jar(null, "com/example/broken/", List.of(), "");
  }

  /** A jar with no Connect plugin in it. */
  static byte[] helperJar() {
    return jar(null, "com/example/util/", List.of(), "");
  }

  /** The bytes of Kafka's own connect-file jar, a real plugin with ServiceLoader manifests. */
  static byte[] kafkaFileJar() {
    try {
      return Files.readAllBytes(
          Path.of(
              FileStreamSinkConnector.class
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .toURI()));
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("connect-file is not on the test classpath as a jar", e);
    }
  }

  private static byte[] jar(
      String implementationVersion, String packageDir, List<String> textEntries, String text) {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (implementationVersion != null) {
      manifest
          .getMainAttributes()
          .put(Attributes.Name.IMPLEMENTATION_VERSION, implementationVersion);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(bytes, manifest);
        Stream<Path> files = Files.walk(compiled().resolve(packageDir), 1)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        jar.putNextEntry(new JarEntry(compiled().relativize(file).toString()));
        jar.write(Files.readAllBytes(file));
        jar.closeEntry();
      }
      for (String name : textEntries) {
        jar.putNextEntry(new JarEntry(name));
        jar.write(text.getBytes(StandardCharsets.UTF_8));
        jar.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static synchronized Path compiled() throws IOException {
    if (classes == null) {
      Path dir = Files.createTempDirectory("railyard-test-plugins");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> Folders.deleteQuietly(dir)));
      compile(dir);
      classes = dir;
    }
    return classes;
  }

  private static void compile(Path out) throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    List<JavaFileObject> units = new ArrayList<>();
    SOURCES.forEach((name, code) -> units.add(source(name, code)));
    String classpath =
        String.join(
            java.io.File.pathSeparator, location(SinkConnector.class), location(ConfigDef.class));
    try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
      boolean ok =
          compiler
              .getTask(
                  null,
                  files,
                  null,
                  List.of("--release", "17", "-classpath", classpath, "-d", out.toString()),
                  null,
                  units)
              .call();
      if (!ok) {
        throw new IllegalStateException("test plugin sources did not compile");
      }
    }
  }

  private static JavaFileObject source(String className, String code) {
    return new SimpleJavaFileObject(
        java.net.URI.create("string:///" + className.replace('.', '/') + ".java"),
        JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return code;
      }
    };
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
