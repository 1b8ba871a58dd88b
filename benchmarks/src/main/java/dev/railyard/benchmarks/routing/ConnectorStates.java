package dev.railyard.benchmarks.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/** Pauses, resumes and waits on connectors through Connect's REST API as Railyard serves it. */
final class ConnectorStates {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RailyardProcess railyard;
  private final Duration stall;

  ConnectorStates(RailyardProcess railyard, Duration stall) {
    this.railyard = railyard;
    this.stall = stall;
  }

  void pause(List<String> connectors) throws Exception {
    state(connectors, "pause", "PAUSED");
  }

  void resume(List<String> connectors) throws Exception {
    state(connectors, "resume", "RUNNING");
  }

  void awaitRunning(List<String> connectors) throws Exception {
    state(connectors, null, "RUNNING");
  }

  /**
   * Asks each connector to {@code action} (when given, again while it is not there yet: Connect
   * refuses it during a rebalance), then waits until all are {@code state}.
   */
  private void state(List<String> connectors, String action, String state) throws Exception {
    if (action != null) {
      for (String c : connectors) {
        railyard.connect("PUT", "/connectors/" + c + "/" + action, null);
      }
    }
    for (String c : connectors) {
      int[] looks = {0};
      Awaitility.await(c + " and its tasks " + state)
          .atMost(stall)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                if (action != null && ++looks[0] % 10 == 0) {
                  railyard.connect("PUT", "/connectors/" + c + "/" + action, null);
                }
                return isAll(railyard.connect("GET", "/connectors/" + c + "/status", null), state);
              });
    }
  }

  /**
   * Connect's status of a connector: it and every one of its tasks (one at least) in {@code state}.
   */
  private static boolean isAll(HttpResponse<String> status, String state) throws IOException {
    if (status.statusCode() != 200) {
      return false;
    }
    JsonNode s = JSON.readTree(status.body());
    JsonNode tasks = s.path("tasks");
    if (!s.path("connector").path("state").asText().equals(state) || tasks.isEmpty()) {
      return false;
    }
    for (JsonNode t : tasks) {
      if (!t.path("state").asText().equals(state)) {
        return false;
      }
    }
    return true;
  }
}
