package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

@RunsAlone
@WithPlatform(workers = 1)
class WorkerScalingIT {

  private static final String BUS = "scaling";

  @Test
  void shouldMoveTasksWhenScalingOneTwoOneAndLoseNoEvent(ApiClient api, Path dataDir)
      throws Exception {
    // given two sinks on one bus, and events flowing in while we scale
    api.post("/api/v1/events", "[{\"bus\":\"" + BUS + "\",\"source\":\"s\",\"type\":\"warmup\"}]");
    Path left = dataDir.resolve("left.jsonl");
    Path right = dataDir.resolve("right.jsonl");
    createSink(api, "left", left);
    createSink(api, "right", right);
    Set<String> sent = ConcurrentHashMap.newKeySet();
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Void> producer =
        CompletableFuture.runAsync(
            () -> {
              for (int batch = 0; batch < 2000 && !stop.get(); batch++) {
                sent.addAll(putBatch(api, batch));
              }
            });

    // when the pool grows to two workers, the work spreads over both
    // (both sinks and their tasks running first: each creation is a generation of its own, and
    // the group may look at rest between the first and the second)
    await("both sinks running and the Connect group at rest with worker-1")
        .atMost(Duration.ofSeconds(30))
        .until(() -> allRunning(api) && ConnectRebalances.settled(dataDir, Set.of("worker-1")));
    Instant beforeJoin = Instant.now();
    ApiClient.Response grown = api.put("/api/v1/workers", "{\"count\": 2}");
    assertThat(grown.status()).as(grown.body()).isEqualTo(200);
    assertThat(grown.json().get("workers")).hasSize(2);
    await("connectors and tasks spread over two workers")
        .atMost(Duration.ofSeconds(90))
        .until(() -> allRunning(api) && workerIds(api).size() == 2);
    await("the Connect group at rest with both workers")
        .atMost(Duration.ofSeconds(30))
        .until(() -> ConnectRebalances.settled(dataDir, Set.of("worker-1", "worker-2")));
    List<ConnectRebalances.Generation> joined = ConnectRebalances.since(dataDir, beforeJoin);

    // and when it shrinks back to one, everything runs on the one left
    Instant beforeLeave = Instant.now();
    long left0 = System.nanoTime();
    ApiClient.Response shrunk = api.put("/api/v1/workers", "{\"count\": 1}");
    assertThat(shrunk.status()).as(shrunk.body()).isEqualTo(200);
    double stopped = (System.nanoTime() - left0) / 1e9;
    String remaining = shrunk.json().get("workers").get(0).get("connectWorkerId").asText();
    await("all tasks running on " + remaining)
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> allRunning(api) && workerIds(api).equals(Set.of(remaining)));
    // the leaving worker's tasks run elsewhere within 10 s of it being asked to leave, its own
    // graceful stop included: with no rebalance delay they move in the rebalance of the leave
    double moved = (System.nanoTime() - left0) / 1e9;
    await("the Connect group at rest with worker-1 alone")
        .atMost(Duration.ofSeconds(30))
        .until(() -> ConnectRebalances.settled(dataDir, Set.of("worker-1")));
    List<ConnectRebalances.Generation> leaving = ConnectRebalances.since(dataDir, beforeLeave);
    System.out.printf(
        "WorkerScalingIT: the leaving worker stopped after %.1f s, its tasks ran again after %.1f s"
            + " (from the request); joining: %s; leaving: %s%n",
        stopped, moved, joined, leaving);
    assertThat(moved).isLessThan(10);

    // and each was one rebalance of the Connect group (a join: a revoking round and the round
    // that hands out what was revoked), with no tasks held back for the worker that left
    assertThat(ConnectRebalances.rebalances(joined)).as("joining: %s", joined).isEqualTo(1);
    assertThat(ConnectRebalances.rebalances(leaving)).as("leaving: %s", leaving).isEqualTo(1);
    assertThat(leaving).as("leaving: %s", leaving).noneMatch(g -> g.delay() > 0);
    stop.set(true);
    producer.get(60, TimeUnit.SECONDS);

    // then both sinks hold every acknowledged event
    assertThat(sent).hasSizeGreaterThan(100);
    await(sent.size() + " events in both files")
        .atMost(Duration.ofSeconds(90))
        .until(() -> EventIds.in(left).containsAll(sent) && EventIds.in(right).containsAll(sent));
  }

  @Test
  void shouldRestartAWorkerThatDies(Platform platform, ApiClient api) {
    // given a running worker
    String name = api.get("/api/v1/workers").json().get("workers").get(0).get("name").asText();

    // when it is killed
    platform.workers().kill(name);

    // then the pool restarts it
    await(name + " restarted")
        .atMost(Duration.ofSeconds(90))
        .until(
            () -> {
              JsonNode worker = api.get("/api/v1/workers").json().get("workers").get(0);
              return worker.get("restarts").asInt() >= 1
                  && worker.get("state").asText().equals("RUNNING");
            });
    assertThat(api.get("/health").status()).isEqualTo(200);
  }

  @Test
  void shouldRefuseAWorkerCountOutOfRange(ApiClient api) {
    ApiClient.Response response = api.put("/api/v1/workers", "{\"count\": 99}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("error").get("message").asText()).contains("count");
  }

  private static void createSink(ApiClient api, String name, Path file) {
    ApiClient.Response created =
        api.put(
            "/connect/connectors/" + name + "/config",
            """
        {"connector.class": "FileStreamSink", "topics": "railyard.bus.%s", "file": "%s"}"""
                .formatted(BUS, file));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  private static List<String> putBatch(ApiClient api, int batch) {
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < 10; i++) {
      body.append(i == 0 ? "" : ",")
          .append("{\"bus\":\"")
          .append(BUS)
          .append("\",\"source\":\"s\",\"type\":\"t\",\"subject\":\"k")
          .append(i)
          .append("\",\"data\":{\"batch\":")
          .append(batch)
          .append("}}");
    }
    ApiClient.Response put = api.post("/api/v1/events", body.append("]").toString());
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(put.json().get("failedEntryCount").asInt()).isZero();
    return put.json().findValuesAsText("eventId");
  }

  /** The connector and task states of the two sinks. */
  private static List<JsonNode> units(ApiClient api) {
    JsonNode all = api.get("/connect/connectors?expand=status").json();
    List<JsonNode> units = new ArrayList<>();
    for (String name : List.of("left", "right")) {
      JsonNode status = all.path(name).path("status");
      units.add(status.path("connector"));
      status.path("tasks").forEach(units::add);
    }
    return units;
  }

  private static boolean allRunning(ApiClient api) {
    List<JsonNode> units = units(api);
    return units.size() == 4
        && units.stream().allMatch(u -> "RUNNING".equals(u.path("state").asText()));
  }

  private static Set<String> workerIds(ApiClient api) {
    Set<String> ids = new HashSet<>();
    units(api).forEach(u -> ids.add(u.path("worker_id").asText()));
    return ids;
  }
}
