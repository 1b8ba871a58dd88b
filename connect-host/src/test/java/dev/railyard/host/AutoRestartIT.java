package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@WithPlatform(workers = 1)
class AutoRestartIT {

  @Test
  void shouldRestartAFailingTaskWithGrowingBackoffUntilItRuns(ApiClient api, Path dataDir)
      throws Exception {
    // given a task that fails at every start while its marker file exists
    Path marker = dataDir.resolve("flaky.marker");
    Files.writeString(marker, "fail");
    ApiClient.Response created =
        api.put(
            "/api/v1/connectors/flaky",
            """
        {"connector.class": "dev.railyard.host.testplugins.FlakySinkConnector",
         "topics": "railyard.bus.default", "flaky.marker": "%s",
         "railyard.restart.initial.backoff.ms": "300",
         "railyard.restart.max.backoff.ms": "5000"}"""
                .formatted(marker));
    assertThat(created.status()).as(created.body()).isEqualTo(201);

    // when Railyard has restarted it a few times
    Path starts = Path.of(marker + ".starts");
    await("three restarts of the failing task")
        .atMost(Duration.ofSeconds(60))
        .until(() -> Files.exists(starts) && Files.readAllLines(starts).size() >= 4);
    JsonNode restart = api.get("/api/v1/connectors/flaky").json().get("autoRestart").get("task-0");
    assertThat(restart.get("attempts").asInt()).isGreaterThanOrEqualTo(3);
    assertThat(restart.get("backoffsMs"))
        .extracting(JsonNode::asLong)
        .startsWith(300L, 600L, 1200L);

    // then once the cause is gone, the next restart makes it run
    Files.delete(marker);
    await("the task running again")
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              JsonNode view = api.get("/api/v1/connectors/flaky").json();
              return view.path("tasks").path(0).path("state").asText().equals("RUNNING");
            });
    await("the restart state says recovered")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                api.get("/api/v1/connectors/flaky")
                    .json()
                    .path("autoRestart")
                    .path("task-0")
                    .path("state")
                    .asText()
                    .equals("RECOVERED"));
  }
}
