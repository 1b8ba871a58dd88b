package dev.railyard.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.host.plugins.PluginClass.Type;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PluginUsageTest {

  static final Map<String, String> CONFIG =
      Map.of(
          "connector.class", "io.example.JdbcSinkConnector",
          "connector.plugin.version", "2.0",
          "value.converter", "AvroConverter",
          "transforms", "mask, route",
          "transforms.mask.type", "MaskField",
          "transforms.route.type", "io.example.Router",
          "transforms.route.plugin.version", "[1.0,2.0)",
          "predicates", "isTombstone",
          "predicates.isTombstone.type", "Tombstone");

  @ParameterizedTest(name = "{0} {1} {2} used: {3}")
  @CsvSource({
    "io.example.JdbcSinkConnector, SINK, 2.0, true",
    "io.example.JdbcSinkConnector, SINK, 1.0, false",
    "io.example.JdbcSinkConnector, SINK, unknown, true",
    "io.example.JdbcSourceConnector, SOURCE, 2.0, false",
    "io.confluent.connect.avro.AvroConverter, CONVERTER, 7.0, true",
    "org.example.MaskField, TRANSFORMATION, undefined, true",
    "io.example.Router, TRANSFORMATION, 1.5, true",
    "io.example.Tombstone, PREDICATE, undefined, true",
    "io.example.TombstonePredicate, PREDICATE, undefined, true",
    "io.example.JsonConverter, CONVERTER, 1.0, false",
    "io.example.mask.Other, TRANSFORMATION, 1.0, false"
  })
  void shouldFindTheClassesConnectorConfigsUse(
      String className, Type type, String version, boolean used) {
    assertThat(PluginUsage.of(List.of(CONFIG)).test(new PluginClass(className, type, version)))
        .isEqualTo(used);
  }

  @ParameterizedTest(name = "alias {0} names {1}: {2}")
  @CsvSource({
    "JdbcSink, io.example.JdbcSinkConnector, true",
    "JdbcSinkConnector, io.example.JdbcSinkConnector, true",
    "Jdbc, io.example.JdbcSinkConnector, false",
    "example.JdbcSinkConnector, io.example.JdbcSinkConnector, false"
  })
  void shouldAcceptKafkasAliases(String alias, String className, boolean used) {
    assertThat(
            PluginUsage.of(List.of(Map.of("connector.class", alias)))
                .test(new PluginClass(className, Type.SINK, "1")))
        .isEqualTo(used);
  }

  @ParameterizedTest(name = "{0} used by a guarded rule target: {1}")
  @CsvSource({
    "io.example.JdbcSinkConnector, true",
    "dev.railyard.rules.delivery.GuardedSinkConnector, true",
    "io.example.OtherSinkConnector, false"
  })
  void shouldSeeTheHostedSinkOfARuleTargetBehindItsGuard(String className, boolean used) {
    Map<String, String> target =
        Map.of(
            "connector.class", "dev.railyard.rules.delivery.GuardedSinkConnector",
            "railyard.delegate.class", "JdbcSink");

    assertThat(PluginUsage.of(List.of(target)).test(new PluginClass(className, Type.SINK, "1")))
        .isEqualTo(used);
  }
}
