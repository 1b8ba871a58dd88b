package dev.railyard.host.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.api.platform.answers.ConnectorView;
import dev.railyard.rules.delivery.GuardedSinkConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connectors as the API shows them: config with secrets masked, state and tasks in one object, and
 * Railyard's auto-restart state. Remembers which keys each connector class declares as PASSWORD.
 * Thread-safe.
 */
final class ConnectorViews {

  private final ConnectRest connect;
  private final RestartSupervisor restarts;
  private final Map<String, Set<String>> passwordKeys = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Set<String>>> asking = new ConcurrentHashMap<>();

  static final long LIST_CACHE_MS = 2000;
  private volatile Listed listed;

  ConnectorViews(ConnectRest connect, RestartSupervisor restarts) {
    this.connect = connect;
    this.restarts = restarts;
  }

  void rememberPasswordKeys(String connectorClass, Set<String> keys) {
    passwordKeys.put(connectorClass, Set.copyOf(keys));
  }

  /**
   * Every connector, sorted by name. Answers within {@value #LIST_CACHE_MS} ms of each other share
   * one Connect call, so dashboards polling the list cost Connect one call per interval however
   * many are open; a change made through the service ({@link #forget}) is seen at once.
   */
  CompletableFuture<List<ConnectorView>> all() {
    Listed cached = listed;
    long now = System.nanoTime();
    if (cached != null && now - cached.at() < LIST_CACHE_MS * 1_000_000L) {
      return cached.views();
    }
    CompletableFuture<List<ConnectorView>> fresh = list();
    Listed mine = new Listed(now, fresh);
    listed = mine;
    // a failure is not kept: the next call asks Connect again
    fresh.whenComplete(
        (views, failure) -> {
          if (failure != null && listed == mine) {
            listed = null;
          }
        });
    return fresh;
  }

  /** Drops the cached list, after a change. */
  void forget() {
    listed = null;
  }

  private record Listed(long at, CompletableFuture<List<ConnectorView>> views) {}

  private CompletableFuture<List<ConnectorView>> list() {
    return connect
        .send("GET", "/connectors?expand=status&expand=info", null)
        .thenCompose(
            r -> {
              r.orThrow();
              List<String> names = new ArrayList<>();
              r.body().fieldNames().forEachRemaining(names::add);
              names.sort(null);
              List<CompletableFuture<ConnectorView>> views = new ArrayList<>();
              for (String name : names) {
                JsonNode entry = r.body().get(name);
                views.add(view(name, entry.path("info"), entry.path("status")));
              }
              return CompletableFuture.allOf(views.toArray(CompletableFuture[]::new))
                  .thenApply(v -> views.stream().map(CompletableFuture::join).toList());
            });
  }

  /** One connector, or null when it does not exist. */
  CompletableFuture<ConnectorView> one(String name) {
    String path = "/connectors/" + ConnectorService.encode(name);
    CompletableFuture<ConnectRest.Answer> info = connect.send("GET", path, null);
    CompletableFuture<ConnectRest.Answer> status = connect.send("GET", path + "/status", null);
    return info.thenCombine(
            status,
            (i, s) ->
                i.status() == 404
                    ? null
                    : new JsonNode[] {i.orThrow().body(), s.ok() ? s.body() : null})
        .thenCompose(
            nodes ->
                nodes == null
                    ? CompletableFuture.completedFuture(null)
                    : view(name, nodes[0], nodes[1] == null ? missingStatus() : nodes[1]));
  }

  /** Secrets of a config masked, using what is known of its class's PASSWORD keys. */
  Map<String, String> mask(Map<String, String> config) {
    return SecretMasking.mask(config, passwordKeys.getOrDefault(hostedClass(config), Set.of()));
  }

  // a rule target's connector is the delivery guard; the keys are those of the sink it runs
  private static String hostedClass(Map<String, String> config) {
    String delegate = config.get(GuardedSinkConfig.DELEGATE_CLASS_CONFIG);
    return delegate != null ? delegate : config.getOrDefault("connector.class", "");
  }

  private CompletableFuture<ConnectorView> view(String name, JsonNode info, JsonNode status) {
    Map<String, String> config = new LinkedHashMap<>();
    info.path("config")
        .fields()
        .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
    return knownPasswordKeys(hostedClass(config))
        .thenApply(
            keys -> {
              JsonNode connector = status.path("connector");
              return new ConnectorView(
                  name,
                  info.path("type").asText(status.path("type").asText("unknown")),
                  connector.path("state").asText("UNASSIGNED"),
                  connector.path("worker_id").asText(null),
                  trace(connector),
                  tasks(status.path("tasks")),
                  SecretMasking.mask(config, keys),
                  restarts.describe(name));
            });
  }

  private static List<ConnectorView.Task> tasks(JsonNode tasks) {
    List<ConnectorView.Task> list = new ArrayList<>();
    for (JsonNode t : tasks) {
      list.add(
          new ConnectorView.Task(
              t.path("id").asInt(),
              t.path("state").asText(),
              t.path("worker_id").asText(null),
              trace(t)));
    }
    return list;
  }

  /** The trace Connect gives for a failed connector or task, or null when it gives none. */
  private static String trace(JsonNode unit) {
    return unit.has("trace") ? unit.get("trace").asText() : null;
  }

  private CompletableFuture<Set<String>> knownPasswordKeys(String connectorClass) {
    Set<String> known = passwordKeys.get(connectorClass);
    if (known != null || connectorClass.isEmpty()) {
      return CompletableFuture.completedFuture(known == null ? Set.of() : known);
    }
    // one question per class at a time: a first list of 500 connectors of three classes asks
    // Connect three times, not 500
    CompletableFuture<Set<String>> mine = new CompletableFuture<>();
    CompletableFuture<Set<String>> asked = asking.putIfAbsent(connectorClass, mine);
    if (asked != null) {
      return asked;
    }
    askPasswordKeys(connectorClass)
        .whenComplete(
            (keys, failure) -> {
              asking.remove(connectorClass, mine);
              if (failure != null) {
                mine.completeExceptionally(failure);
              } else {
                mine.complete(keys);
              }
            });
    return mine;
  }

  private CompletableFuture<Set<String>> askPasswordKeys(String connectorClass) {
    return connect
        .send(
            "GET",
            "/connector-plugins/" + ConnectorService.encode(connectorClass) + "/config",
            null)
        .thenApply(
            r -> {
              Set<String> keys = new TreeSet<>();
              if (r.ok()) {
                r.body()
                    .forEach(
                        k -> {
                          if ("PASSWORD".equals(k.path("type").asText())) {
                            keys.add(k.path("name").asText());
                          }
                        });
                passwordKeys.put(connectorClass, Set.copyOf(keys));
              }
              return keys;
            });
  }

  private static JsonNode missingStatus() {
    return ConnectRest.MAPPER.createObjectNode();
  }
}
