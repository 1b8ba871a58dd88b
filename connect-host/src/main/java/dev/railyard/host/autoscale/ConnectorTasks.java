package dev.railyard.host.autoscale;

import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.answers.ConnectorApplied;
import dev.railyard.autoscale.actuate.TaskActuator;
import dev.railyard.host.connectors.ConnectorService;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Changes tasks through the connector service (validated with the connector's ConfigDef, its other
 * settings kept), and remembers what it set so that applying rules keeps a router's or target's
 * scaled count instead of undoing it. Thread-safe.
 */
final class ConnectorTasks implements TaskActuator {

  private final ConnectorService connectors;
  private final Map<String, Integer> scaled = new ConcurrentHashMap<>();

  ConnectorTasks(ConnectorService connectors) {
    this.connectors = connectors;
  }

  @Override
  public CompletionStage<?> setTasks(String connector, int tasks) {
    return connectors
        .setTasks(connector, tasks)
        .thenApply(
            outcome -> {
              if (outcome instanceof Outcome.Refused<ConnectorApplied> refused) {
                if (refused.kind() == Outcome.Kind.NOT_FOUND) {
                  scaled.remove(connector);
                  throw new NoSuchConnector(connector);
                }
                throw new IllegalStateException(refused.message());
              }
              scaled.put(connector, tasks);
              return outcome;
            });
  }

  /**
   * Forgets the connectors Connect no longer has, so a connector created again under an old name
   * starts from its own config, not from the count its namesake was scaled to.
   */
  void retain(java.util.Set<String> connectors) {
    scaled.keySet().retainAll(connectors);
  }

  /** The tasks last set on {@code connector}, if any were. */
  OptionalInt scaledTasks(String connector) {
    Integer n = scaled.get(connector);
    return n == null ? OptionalInt.empty() : OptionalInt.of(n);
  }
}
