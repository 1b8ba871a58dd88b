package dev.railyard.host.autoscale;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.autoscale.collect.ConnectView;
import dev.railyard.autoscale.collect.ConnectorState;
import dev.railyard.autoscale.policy.ConnectorLoad.Kind;
import dev.railyard.host.connectors.ConnectRest;
import dev.railyard.rules.connect.RouterSinkConnector;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Every connector's config and status in one Connect request ({@code GET
 * /connectors?expand=status&expand=info}); a bus's router is told apart from other sinks by its
 * class. A log source's committed offsets in one request each.
 */
final class ConnectStatusView implements ConnectView {

  private static final long TIMEOUT_S = 10;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private final ConnectRest connect;

  ConnectStatusView(ConnectRest connect) {
    this.connect = connect;
  }

  @Override
  public List<ConnectorState> connectors() throws Exception {
    ConnectRest.Answer answer =
        connect
            .send("GET", "/connectors?expand=status&expand=info", null)
            .get(TIMEOUT_S, TimeUnit.SECONDS)
            .orThrow();
    Map<String, ConnectorState> byName = new TreeMap<>();
    answer
        .body()
        .fields()
        .forEachRemaining(e -> byName.put(e.getKey(), state(e.getKey(), e.getValue())));
    return List.copyOf(byName.values());
  }

  /**
   * {@code GET /connectors/{name}/offsets} (KIP-875, Connect 3.5+): for a source, {@code
   * {"offsets": [{"partition": {...}, "offset": {...}}]}}.
   */
  @Override
  public List<SourceOffset> sourceOffsets(String connector) throws Exception {
    ConnectRest.Answer answer =
        connect
            .send(
                "GET",
                "/connectors/"
                    + URLEncoder.encode(connector, StandardCharsets.UTF_8).replace("+", "%20")
                    + "/offsets",
                null)
            .get(TIMEOUT_S, TimeUnit.SECONDS)
            .orThrow();
    return offsets(answer.body());
  }

  static List<SourceOffset> offsets(JsonNode body) {
    List<SourceOffset> offsets = new ArrayList<>();
    for (JsonNode o : body.path("offsets")) {
      if (o.path("partition").isObject() && o.path("offset").isObject()) {
        offsets.add(
            new SourceOffset(
                JSON.convertValue(o.get("partition"), MAP),
                JSON.convertValue(o.get("offset"), MAP)));
      }
    }
    return offsets;
  }

  static ConnectorState state(String name, JsonNode node) {
    Map<String, String> config = new LinkedHashMap<>();
    node.path("info")
        .path("config")
        .fields()
        .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
    JsonNode status = node.path("status");
    String type = status.path("type").asText(node.path("info").path("type").asText("sink"));
    Kind kind =
        type.equals("source")
            ? Kind.SOURCE
            : RouterSinkConnector.class.getName().equals(config.get("connector.class"))
                ? Kind.ROUTER
                : Kind.SINK;
    List<ConnectorState.TaskState> tasks = new ArrayList<>();
    for (JsonNode t : status.path("tasks")) {
      tasks.add(
          new ConnectorState.TaskState(
              t.path("id").asInt(), t.path("state").asText(), t.path("worker_id").asText(null)));
    }
    return new ConnectorState(
        name, kind, config, status.path("connector").path("state").asText("UNASSIGNED"), tasks);
  }
}
