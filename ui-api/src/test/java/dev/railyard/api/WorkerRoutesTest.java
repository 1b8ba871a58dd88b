package dev.railyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkerRoutesTest {

  private static final String PATH = "/api/v1/workers";

  @RegisterExtension static final RunningApi api = new RunningApi();

  @Test
  void shouldListWorkersWithTheirState() {
    api.platform().workers.pool =
        List.of(
            FakePlatform.worker(1),
            new dev.railyard.api.platform.WorkerControl.WorkerInfo(
                "worker-2", null, null, "FAILED", -1, null, 3, "Unrecognized VM option 'X'"));

    HttpResponse<String> response = api.get(PATH);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = RunningApi.json(response);
    assertThat(body.getInteger("count")).isEqualTo(2);
    JsonArray workers = body.getJsonArray("workers");
    assertThat(workers.getJsonObject(0))
        .isEqualTo(
            new JsonObject()
                .put("name", "worker-1")
                .put("connectWorkerId", "127.0.0.1:8083")
                .put("restUrl", "http://127.0.0.1:8083")
                .put("state", "RUNNING")
                .put("pid", 1001)
                .put("startedAt", "2026-01-02T03:04:05Z")
                .put("restarts", 0));
    JsonObject failed = workers.getJsonObject(1);
    assertThat(failed.getString("state")).isEqualTo("FAILED");
    assertThat(failed.containsKey("startedAt")).isTrue();
    assertThat(failed.getValue("startedAt")).isNull();
    assertThat(failed.getInteger("restarts")).isEqualTo(3);
    assertThat(failed.getString("lastError")).isEqualTo("Unrecognized VM option 'X'");
  }

  @Test
  void shouldStartARollingRestartAndShowItsProgressInTheList() {
    HttpResponse<String> started = api.sendJson("POST", PATH + ":restart", "");

    assertThat(started.statusCode()).isEqualTo(202);
    assertThat(RunningApi.json(started).getJsonObject("rollout").getString("state"))
        .isEqualTo("PENDING");
    JsonObject listed = RunningApi.json(api.get(PATH)).getJsonObject("rollout");
    assertThat(listed.getString("reason")).isEqualTo("requested through the API");
    assertThat(listed.getInteger("total")).isEqualTo(1);
  }

  @Test
  void shouldShowNoRolloutBeforeTheFirst() {
    JsonObject body = RunningApi.json(api.get(PATH));

    assertThat(body.containsKey("rollout")).isTrue();
    assertThat(body.getValue("rollout")).isNull();
  }

  @Test
  void shouldScaleAndAnswerWithTheNewPool() {
    HttpResponse<String> response = api.sendJson("PUT", PATH, "{\"count\": 3}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(api.platform().workers.requestedCounts).containsExactly(3);
    JsonObject body = RunningApi.json(response);
    assertThat(body.getInteger("count")).isEqualTo(3);
    assertThat(body.getJsonArray("workers").getJsonObject(2).getString("name"))
        .isEqualTo("worker-3");
  }

  @Test
  void shouldRefuseAHandSetCountWhileTheAutoscalerOwnsItSayingHowToPinIt() {
    api.platform().autoscale.scalesWorkers = true;

    HttpResponse<String> response = api.sendJson("PUT", PATH, "{\"count\": 3}");

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(RunningApi.error(response).getString("code")).isEqualTo("AUTOSCALER_OWNS_WORKERS");
    assertThat(RunningApi.error(response).getString("message"))
        .contains("\"autoscale.workers.min\": 3", "autoscale.enabled");
    assertThat(api.platform().workers.requestedCounts).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"count\": 0}",
        "{\"count\": 5}",
        "{\"count\": 2.5}",
        "{\"count\": \"2\"}",
        "{\"workers\": 2}",
        "[2]"
      })
  void shouldRejectACountOutsideTheRangeNamingTheFieldAndTheRange(String body) {
    HttpResponse<String> response = api.sendJson("PUT", PATH, body);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonObject error = RunningApi.error(response);
    assertThat(error.getString("message")).contains("count", "between 1 and 4");
    assertThat(error.getJsonObject("details"))
        .isEqualTo(new JsonObject().put("field", "count").put("min", 1).put("max", 4));
    assertThat(api.platform().workers.requestedCounts).isEmpty();
  }

  @Test
  void shouldAnswer503WhenScalingFails() {
    api.platform().workers.scaleFailure = new IllegalStateException("worker-2 did not start");

    HttpResponse<String> response = api.sendJson("PUT", PATH, "{\"count\": 2}");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(RunningApi.error(response).getString("message")).contains("worker-2 did not start");
  }
}
