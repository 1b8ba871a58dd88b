package dev.railyard.host.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.api.platform.Outcome;
import dev.railyard.host.testing.FakeConnect;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The connector service against an in-memory Connect REST API: what it asks and what it keeps. */
class ConnectorServiceTest {

  private FakeConnect connect;
  private ConnectorService service;

  @BeforeEach
  void start() throws Exception {
    connect = new FakeConnect();
    service =
        new ConnectorService(
            connect.rest(), new RestartSupervisor(connect.rest(), Clock.systemUTC()));
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "dev.railyard.sinks.http.HttpSinkConnector");
    config.put("name", "billing");
    config.put("tasks.max", "1");
    config.put("topics", "orders");
    config.put("http.authorization", "Bearer s3cret");
    connect.connectors.put("billing", config);
  }

  @AfterEach
  void stop() {
    connect.close();
  }

  private Outcome setTasks(String name, int tasks) throws Exception {
    return service.setTasks(name, tasks).toCompletableFuture().get();
  }

  @Test
  void shouldChangeOnlyTasksMaxKeepingEverySettingAndSecret() throws Exception {
    Outcome outcome = setTasks("billing", 3);

    assertThat(outcome).isNotInstanceOf(Outcome.Refused.class);
    assertThat(connect.connectors.get("billing"))
        .containsEntry("tasks.max", "3")
        .containsEntry("topics", "orders")
        .containsEntry("http.authorization", "Bearer s3cret");
    assertThat(connect.requests)
        .contains(
            "PUT /connector-plugins/dev.railyard.sinks.http.HttpSinkConnector/config/validate");
  }

  @Test
  void shouldRefuseWhatTheConnectorsOwnValidationRefusesAndChangeNothing() throws Exception {
    connect.validationErrors.put("tasks.max", "Value must be no more than 2");

    Outcome outcome = setTasks("billing", 3);

    assertThat(outcome)
        .isInstanceOfSatisfying(
            Outcome.Refused.class,
            r -> {
              assertThat(r.kind()).isEqualTo(Outcome.Kind.INVALID);
              assertThat(r.message()).contains("tasks.max").contains("no more than 2");
            });
    assertThat(connect.connectors.get("billing")).containsEntry("tasks.max", "1");
    assertThat(connect.changes()).isEmpty();
  }

  @Test
  void shouldSayAConnectorThatIsGoneIsNotFound() throws Exception {
    Outcome outcome = setTasks("deleted", 2);

    assertThat(outcome)
        .isInstanceOfSatisfying(
            Outcome.Refused.class, r -> assertThat(r.kind()).isEqualTo(Outcome.Kind.NOT_FOUND));
    assertThat(connect.changes()).isEmpty();
  }
}
