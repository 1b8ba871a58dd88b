package dev.railyard.host.plugins;

import static dev.railyard.host.plugins.Archives.Entry.file;
import static dev.railyard.host.plugins.Archives.Entry.folder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railyard.host.plugins.PluginClass.Type;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.runtime.isolation.ClassLoaderFactory;
import org.apache.kafka.connect.runtime.isolation.PluginDesc;
import org.apache.kafka.connect.runtime.isolation.PluginScanResult;
import org.apache.kafka.connect.runtime.isolation.PluginSource;
import org.apache.kafka.connect.runtime.isolation.PluginUtils;
import org.apache.kafka.connect.runtime.isolation.ServiceLoaderScanner;
import org.apache.kafka.connect.sink.SinkConnector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginStoreTest {

  static final long LIMIT = 512L << 20;

  @TempDir Path dataDir;

  Path pluginsDir;
  PluginStore store;

  @BeforeEach
  void openStore() throws IOException {
    pluginsDir = dataDir.resolve("plugins");
    store = PluginStore.open(pluginsDir);
  }

  @Test
  void shouldInstallJarAndGenerateTheManifestWorkersNeed() throws Exception {
    // when
    InstallResult result = install("demo", TestPlugins.sinkJar("1.0.0", false), ArchiveType.JAR);

    // then
    Plugin plugin = result.plugin();
    assertThat(result.alreadyPresent()).isFalse();
    assertThat(plugin.version()).isEqualTo("1.0.0");
    assertThat(plugin.folder()).isEqualTo("demo-1.0.0");
    assertThat(plugin.classes())
        .containsExactly(new PluginClass(TestPlugins.SINK, Type.SINK, "1.0.0"));
    assertThat(plugin.sha256()).hasSize(64);
    Path folder = pluginsDir.resolve("demo-1.0.0");
    assertThat(folder.resolve("demo.jar")).isRegularFile();
    assertThat(folder.resolve("plugin.json")).isRegularFile();
    assertThat(folder.resolve(ManifestJar.FILE_NAME)).isRegularFile();
    assertThat(serviceLoaded(folder)).containsExactly(TestPlugins.SINK);
  }

  @Test
  void shouldNotGenerateManifestsWhenTheJarsHaveThem() throws Exception {
    // when
    Plugin plugin = install("file", TestPlugins.kafkaFileJar(), ArchiveType.JAR).plugin();

    // then: Kafka's jar tells its version only from code (AppInfoParser), which is never run here
    assertThat(plugin.version()).isEqualTo("unknown");
    assertThat(plugin.classes())
        .extracting(PluginClass::className)
        .contains(
            "org.apache.kafka.connect.file.FileStreamSinkConnector",
            "org.apache.kafka.connect.file.FileStreamSourceConnector");
    assertThat(pluginsDir.resolve("file-unknown").resolve(ManifestJar.FILE_NAME)).doesNotExist();
  }

  @Test
  void shouldInstallZipAndDropItsTopLevelFolder() throws Exception {
    // given
    byte[] zip =
        Archives.zip(
            folder("demo-2.0.0"),
            folder("demo-2.0.0/lib"),
            file("demo-2.0.0/lib/demo.jar", TestPlugins.sinkJar("2.0.0", true)),
            file("demo-2.0.0/lib/helper.jar", TestPlugins.helperJar()),
            file("demo-2.0.0/README.md", "hi".getBytes(StandardCharsets.UTF_8)));

    // when
    Plugin plugin = install("demo", zip, ArchiveType.ZIP).plugin();

    // then
    Path folder = pluginsDir.resolve("demo-2.0.0");
    assertThat(plugin.archiveType()).isEqualTo(ArchiveType.ZIP);
    assertThat(folder.resolve("lib/demo.jar")).isRegularFile();
    assertThat(folder.resolve("lib/helper.jar")).isRegularFile();
    assertThat(folder.resolve("README.md")).isRegularFile();
    assertThat(folder.resolve(ManifestJar.FILE_NAME)).doesNotExist();
    assertThat(serviceLoaded(folder)).containsExactly(TestPlugins.SINK);
  }

  @Test
  void shouldInstallTgzWithSeveralPluginTypes() throws Exception {
    // given
    byte[] tgz =
        Archives.tgz(
            folder("."),
            folder("./lib"),
            file("./lib/demo.jar", TestPlugins.sinkJar("3.0.0", false)),
            file("./lib/smt.jar", TestPlugins.transformJar(null)),
            file("./LICENSE", "Apache-2.0".getBytes(StandardCharsets.UTF_8)));

    // when
    Plugin plugin = install("demo", tgz, ArchiveType.TGZ).plugin();

    // then
    assertThat(plugin.version()).isEqualTo("3.0.0");
    assertThat(plugin.classes())
        .containsExactly(
            new PluginClass(TestPlugins.SINK, Type.SINK, "3.0.0"),
            new PluginClass(TestPlugins.TRANSFORM, Type.TRANSFORMATION, "undefined"));
    assertThat(pluginsDir.resolve("demo-3.0.0/lib/smt.jar")).isRegularFile();
    assertThat(serviceLoaded(pluginsDir.resolve("demo-3.0.0"))).containsExactly(TestPlugins.SINK);
  }

  @Test
  void shouldReadLongNamesFromGnuAndPaxTarHeaders() throws Exception {
    // given
    String gnu = "lib/" + "g".repeat(120) + "/demo.jar";
    String pax = "lib/" + "p".repeat(120) + "/smt.jar";
    byte[] tgz =
        Archives.tgz(
            Archives.gnuLongName(gnu),
            file("short-1", TestPlugins.sinkJar("4.0", false)),
            Archives.paxPath(pax),
            file("short-2", TestPlugins.transformJar(null)));

    // when
    Plugin plugin = install("long", tgz, ArchiveType.TGZ).plugin();

    // then
    Path folder = pluginsDir.resolve("long-4.0");
    assertThat(folder.resolve(gnu.substring(4))).isRegularFile();
    assertThat(folder.resolve(pax.substring(4))).isRegularFile();
    assertThat(plugin.classes()).hasSize(2);
  }

  @Test
  void shouldTakeTheVersionFromTheJarManifestWhenNoConnectorHasOne() throws Exception {
    assertThat(install("smt", TestPlugins.transformJar("0.9"), ArchiveType.JAR).plugin().version())
        .isEqualTo("0.9");
    assertThat(install("smt2", TestPlugins.sinkJar(null, false), ArchiveType.JAR).plugin().folder())
        .isEqualTo("smt2-unknown");
  }

  @Test
  void shouldListThePluginsAgainAfterReopening() throws Exception {
    // given
    install("demo", TestPlugins.sinkJar("1.0.0", false), ArchiveType.JAR);
    install("smt", TestPlugins.transformJar("0.9"), ArchiveType.JAR);
    List<Plugin> before = store.list();

    // when
    PluginStore reopened = PluginStore.open(pluginsDir);

    // then
    assertThat(reopened.list()).isEqualTo(before).hasSize(2);
    assertThat(reopened.get("demo", "1.0.0")).contains(before.get(0));
  }

  @Test
  void shouldDoNothingWhenTheSameArchiveIsUploadedAgain() throws Exception {
    // given
    byte[] jar = TestPlugins.sinkJar("1.0.0", false);
    Plugin first = install("demo", jar, ArchiveType.JAR).plugin();
    var snapshot = StoreSnapshot.of(dataDir);

    // when
    InstallResult again = install("demo", jar, ArchiveType.JAR);

    // then
    assertThat(again.alreadyPresent()).isTrue();
    assertThat(again.plugin()).isEqualTo(first);
    assertThat(StoreSnapshot.of(dataDir)).isEqualTo(snapshot);
  }

  @Test
  void shouldRefuseTheSameVersionWithOtherContent() throws Exception {
    // given
    install("demo", TestPlugins.sinkJar("1.0.0", false), ArchiveType.JAR);
    var snapshot = StoreSnapshot.of(dataDir);

    // when / then
    assertThatThrownBy(() -> install("demo", TestPlugins.sinkJar("1.0.0", true), ArchiveType.JAR))
        .isInstanceOfSatisfying(
            PluginException.class,
            e -> assertThat(e.code()).isEqualTo(PluginException.Code.CONFLICT))
        .hasMessageContaining("'demo' version '1.0.0' is already installed");
    assertThat(StoreSnapshot.of(dataDir)).isEqualTo(snapshot);
  }

  @Test
  void shouldRefuseTheSameArchiveUnderAnotherName() throws Exception {
    byte[] jar = TestPlugins.sinkJar("1.0.0", false);
    install("demo", jar, ArchiveType.JAR);

    assertThatThrownBy(() -> install("other", jar, ArchiveType.JAR))
        .isInstanceOfSatisfying(
            PluginException.class,
            e -> assertThat(e.code()).isEqualTo(PluginException.Code.CONFLICT))
        .hasMessageContaining("already installed as plugin 'demo'");
  }

  @Test
  void shouldKeepVersionsSideBySide() throws Exception {
    install("demo", TestPlugins.sinkJar("1.0.0", false), ArchiveType.JAR);
    install("demo", TestPlugins.sinkJar("2.0.0", false), ArchiveType.JAR);

    assertThat(store.get("demo")).extracting(Plugin::version).containsExactly("1.0.0", "2.0.0");
    assertThat(pluginsDir.resolve("demo-1.0.0")).isDirectory();
    assertThat(pluginsDir.resolve("demo-2.0.0")).isDirectory();
  }

  @Test
  void shouldRefuseToDeleteAPluginInUseAndDeleteItOnceFree() throws Exception {
    // given
    install("demo", TestPlugins.sinkJar("1.0.0", false), ArchiveType.JAR);
    install("demo", TestPlugins.sinkJar("2.0.0", false), ArchiveType.JAR);
    var snapshot = StoreSnapshot.of(dataDir);

    // when / then
    assertThatThrownBy(
            () ->
                store.delete(
                    "demo",
                    null,
                    c -> c.className().equals(TestPlugins.SINK) && c.version().equals("2.0.0")))
        .isInstanceOfSatisfying(
            PluginException.class, e -> assertThat(e.code()).isEqualTo(PluginException.Code.IN_USE))
        .hasMessageContaining(TestPlugins.SINK + " 2.0.0");
    assertThat(StoreSnapshot.of(dataDir)).isEqualTo(snapshot);

    assertThat(store.delete("demo", "1.0.0", c -> false))
        .extracting(Plugin::version)
        .containsExactly("1.0.0");
    assertThat(pluginsDir.resolve("demo-1.0.0")).doesNotExist();
    assertThat(store.get("demo")).extracting(Plugin::version).containsExactly("2.0.0");
    assertThat(PluginStore.open(pluginsDir).get("demo")).hasSize(1);
  }

  @Test
  void shouldAnswerNotFoundForAnUnknownPlugin() {
    assertThatThrownBy(() -> store.delete("nope", null, c -> false))
        .isInstanceOfSatisfying(
            PluginException.class,
            e -> assertThat(e.code()).isEqualTo(PluginException.Code.NOT_FOUND));
    assertThat(store.get("nope")).isEmpty();
  }

  @Test
  void shouldRefuseAnInvalidName() {
    assertThatThrownBy(() -> install("../x", TestPlugins.sinkJar("1", false), ArchiveType.JAR))
        .isInstanceOfSatisfying(
            PluginException.class,
            e -> assertThat(e.code()).isEqualTo(PluginException.Code.INVALID_NAME));
  }

  @Test
  void shouldInstallOnceWhenTheSameArchiveArrivesConcurrently() throws Exception {
    // given
    byte[] jar = TestPlugins.sinkJar("1.0.0", false);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<InstallResult>> results = new ArrayList<>();

    // when
    try {
      for (int i = 0; i < 4; i++) {
        Callable<InstallResult> upload = () -> install("demo", jar, ArchiveType.JAR);
        results.add(pool.submit(upload));
      }
      List<Boolean> present = new ArrayList<>();
      for (Future<InstallResult> f : results) {
        present.add(f.get(60, TimeUnit.SECONDS).alreadyPresent());
      }

      // then
      assertThat(present).containsOnlyOnce(false);
      assertThat(store.list()).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  InstallResult install(String name, byte[] archive, ArchiveType type) throws IOException {
    return store.install(name, new ByteArrayInputStream(archive), type, LIMIT);
  }

  /** What a worker with {@code plugin.discovery=service_load} finds in a plugin folder. */
  static Set<String> serviceLoaded(Path folder) throws IOException {
    PluginSource source =
        PluginUtils.isolatedPluginSource(
            folder, SinkConnector.class.getClassLoader(), new ClassLoaderFactory());
    try {
      PluginScanResult result = new ServiceLoaderScanner().discoverPlugins(Set.of(source));
      return Set.copyOf(result.sinkConnectors().stream().map(PluginDesc::className).toList());
    } finally {
      ((java.net.URLClassLoader) source.loader()).close();
    }
  }
}
