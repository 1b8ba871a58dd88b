package dev.railyard.host.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.api.platform.answers.ConnectorView;
import dev.railyard.host.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts failed connectors and tasks with a growing backoff, which Kafka Connect never does by
 * itself. Every pass reads all statuses once; each failed unit is restarted when its backoff has
 * passed. A unit that runs again for {@link #STABLE_AFTER} is forgotten. Thread-safe.
 */
public final class RestartSupervisor implements AutoCloseable {

  static final Duration STABLE_AFTER = Duration.ofMinutes(1);
  private static final Logger log = LoggerFactory.getLogger(RestartSupervisor.class);

  private final ConnectRest connect;
  private final Clock clock;
  private final Map<String, Map<String, TrackedFailure>> tracked = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          DaemonThreads.named("railyard-restart-supervisor"));

  public RestartSupervisor(ConnectRest connect, Clock clock) {
    this.connect = connect;
    this.clock = clock;
  }

  /** Checks every {@code interval} from now on. */
  public void start(Duration interval) {
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            check().get(60, TimeUnit.SECONDS);
          } catch (Exception e) {
            log.debug("Restart check skipped: {}", e.toString());
          }
        },
        interval.toMillis(),
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** One pass over every connector. */
  CompletableFuture<Void> check() {
    return connect
        .send("GET", "/connectors?expand=status&expand=info", null)
        .thenAccept(
            r -> {
              if (!r.ok()) {
                return;
              }
              Set<String> present = new HashSet<>();
              r.body()
                  .fields()
                  .forEachRemaining(
                      e -> {
                        present.add(e.getKey());
                        checkConnector(e.getKey(), e.getValue());
                      });
              tracked.keySet().retainAll(present);
            });
  }

  private void checkConnector(String name, JsonNode entry) {
    Map<String, String> config = new LinkedHashMap<>();
    entry
        .path("info")
        .path("config")
        .fields()
        .forEachRemaining(c -> config.put(c.getKey(), c.getValue().asText()));
    RestartPolicy policy = RestartPolicy.of(config);
    JsonNode status = entry.path("status");
    checkUnit(name, "connector", status.path("connector"), policy);
    for (JsonNode task : status.path("tasks")) {
      checkUnit(name, "task-" + task.path("id").asInt(), task, policy);
    }
  }

  private void checkUnit(String name, String unit, JsonNode status, RestartPolicy policy) {
    Instant now = clock.instant();
    String state = status.path("state").asText();
    Map<String, TrackedFailure> units =
        tracked.computeIfAbsent(name, k -> new ConcurrentHashMap<>());
    TrackedFailure failure = units.get(unit);
    if (!"FAILED".equals(state)) {
      if (failure != null && !failure.recovered(now, state).isAfter(now.minus(STABLE_AFTER))) {
        units.remove(unit);
      }
      return;
    }
    if (!policy.enabled()) {
      return;
    }
    if (failure == null) {
      failure = new TrackedFailure(now);
      units.put(unit, failure);
    }
    if (failure.due(now, policy)) {
      restart(name, unit, status, failure);
    }
  }

  private void restart(String name, String unit, JsonNode status, TrackedFailure failure) {
    String path =
        "/connectors/"
            + ConnectorService.encode(name)
            + (unit.equals("connector") ? "/restart" : "/tasks/" + unit.substring(5) + "/restart");
    log.warn(
        "Connector {} {} failed ({}); restarting it, attempt {}",
        name,
        unit.replace('-', ' '),
        firstLine(status.path("trace").asText("no trace")),
        failure.attempts() + 1);
    failure.restarted(clock.instant());
    connect
        .send("POST", path, null)
        .thenAccept(
            r -> {
              if (!r.ok()) {
                log.warn("Restart of connector {} {} was refused: {}", name, unit, r.message());
              }
            });
  }

  /** Railyard's restart state of one connector, for the API: per unit attempts and backoffs. */
  public Map<String, ConnectorView.AutoRestart> describe(String name) {
    Map<String, ConnectorView.AutoRestart> units = new LinkedHashMap<>();
    tracked.getOrDefault(name, Map.of()).forEach((unit, f) -> units.put(unit, f.describe()));
    return units;
  }

  private static String firstLine(String trace) {
    int nl = trace.indexOf('\n');
    return nl < 0 ? trace : trace.substring(0, nl);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
