package dev.railyard.autoscale.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AutoscaleConfigTest {

  @Test
  void shouldDefaultTheWorkerBoundsToTheHostsWorkerSettings() {
    PolicySettings s = new AutoscaleConfig(Map.of(), 2, 8).settings();

    assertThat(s.workersMin()).isEqualTo(2);
    assertThat(s.workersMax()).isEqualTo(8);
    assertThat(s.interval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.drainTargetSeconds()).isEqualTo(60);
    assertThat(s.scaleDownStabilization()).isEqualTo(Duration.ofSeconds(120));
    assertThat(s.enabled()).isTrue();
  }

  @Test
  void shouldReadEveryKeyAndGiveItBackAsProperties() {
    Map<String, String> props =
        Map.ofEntries(
            Map.entry("autoscale.enabled", "false"),
            Map.entry("autoscale.interval.ms", "2000"),
            Map.entry("autoscale.drain.target.seconds", "30"),
            Map.entry("autoscale.tasks.per.worker", "4"),
            Map.entry("autoscale.workers.min", "1"),
            Map.entry("autoscale.workers.max", "3"),
            Map.entry("autoscale.scale.down.stabilization.seconds", "20"),
            Map.entry("autoscale.schedule", "mon-fri 08:00-18:00 workers=2"),
            Map.entry("autoscale.cpu.high", "0.7"),
            Map.entry("autoscale.persistent.lag.seconds", "60"),
            Map.entry("autoscale.lag.threshold.records", "10"));

    PolicySettings s = new AutoscaleConfig(props, 2, 8).settings();

    assertThat(AutoscaleConfig.asProperties(s)).isEqualTo(props);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "autoscale.workers.min | 5 | autoscale.workers.min | cannot exceed autoscale.workers.max (3)",
        "autoscale.interval.ms | -1 | autoscale.interval.ms | Value must be at least 500",
        "autoscale.interval.ms | soon | autoscale.interval.ms | Not a number of type INT",
        "autoscale.schedule | mon 25:00-26:00 workers=1 | autoscale.schedule | is not a time like 08:00",
        "autoscale.cpu.high | 2 | autoscale.cpu.high | Value must be no more than 1.0",
        "autoscale.workers | 2 | autoscale.workers | is not an autoscale setting; valid ones are",
      })
  void shouldRefuseABadValueOrKeyNamingTheKeyAndWhatWouldBeValid(
      String key, String value, String named, String why) {
    Map<String, String> props =
        key.equals("autoscale.workers.min")
            ? Map.of(key, value, "autoscale.workers.max", "3")
            : Map.of(key, value);

    assertThatThrownBy(() -> new AutoscaleConfig(props, 1, 8))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(named)
        .hasMessageContaining(why);
  }

  @Test
  void shouldDocumentEveryKey() {
    for (ConfigDef.ConfigKey key : AutoscaleConfig.CONFIG_DEF.configKeys().values()) {
      assertThat(key.documentation).as(key.name).isNotBlank();
      assertThat(key.name).startsWith(AutoscaleConfig.PREFIX);
    }
  }

  @Test
  void shouldReadAConnectorsOwnBounds() {
    assertThat(Bounds.of(Map.of())).isEqualTo(Bounds.DEFAULT);
    Bounds b =
        Bounds.of(Map.of("railyard.autoscale.tasks.min", "2", "railyard.autoscale.tasks.max", "6"));
    assertThat(b.enabled()).isTrue();
    assertThat(b.min()).isEqualTo(2);
    assertThat(b.max()).isEqualTo(6);
    assertThat(Bounds.of(Map.of("railyard.autoscale.enabled", "false")).enabled()).isFalse();
    assertThat(
            Bounds.of(
                    Map.of(
                        "railyard.autoscale.tasks.min", "4", "railyard.autoscale.tasks.max", "2"))
                .problem())
        .hasValue("railyard.autoscale.tasks.min (4) is above railyard.autoscale.tasks.max (2)");
  }
}
