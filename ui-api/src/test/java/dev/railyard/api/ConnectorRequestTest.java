package dev.railyard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railyard.api.platform.ConnectorRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorRequestTest {

  @Test
  void shouldAcceptAFlatConfigAndStringifyScalars() {
    ConnectorRequest r =
        ConnectorRequest.parse(
            "a",
            Map.of(
                "connector.class", "FileStreamSink", "tasks.max", 2, "errors.tolerance.all", true));

    assertThat(r.config())
        .containsEntry("tasks.max", "2")
        .containsEntry("name", "a")
        .containsEntry("errors.tolerance.all", "true");
    assertThat(r.initialState()).isNull();
  }

  @Test
  void shouldAcceptAWrappedConfigWithInitialState() {
    ConnectorRequest r =
        ConnectorRequest.parse(
            "a", Map.of("config", Map.of("connector.class", "X"), "initial_state", "PAUSED"));

    assertThat(r.initialState()).isEqualTo("PAUSED");
  }

  @Test
  void shouldRefuseWithTheFieldNamed() {
    assertThatThrownBy(() -> ConnectorRequest.parse("a", Map.of("topics", "t")))
        .hasMessageContaining("'connector.class' is required");
    assertThatThrownBy(
            () -> ConnectorRequest.parse("a", Map.of("connector.class", "X", "name", "b")))
        .hasMessageContaining("'name' in the config is 'b' but the URL names 'a'");
    assertThatThrownBy(
            () -> ConnectorRequest.parse("a", Map.of("connector.class", "X", "t", List.of())))
        .hasMessageContaining("config key 't' has an object or array value");
    assertThatThrownBy(
            () ->
                ConnectorRequest.parse(
                    "a",
                    Map.of("config", Map.of("connector.class", "X"), "initial_state", "SLEEPING")))
        .hasMessageContaining("RUNNING, PAUSED or STOPPED");
    assertThatThrownBy(
            () ->
                ConnectorRequest.parse(
                    "a", Map.of("config", Map.of("connector.class", "X"), "state", "PAUSED")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown field 'state'");
  }
}
