package dev.railyard.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.railyard.api.platform.Outcome.Kind;
import dev.railyard.api.platform.PluginCatalog;
import dev.railyard.api.platform.PluginCatalog.Refused;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginStoreCatalogTest {

  @TempDir Path dataDir;

  @Test
  void shouldInstallAnUploadedFileByItsExtensionAndListIt() throws Exception {
    // given
    PluginCatalog catalog =
        new PluginStoreCatalog(PluginStore.open(dataDir.resolve("plugins")), () -> c -> false);
    Path upload = Files.write(dataDir.resolve("upload.tmp"), TestPlugins.sinkJar("1.0.0", false));

    // when
    PluginCatalog.Installed installed = catalog.install(upload, "demo.JAR", "demo", 1 << 20);

    // then
    assertThat(installed.alreadyPresent()).isFalse();
    assertThat(installed.plugin().archiveType()).isEqualTo("JAR");
    assertThat(installed.plugin().classes())
        .containsExactly(new PluginCatalog.PluginClassInfo(TestPlugins.SINK, "sink", "1.0.0"));
    assertThat(catalog.list()).containsExactly(installed.plugin());
    assertThat(catalog.get("demo")).containsExactly(installed.plugin());
  }

  @Test
  void shouldTurnRefusalsIntoTheirKind() throws Exception {
    PluginCatalog catalog =
        new PluginStoreCatalog(
            PluginStore.open(dataDir.resolve("plugins")),
            () -> PluginUsage.of(List.of(Map.of("connector.class", "DemoSink"))));
    Path upload = Files.write(dataDir.resolve("upload.tmp"), TestPlugins.sinkJar("1.0.0", false));

    assertThat(refusal(() -> catalog.install(upload, "demo.rar", "demo", 1 << 20)).kind())
        .isEqualTo(Kind.INVALID);
    assertThat(refusal(() -> catalog.install(upload, "demo.jar", "demo", 10)).code())
        .isEqualTo("TOO_LARGE");
    assertThat(refusal(() -> catalog.delete("nope", null)).kind()).isEqualTo(Kind.NOT_FOUND);
    catalog.install(upload, "demo.jar", "demo", 1 << 20);
    Refused inUse = refusal(() -> catalog.delete("demo", null));
    assertThat(inUse.kind()).isEqualTo(Kind.CONFLICT);
    assertThat(inUse.code()).isEqualTo("IN_USE");
  }

  @Test
  void shouldTakeTheVersionInTheArchivesFileNameWhenItsJarsTellNone() throws Exception {
    PluginCatalog catalog =
        new PluginStoreCatalog(PluginStore.open(dataDir.resolve("plugins")), () -> c -> false);
    Path upload = Files.write(dataDir.resolve("upload.tmp"), TestPlugins.sinkJar(null, false));

    assertThat(catalog.install(upload, "demo-sink-2.3.1.jar", "demo", 1 << 20).plugin().version())
        .isEqualTo("2.3.1");
    assertThat(
            PluginStoreCatalog.versionInFileName("debezium-connector-x-3.1.0.Final-plugin.tar.gz"))
        .isEqualTo("3.1.0.Final");
    assertThat(PluginStoreCatalog.versionInFileName("kafka_2.13-4.0.zip")).isEqualTo("4.0");
    assertThat(PluginStoreCatalog.versionInFileName("demo.jar")).isNull();
  }

  interface Call {
    void run() throws Exception;
  }

  static Refused refusal(Call call) {
    return catchThrowableOfType(Refused.class, call::run);
  }
}
