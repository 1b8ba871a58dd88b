package dev.railyard.host.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railyard.autoscale.actuate.TaskActuator;
import dev.railyard.host.config.SecretsConfig;
import dev.railyard.host.connectors.ConfigGuard;
import dev.railyard.host.connectors.ConnectorService;
import dev.railyard.host.connectors.RestartSupervisor;
import dev.railyard.host.testing.FakeConnect;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectorTasksTest {

  private final FakeConnect connect = new FakeConnect();
  private final ConnectorTasks tasks =
      new ConnectorTasks(
          new ConnectorService(
              connect.rest(),
              new RestartSupervisor(connect.rest(), Clock.systemUTC()),
              new ConfigGuard(
                  new SecretsConfig(Path.of("/"), Pattern.compile(".*"), Path.of("/")))));

  ConnectorTasksTest() throws Exception {}

  @AfterEach
  void stop() {
    connect.close();
  }

  @Test
  void shouldRememberTheTasksItSetSoRulesKeepThem() throws Exception {
    connect.connectors.put(
        "railyard.to.burst.fn",
        new HashMap<>(Map.of("connector.class", "FileStreamSink", "tasks.max", "1")));

    tasks.setTasks("railyard.to.burst.fn", 3).toCompletableFuture().get();

    assertThat(tasks.scaledTasks("railyard.to.burst.fn")).hasValue(3);
    assertThat(tasks.scaledTasks("other")).isEmpty();

    // once Connect no longer has it, a connector made again under its name starts afresh
    tasks.retain(java.util.Set.of("other"));
    assertThat(tasks.scaledTasks("railyard.to.burst.fn")).isEmpty();
  }

  @Test
  void shouldFailWithNoSuchConnectorWhenItIsGone() {
    assertThatThrownBy(() -> tasks.setTasks("gone", 2).toCompletableFuture().get())
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(TaskActuator.NoSuchConnector.class);
    assertThat(tasks.scaledTasks("gone")).isEmpty();
  }
}
