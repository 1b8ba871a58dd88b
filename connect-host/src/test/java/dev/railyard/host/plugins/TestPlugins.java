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
import java.util.UUID;
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
 * Small Connect plugins for tests, compiled once per JVM from {@link TestPluginSources} against
 * connect-api: a sink connector whose version is its jar's {@code Implementation-Version}, a
 * transformation, a sink Connect cannot instantiate, a class that is no plugin at all, a sink whose
 * static initialiser leaves a marker file, and the cases the class scanner must tell apart.
 */
public final class TestPlugins {

  public static final String SINK = "com.example.railyard.DemoSinkConnector";
  public static final String MARKER_SINK = "com.example.marker.MarkerSinkConnector";
  static final String TRANSFORM = "com.example.railyard.smt.DemoTransform";

  /** Where the marker connector's static initialiser leaves a file named by its JVM's pid. */
  private static final Path MARKER_FOLDER =
      Path.of(System.getProperty("java.io.tmpdir"), "railyard-marker-" + UUID.randomUUID());

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

  /** A jar of the sink connector with a Maven {@code pom.properties} and no manifest version. */
  static byte[] sinkJarWithPom(String pomVersion) {
    return jar(
        null,
        "com/example/railyard/",
        List.of("META-INF/maven/com.example/demo-sink/pom.properties"),
        "groupId=com.example\nartifactId=demo-sink\nversion=" + pomVersion + "\n");
  }

  /** A jar holding only the transformation. */
  static byte[] transformJar(String implementationVersion) {
    return jar(implementationVersion, "com/example/railyard/smt/", List.of(), "");
  }

  /** A jar whose only connector has no public no-argument constructor. */
  static byte[] brokenJar() {
    return jar(null, "com/example/broken/", List.of(), "");
  }

  /**
   * A jar of a sink whose static initialiser appends a line to a file: the one {@link
   * TestPluginSources#MARKER_PROPERTY} names, else {@code <markerFolder()>/<pid of its JVM>}.
   */
  public static byte[] markerJar(String implementationVersion) {
    return jar(implementationVersion, "com/example/marker/", List.of(), "");
  }

  /** Where the marker sink leaves a file per JVM that ran its static initialiser. */
  public static Path markerFolder() {
    return MARKER_FOLDER;
  }

  /** A jar of one package of the scanner's cases, e.g. {@code base} or {@code derived}. */
  static byte[] scanJar(String pkg, String implementationVersion) {
    return jar(implementationVersion, "com/example/scan/" + pkg + "/", List.of(), "");
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
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    Folders.deleteQuietly(dir);
                    Folders.deleteQuietly(MARKER_FOLDER);
                  }));
      compile(dir);
      classes = dir;
    }
    return classes;
  }

  private static void compile(Path out) throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    List<JavaFileObject> units = new ArrayList<>();
    TestPluginSources.all(MARKER_FOLDER.toString())
        .forEach((name, code) -> units.add(source(name, code)));
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
