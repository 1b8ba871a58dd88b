package dev.railyard.host.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorConfigsTest {

  @Test
  void shouldAcceptAFlatConfigAndStringifyScalars() {
    ConnectorConfigs.Request r =
        ConnectorConfigs.parse(
            "a",
            Map.of(
                "connector.class", "FileStreamSink", "tasks.max", 2, "errors.tolerance.all", true));

    assertThat(r.problem()).isNull();
    assertThat(r.config())
        .containsEntry("tasks.max", "2")
        .containsEntry("name", "a")
        .containsEntry("errors.tolerance.all", "true");
    assertThat(r.initialState()).isNull();
  }

  @Test
  void shouldAcceptAWrappedConfigWithInitialState() {
    ConnectorConfigs.Request r =
        ConnectorConfigs.parse(
            "a", Map.of("config", Map.of("connector.class", "X"), "initial_state", "PAUSED"));

    assertThat(r.problem()).isNull();
    assertThat(r.initialState()).isEqualTo("PAUSED");
  }

  @Test
  void shouldRefuseWithTheFieldNamed() {
    assertThat(ConnectorConfigs.parse("a", Map.of("topics", "t")).problem())
        .contains("'connector.class' is required");
    assertThat(ConnectorConfigs.parse("a", Map.of("connector.class", "X", "name", "b")).problem())
        .contains("'name' in the config is 'b' but the URL names 'a'");
    assertThat(
            ConnectorConfigs.parse("a", Map.of("connector.class", "X", "t", List.of())).problem())
        .contains("config key 't' has an object or array value");
    assertThat(
            ConnectorConfigs.parse(
                    "a",
                    Map.of("config", Map.of("connector.class", "X"), "initial_state", "SLEEPING"))
                .problem())
        .contains("RUNNING, PAUSED or STOPPED");
    assertThat(
            ConnectorConfigs.parse(
                    "a", Map.of("config", Map.of("connector.class", "X"), "state", "PAUSED"))
                .problem())
        .contains("unknown field 'state'");
  }
}
