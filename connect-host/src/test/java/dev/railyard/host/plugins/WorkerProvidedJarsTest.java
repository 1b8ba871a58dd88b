package dev.railyard.host.plugins;

import static dev.railyard.host.plugins.Archives.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerProvidedJarsTest {

  @TempDir Path dataDir;

  /** A jar of nothing but placeholder class files under the given names. */
  static byte[] jarOf(String... classFiles) {
    return Archives.zip(
        Stream.of(classFiles).map(n -> file(n, new byte[] {1})).toArray(Archives.Entry[]::new));
  }

  @Test
  void shouldLeaveOutTheKafkaAndSlf4jJarsAPluginArchiveBundlesAndRecordThem() throws Exception {
    // given an archive built for Kafka 2.8, bundling its own clients, JSON converter and slf4j,
    // and a vendor's jar whose name only looks like Kafka's
    byte[] archive =
        Archives.tgz(
            file("vendor/vendor-sink.jar", TestPlugins.sinkJar("1.0", false)),
            file(
                "vendor/kafka-clients-2.8.0.jar",
                jarOf(
                    "org/apache/kafka/common/config/provider/DirectoryConfigProvider.class",
                    "META-INF/versions/9/module-info.class")),
            file(
                "vendor/connect-json-2.6.0.jar",
                jarOf("org/apache/kafka/connect/json/JsonConverter.class")),
            file("vendor/slf4j-api-1.7.30.jar", jarOf("org/slf4j/Logger.class")),
            file("vendor/connect-api-9.9-vendor.jar", TestPlugins.helperJar()),
            file("docs/README.adoc", new byte[] {'x'}));
    PluginStore store = PluginStore.open(dataDir.resolve("plugins"));

    // when it is installed
    Plugin plugin =
        store
            .install("vendor", new ByteArrayInputStream(archive), ArchiveType.TGZ, 1 << 20)
            .plugin();

    // then the worker's own jars are gone, the vendor's stay, and plugin.json names what was
    // left out
    Path folder = store.pluginsDir().resolve(plugin.folder());
    assertThat(jars(folder))
        .containsExactly("vendor/connect-api-9.9-vendor.jar", "vendor/vendor-sink.jar");
    assertThat(Files.readString(folder.resolve(PluginJson.FILE_NAME)))
        .contains(
            "\"leftOut\"",
            "vendor/connect-json-2.6.0.jar",
            "vendor/kafka-clients-2.8.0.jar",
            "vendor/slf4j-api-1.7.30.jar");
    assertThat(plugin.classes())
        .extracting(PluginClass::className)
        .containsExactly(TestPlugins.SINK);
  }

  @Test
  void shouldKeepAJarNamedLikeKafkasThatHoldsOtherClasses() throws Exception {
    // given a jar named kafka-clients that shades a library of its own
    Path root = Files.createDirectories(dataDir.resolve("plugin"));
    Files.write(
        root.resolve("kafka-clients-3.0.0.jar"),
        jarOf("org/apache/kafka/clients/Producer.class", "com/shaded/Util.class"));

    // when the worker's jars are left out
    List<String> removed = WorkerProvidedJars.remove(root);

    // then it stays
    assertThat(removed).isEmpty();
    assertThat(root.resolve("kafka-clients-3.0.0.jar")).exists();
  }

  static List<String> jars(Path folder) throws Exception {
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".jar"))
          .map(p -> folder.relativize(p).toString())
          .filter(n -> !n.startsWith("railyard-"))
          .sorted()
          .toList();
    }
  }
}
