package dev.railyard.sinks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.sink.SinkConnector;
import org.junit.jupiter.api.Test;

class HttpSinkConnectorTest {

  private final HttpSinkConnector connector = new HttpSinkConnector();

  @Test
  void shouldReportABadValueAgainstItsKeyWhenValidated() {
    // when
    Config result =
        connector.validate(
            Map.of(
                "connector.class",
                HttpSinkConnector.class.getName(),
                HttpSinkConfig.URL_CONFIG,
                "hooks.example.com/orders",
                HttpSinkConfig.METHOD_CONFIG,
                "PATCH"));

    // then
    assertThat(errors(result, HttpSinkConfig.URL_CONFIG))
        .singleElement()
        .asString()
        .contains("must be an absolute http:// or https:// URL");
    assertThat(errors(result, HttpSinkConfig.METHOD_CONFIG))
        .singleElement()
        .asString()
        .contains("POST, PUT");
    assertThat(errors(result, HttpSinkConfig.TIMEOUT_MS_CONFIG)).isEmpty();
  }

  @Test
  void shouldReportSeveralEventsARequestInAModeOfOneAgainstTheBatchKey() {
    // when
    Config result =
        connector.validate(
            Map.of(
                "connector.class",
                HttpSinkConnector.class.getName(),
                HttpSinkConfig.URL_CONFIG,
                "https://hooks.example.com/orders",
                HttpSinkConfig.CLOUDEVENTS_MODE_CONFIG,
                "binary",
                HttpSinkConfig.BATCH_MAX_RECORDS_CONFIG,
                "10"));

    // then
    assertThat(errors(result, HttpSinkConfig.BATCH_MAX_RECORDS_CONFIG))
        .singleElement()
        .asString()
        .contains("must be 1 with http.cloudevents.mode=binary")
        .contains("use batched");
  }

  @Test
  void shouldReportAnUnknownModeWithTheValidOnes() {
    Config result =
        connector.validate(
            Map.of(
                HttpSinkConfig.URL_CONFIG,
                "https://hooks.example.com/orders",
                HttpSinkConfig.CLOUDEVENTS_MODE_CONFIG,
                "json"));

    assertThat(errors(result, HttpSinkConfig.CLOUDEVENTS_MODE_CONFIG))
        .singleElement()
        .asString()
        .contains("raw, binary, structured, batched");
  }

  @Test
  void shouldRefuseToStartWithABadConfig() {
    assertThatThrownBy(() -> connector.start(Map.of(HttpSinkConfig.URL_CONFIG, "ftp://x/y")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.url");
  }

  @Test
  void shouldGiveEveryTaskTheSameSettings() {
    // given
    Map<String, String> props = Map.of(HttpSinkConfig.URL_CONFIG, "https://hooks.example.com/x");
    connector.start(props);

    // when
    List<Map<String, String>> configs = connector.taskConfigs(3);

    // then
    Map<String, String> expected = new java.util.HashMap<>(props);
    expected.put(HttpSinkConfig.RATE_LIMIT_TASKS_CONFIG, "3");
    assertThat(configs).hasSize(3).allSatisfy(c -> assertThat(c).isEqualTo(expected));
    assertThat(connector.taskClass()).isEqualTo(HttpSinkTask.class);
    assertThat(connector.version()).isEqualTo(HttpSinkConnector.VERSION);
  }

  @Test
  void shouldBeFoundByTheServiceLoader() {
    assertThat(ServiceLoader.load(SinkConnector.class).stream().map(ServiceLoader.Provider::type))
        .contains(HttpSinkConnector.class);
  }

  private static List<String> errors(Config result, String key) {
    return result.configValues().stream()
        .filter(v -> v.name().equals(key))
        .findFirst()
        .map(ConfigValue::errorMessages)
        .orElseThrow();
  }
}
