package dev.railyard.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.host.plugins.PluginClass.Type;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.transforms.Cast;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassScannerTest {

  @TempDir Path dir;

  Path plugin;
  Path marker;

  @BeforeEach
  void pointTheMarkerAtATempFile() throws IOException {
    plugin = Files.createDirectory(dir.resolve("plugin"));
    marker = dir.resolve("marker.txt");
    System.setProperty(TestPluginSources.MARKER_PROPERTY, marker.toString());
  }

  @AfterEach
  void clearTheMarkerProperty() {
    System.clearProperty(TestPluginSources.MARKER_PROPERTY);
  }

  @Test
  void shouldFindAConnectorWithoutRunningItsStaticInitialiser() throws Exception {
    // given
    Files.write(plugin.resolve("marker.jar"), TestPlugins.markerJar("1.2.3"));

    // when
    ClassScanner.Result result = ClassScanner.scan(plugin);

    // then
    assertThat(result.classes())
        .containsExactly(new PluginClass(TestPlugins.MARKER_SINK, Type.SINK, "1.2.3"));
    assertThat(result.version()).isEqualTo("1.2.3");
    assertThat(marker).doesNotExist();
    assertThat(ownMarker()).doesNotExist();
  }

  @Test
  void shouldInstallAPluginWithoutRunningItsStaticInitialiser() throws Exception {
    // given
    PluginStore store = PluginStore.open(dir.resolve("plugins"));

    // when
    Plugin installed =
        store
            .install(
                "marker",
                new ByteArrayInputStream(TestPlugins.markerJar("1.0")),
                ArchiveType.JAR,
                PluginStoreTest.LIMIT)
            .plugin();

    // then
    assertThat(installed.classes())
        .extracting(PluginClass::className)
        .contains(TestPlugins.MARKER_SINK);
    assertThat(marker).doesNotExist();
    assertThat(ownMarker()).doesNotExist();
  }

  // the check above means something only if loading the class would have left the marker
  @Test
  void shouldLeaveTheMarkerWhenTheClassIsLoadedAsAWorkerWould() throws Exception {
    Path jar = Files.write(plugin.resolve("marker.jar"), TestPlugins.markerJar("1.0"));

    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, SinkConnector.class.getClassLoader())) {
      Class.forName(TestPlugins.MARKER_SINK, true, loader);
    }

    assertThat(marker).content().isEqualTo("static initialiser ran\n");
  }

  @Test
  void shouldFollowTheHierarchyAcrossTwoJarsAndSkipWhatConnectCannotInstantiate() throws Exception {
    // given an abstract base sink in one jar, and in another jar sinks extending it
    Files.write(plugin.resolve("base.jar"), TestPlugins.scanJar("base", null));
    Files.write(plugin.resolve("derived.jar"), TestPlugins.scanJar("derived", "9.0"));

    // when
    ClassScanner.Result result = ClassScanner.scan(plugin);

    // then only the public concrete classes with a public no-argument constructor are found
    assertThat(result.classes())
        .containsExactly(
            new PluginClass("com.example.scan.derived.DerivedSink", Type.SINK, "5.5"),
            new PluginClass("com.example.scan.derived.Holder$NestedSink", Type.SINK, "5.5"),
            new PluginClass("com.example.scan.derived.UpperCaseConverter", Type.CONVERTER, "9.0"),
            new PluginClass(
                "com.example.scan.derived.UpperCaseConverter", Type.HEADER_CONVERTER, "9.0"));
    // the base's version() returns a literal: that is the version a worker will report
    assertThat(result.version()).isEqualTo("5.5");
    assertThat(result.missingManifests())
        .containsOnlyKeys(Type.SINK, Type.CONVERTER, Type.HEADER_CONVERTER);
  }

  @Test
  void shouldScanKafkasOwnTransformsJarLikeAWorker() throws Exception {
    // given the real connect-transforms jar, nested SMT classes and its manifests
    Path jar = Path.of(Cast.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Files.copy(jar, plugin.resolve(jar.getFileName()));

    // when
    ClassScanner.Result result = ClassScanner.scan(plugin);

    // then
    assertThat(result.classes())
        .contains(
            new PluginClass(Cast.Value.class.getName(), Type.TRANSFORMATION, "4.3.1"),
            new PluginClass(
                "org.apache.kafka.connect.transforms.predicates.HasHeaderKey",
                Type.PREDICATE,
                "4.3.1"))
        .extracting(PluginClass::className)
        .doesNotContain(Cast.class.getName());
    assertThat(result.version()).isEqualTo("4.3.1");
    assertThat(result.missingManifests()).isEmpty();
  }

  @Test
  void shouldReadTheVersionFromPomPropertiesThenTheFileNameThenTheHint() throws Exception {
    // given jars without an Implementation-Version, whose connector computes its version
    Path pom = Files.createDirectory(dir.resolve("pom"));
    Files.write(pom.resolve("demo-sink-3.1.jar"), TestPlugins.sinkJarWithPom("2.4"));
    Path named = Files.createDirectory(dir.resolve("named"));
    Files.write(named.resolve("demo-sink-3.1.0.Final.jar"), TestPlugins.sinkJar(null, true));
    Files.write(plugin.resolve("demo.jar"), TestPlugins.sinkJar(null, true));

    // then
    assertThat(ClassScanner.scan(pom, "0.1").version()).isEqualTo("2.4");
    assertThat(ClassScanner.scan(named, "0.1").version()).isEqualTo("3.1.0.Final");
    assertThat(ClassScanner.scan(plugin, "0.1").version()).isEqualTo("0.1");
    assertThat(ClassScanner.scan(plugin, null).version()).isEqualTo("unknown");
    assertThat(ClassScanner.scan(plugin, null).classes())
        .containsExactly(new PluginClass(TestPlugins.SINK, Type.SINK, "unknown"));
  }

  @Test
  void shouldReportTheClassesNoServiceLoaderManifestLists() throws Exception {
    Files.write(plugin.resolve("demo.jar"), TestPlugins.sinkJar("1.0", false));
    Files.write(plugin.resolve("smt.jar"), TestPlugins.transformJar(null));

    ClassScanner.Result result = ClassScanner.scan(plugin);

    Map<Type, SortedSet<String>> expected =
        Map.of(
            Type.SINK,
            new TreeSet<>(Set.of(TestPlugins.SINK)),
            Type.TRANSFORMATION,
            new TreeSet<>(Set.of(TestPlugins.TRANSFORM)));
    assertThat(result.missingManifests()).isEqualTo(expected);
    assertThat(result.classes())
        .containsExactly(
            new PluginClass(TestPlugins.SINK, Type.SINK, "1.0"),
            new PluginClass(TestPlugins.TRANSFORM, Type.TRANSFORMATION, "undefined"));
  }

  private static Path ownMarker() {
    return TestPlugins.markerFolder().resolve(String.valueOf(ProcessHandle.current().pid()));
  }
}
