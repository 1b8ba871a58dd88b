package dev.railyard.host.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.api.platform.ConnectorQuery;
import dev.railyard.api.platform.ConnectorRequest;
import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.Page;
import dev.railyard.api.platform.Paging;
import dev.railyard.api.platform.answers.ConnectorApplied;
import dev.railyard.api.platform.answers.ConnectorView;
import dev.railyard.host.config.SecretsConfig;
import dev.railyard.host.testing.FakeConnect;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connector service against an in-memory Connect REST API: what it asks and what it keeps. */
class ConnectorServiceTest {

  @TempDir Path dataDir;
  private FakeConnect connect;
  private ConnectorService service;

  @BeforeEach
  void start() throws Exception {
    connect = new FakeConnect();
    service =
        new ConnectorService(
            connect.rest(),
            new RestartSupervisor(connect.rest(), Clock.systemUTC()),
            new ConfigGuard(
                new SecretsConfig(
                    dataDir.resolve("secrets"),
                    Pattern.compile("RAILYARD_SECRET_.*"),
                    dataDir.resolve("files"))));
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "dev.railyard.sinks.http.HttpSinkConnector");
    config.put("name", "billing");
    config.put("tasks.max", "1");
    config.put("topics", "orders");
    config.put("http.url", "https://billing.example.com/hook");
    config.put("http.authorization", "Bearer s3cret");
    connect.connectors.put("billing", config);
  }

  private Outcome<ConnectorApplied> put(String name, Map<String, String> config) throws Exception {
    return service.put(name, new ConnectorRequest(config, null)).toCompletableFuture().get();
  }

  @Test
  void shouldRefuseAReferenceOutsideTheSecretsFolderBeforeConnectSeesIt() throws Exception {
    Map<String, String> config = new HashMap<>(connect.connectors.get("billing"));
    config.put("http.authorization", "${file:/etc/passwd:root}");

    Outcome<ConnectorApplied> outcome = put("billing", config);

    assertThat(outcome)
        .isInstanceOfSatisfying(
            Outcome.Refused.class,
            r -> {
              assertThat(r.code()).isEqualTo("CONFIG_NOT_ALLOWED");
              assertThat(r.message()).startsWith("http.authorization: ").contains("secrets.dir");
            });
    assertThat(connect.connectors.get("billing"))
        .containsEntry("http.authorization", "Bearer s3cret");
    assertThat(connect.requests).noneMatch(r -> r.contains("validate")).isEmpty();
  }

  @Test
  void shouldRefuseAMaskedSecretSentBackWithAnotherUrlAndKeepItWithTheSameUrl() throws Exception {
    Map<String, String> moved = new HashMap<>(connect.connectors.get("billing"));
    moved.put("http.authorization", SecretMasking.MASK);
    moved.put("http.url", "https://collector.evil.example/");

    Outcome<ConnectorApplied> refused = put("billing", moved);

    assertThat(refused)
        .isInstanceOfSatisfying(
            Outcome.Refused.class,
            r -> assertThat(r.message()).startsWith("http.url: ").doesNotContain("s3cret"));
    assertThat(connect.connectors.get("billing"))
        .containsEntry("http.url", "https://billing.example.com/hook");
    assertThat(connect.changes()).isEmpty();

    Map<String, String> kept = new HashMap<>(connect.connectors.get("billing"));
    kept.put("http.authorization", SecretMasking.MASK);
    kept.put("tasks.max", "2");

    assertThat(put("billing", kept)).isNotInstanceOf(Outcome.Refused.class);
    assertThat(connect.connectors.get("billing"))
        .containsEntry("tasks.max", "2")
        .containsEntry("http.authorization", "Bearer s3cret");
  }

  @AfterEach
  void stop() {
    connect.close();
  }

  private Outcome<ConnectorApplied> setTasks(String name, int tasks) throws Exception {
    return service.setTasks(name, tasks).toCompletableFuture().get();
  }

  @Test
  void shouldChangeOnlyTasksMaxKeepingEverySettingAndSecret() throws Exception {
    Outcome<ConnectorApplied> outcome = setTasks("billing", 3);

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

    Outcome<ConnectorApplied> outcome = setTasks("billing", 3);

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
    Outcome<ConnectorApplied> outcome = setTasks("deleted", 2);

    assertThat(outcome)
        .isInstanceOfSatisfying(
            Outcome.Refused.class, r -> assertThat(r.kind()).isEqualTo(Outcome.Kind.NOT_FOUND));
    assertThat(connect.changes()).isEmpty();
  }

  @Test
  void shouldAskConnectOnceForListsCloseTogetherAndAgainAfterAChange() throws Exception {
    // given the list read twice in a row
    service.list(ConnectorQuery.ALL).toCompletableFuture().get();
    service.list(ConnectorQuery.ALL).toCompletableFuture().get();
    long asked = connect.requests.stream().filter(r -> r.equals("GET /connectors")).count();

    // when a connector is restarted through the service
    service.act("billing", "restart", Map.of()).toCompletableFuture().get();
    service.list(ConnectorQuery.ALL).toCompletableFuture().get();

    // then the two reads shared one Connect call, and the change made the next one ask again
    assertThat(asked).isEqualTo(1);
    assertThat(connect.requests.stream().filter(r -> r.equals("GET /connectors")).count())
        .isEqualTo(2);
  }

  @Test
  void shouldFilterAndPageTheListItReadOnceFromConnect() throws Exception {
    // given 30 sinks beside billing, the seventh running with a failed task
    for (int i = 0; i < 30; i++) {
      connect.connectors.put(
          String.format("sink-%02d", i),
          Map.of("connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector"));
    }
    connect.states.put("sink-07", Map.of("connector", "RUNNING", "task-0", "FAILED"));

    // when the second page of ten file sinks is asked for, then the failed ones
    Page<ConnectorView> files = list(new ConnectorQuery("filestream", null, new Paging(10, 10)));
    Page<ConnectorView> failed = list(new ConnectorQuery(null, "FAILED", Paging.ALL));

    // then each answer is its page of what matched, by name, from one read of Connect
    assertThat(files.total()).isEqualTo(30);
    assertThat(files.items())
        .extracting(ConnectorView::name)
        .startsWith("sink-10")
        .endsWith("sink-19")
        .hasSize(10);
    assertThat(failed.items()).extracting(ConnectorView::name).containsExactly("sink-07");
    assertThat(connect.requests.stream().filter(r -> r.equals("GET /connectors")).count())
        .isEqualTo(1);
    assertThat(connect.requests)
        .as("a plugin's secret keys are asked for once however many connectors use it")
        .containsOnlyOnce(
            "GET /connector-plugins/org.apache.kafka.connect.file.FileStreamSinkConnector/config");
  }

  private Page<ConnectorView> list(ConnectorQuery query) throws Exception {
    return service.list(query).toCompletableFuture().get().body();
  }

  @Test
  void shouldRestartOneTaskAndRefuseATaskThatIsNoNumber() throws Exception {
    Outcome<?> one =
        service.act("billing", "restart", Map.of("task", "0")).toCompletableFuture().get();
    Outcome<?> bad =
        service.act("billing", "restart", Map.of("task", "first")).toCompletableFuture().get();

    assertThat(one).isInstanceOf(Outcome.Accepted.class);
    assertThat(connect.requests).contains("POST /connectors/billing/tasks/0/restart");
    assertThat(bad)
        .isInstanceOfSatisfying(
            Outcome.Refused.class, r -> assertThat(r.message()).contains("'task'", "first"));
  }
}
