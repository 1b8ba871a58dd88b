package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railyard.host.cli.Settings;
import dev.railyard.host.config.RailyardConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

  @TempDir Path dir;

  @Test
  void shouldUseDefaultsWithoutFileOrFlags() {
    RailyardConfig config = Settings.load(List.of(), dir);

    assertThat(config.getInt(RailyardConfig.HTTP_PORT_CONFIG)).isEqualTo(8080);
    assertThat(config.getString(RailyardConfig.HTTP_HOST_CONFIG)).isEqualTo("127.0.0.1");
    assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(config.embeddedBroker()).isTrue();
    assertThat(config.getInt(RailyardConfig.WORKERS_CONFIG)).isEqualTo(1);
  }

  @Test
  void shouldLetFlagsOverrideThePropertiesFile() throws Exception {
    Files.writeString(dir.resolve("railyard.properties"), "http.port=9000\nworkers=2\n");

    RailyardConfig config = Settings.load(List.of("--http-port=9100", "--data-dir", "/tmp/x"), dir);

    assertThat(config.getInt(RailyardConfig.HTTP_PORT_CONFIG)).isEqualTo(9100);
    assertThat(config.getInt(RailyardConfig.WORKERS_CONFIG)).isEqualTo(2);
    assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/x"));
  }

  @Test
  void shouldPassWorkerPrefixedSettingsToWorkers() {
    RailyardConfig config =
        Settings.load(List.of("--worker.offset.flush.interval.ms", "1000"), dir);

    assertThat(config.workerOverrides()).containsEntry("offset.flush.interval.ms", "1000");
  }

  @Test
  void shouldRejectUnknownKeyInFileNamingFileAndSuggestion() throws Exception {
    Files.writeString(dir.resolve("railyard.properties"), "data.dri=/tmp\n");

    assertThatThrownBy(() -> Settings.load(List.of(), dir))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("railyard.properties: unknown setting 'data.dri'")
        .hasMessageContaining("did you mean 'data.dir'?");
  }

  @Test
  void shouldRejectMissingExplicitConfigFile() {
    assertThatThrownBy(() -> Settings.load(List.of("--config", "nope.properties"), dir))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot read")
        .hasMessageContaining("nope.properties");
  }

  @Test
  void shouldRejectPositionalArgumentsAndFlagsWithoutValue() {
    assertThatThrownBy(() -> Settings.load(List.of("eight"), dir))
        .hasMessageContaining("unexpected argument 'eight'");
    assertThatThrownBy(() -> Settings.load(List.of("--workers"), dir))
        .hasMessageContaining("flag --workers needs a value");
  }

  @Test
  void shouldRejectOutOfRangePort() {
    assertThatThrownBy(() -> Settings.load(List.of("--http-port", "70000"), dir))
        .hasMessageContaining("Invalid value 70000 for configuration http.port");
  }

  @Test
  void shouldRejectAnAllowedMavenGroupThatIsNoGroup() {
    assertThatThrownBy(
            () -> Settings.load(List.of("--plugins-maven-allowed-groups", "io.debezium,io/x"), dir))
        .hasMessageContaining("plugins.maven.allowed.groups")
        .hasMessageContaining("'io/x' is no Maven group");
  }
}
