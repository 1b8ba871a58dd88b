package dev.railyard.host.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.railyard.host.connectors.ConnectRest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The part of Kafka Connect's REST API the rule reconciler and the connector service talk to, in
 * memory on a loopback port: connectors and their configs (get, put, delete), config validation,
 * which finds no errors unless told otherwise, and plugins' config keys (none a PASSWORD). Records
 * every request as {@code METHOD path}.
 */
public final class FakeConnect implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  public final Map<String, Map<String, String>> connectors = new ConcurrentHashMap<>();
  public final List<String> requests = new CopyOnWriteArrayList<>();

  /**
   * The state Connect reports per connector: {@code connector} for the connector itself, {@code
   * task-N} for its tasks; a connector without an entry is RUNNING with no tasks.
   */
  public final Map<String, Map<String, String>> states = new ConcurrentHashMap<>();

  /** Config errors validation reports, by config key. */
  public final Map<String, String> validationErrors = new ConcurrentHashMap<>();

  /**
   * Connector config writes to accept before every later one is answered 500, as a worker that fell
   * over part way through a change would; negative accepts all.
   */
  public final java.util.concurrent.atomic.AtomicInteger configWritesBeforeFailure =
      new java.util.concurrent.atomic.AtomicInteger(-1);

  private final HttpServer server;

  public FakeConnect() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public ConnectRest rest() {
    String url = url();
    return new ConnectRest(() -> Optional.of(url));
  }

  /** The base URL of this REST API. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The requests that changed something: PUT of a connector config and DELETE. */
  public List<String> changes() {
    return requests.stream()
        .filter(r -> r.startsWith("DELETE") || r.startsWith("PUT /connectors/"))
        .toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
    requests.add(method + " " + path);
    String[] parts = path.split("/");
    byte[] body = exchange.getRequestBody().readAllBytes();
    if (path.equals("/connectors") && method.equals("GET")) {
      answer(exchange, 200, expanded());
    } else if (path.endsWith("/restart") && method.equals("POST")) {
      answer(exchange, connectors.containsKey(parts[2]) ? 204 : 404, null);
    } else if (parts.length >= 4 && parts[1].equals("connector-plugins") && method.equals("PUT")) {
      answer(exchange, 200, Map.of("configs", validation()));
    } else if (parts.length == 4 && parts[1].equals("connector-plugins") && method.equals("GET")) {
      answer(exchange, 200, List.of()); // a plugin's config keys: none is a PASSWORD
    } else if (parts.length == 4 && parts[3].equals("config") && method.equals("GET")) {
      Map<String, String> config = connectors.get(parts[2]);
      answer(exchange, config == null ? 404 : 200, config == null ? missing(parts[2]) : config);
    } else if (parts.length == 4
        && parts[3].equals("config")
        && method.equals("PUT")
        && configWritesBeforeFailure.getAndUpdate(n -> n > 0 ? n - 1 : n) == 0) {
      answer(exchange, 500, Map.of("message", "Request timed out"));
    } else if (parts.length == 4 && parts[3].equals("config") && method.equals("PUT")) {
      Map<String, String> config = new TreeMap<>();
      JsonNode node = JSON.readTree(body);
      node.fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
      connectors.put(parts[2], config);
      answer(exchange, 201, config);
    } else if (parts.length == 3 && parts[1].equals("connectors") && method.equals("GET")) {
      Map<String, String> config = connectors.get(parts[2]);
      answer(
          exchange,
          config == null ? 404 : 200,
          config == null
              ? missing(parts[2])
              : Map.of("name", parts[2], "config", config, "tasks", List.of(), "type", "sink"));
    } else if (parts.length == 3 && method.equals("DELETE")) {
      boolean existed = connectors.remove(parts[2]) != null;
      answer(exchange, existed ? 204 : 404, existed ? null : missing(parts[2]));
    } else {
      answer(exchange, 500, Map.of("message", "not faked: " + method + " " + path));
    }
  }

  // GET /connectors?expand=status&expand=info
  private Map<String, Object> expanded() {
    Map<String, Object> all = new TreeMap<>();
    connectors.forEach(
        (name, config) -> {
          Map<String, String> state = states.getOrDefault(name, Map.of());
          List<Map<String, Object>> tasks = new java.util.ArrayList<>();
          state.keySet().stream()
              .filter(k -> k.startsWith("task-"))
              .sorted()
              .forEach(
                  k ->
                      tasks.add(
                          Map.of(
                              "id",
                              Integer.parseInt(k.substring(5)),
                              "state",
                              state.get(k),
                              "worker_id",
                              "127.0.0.1:8083",
                              "trace",
                              "org.apache.kafka.connect.errors.ConnectException: boom")));
          all.put(
              name,
              Map.of(
                  "info",
                  Map.of("name", name, "config", config, "type", "sink"),
                  "status",
                  Map.of(
                      "name",
                      name,
                      "type",
                      "sink",
                      "connector",
                      Map.of(
                          "state",
                          state.getOrDefault("connector", "RUNNING"),
                          "worker_id",
                          "127.0.0.1:8083"),
                      "tasks",
                      tasks)));
        });
    return all;
  }

  private List<Map<String, Object>> validation() {
    return validationErrors.entrySet().stream()
        .map(
            e ->
                Map.<String, Object>of(
                    "value", Map.of("name", e.getKey(), "errors", List.of(e.getValue()))))
        .toList();
  }

  private static Map<String, String> missing(String name) {
    return Map.of("message", "Connector " + name + " not found");
  }

  private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
