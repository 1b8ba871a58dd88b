package dev.railyard.api;

import dev.railyard.api.platform.AutoscaleAdmin;
import dev.railyard.api.platform.BusAdmin;
import dev.railyard.api.platform.ConnectorAdmin;
import dev.railyard.api.platform.EventPublisher;
import dev.railyard.api.platform.EventTail;
import dev.railyard.api.platform.HealthProbe;
import dev.railyard.api.platform.PluginCatalog;
import dev.railyard.api.platform.RuleAdmin;
import dev.railyard.api.platform.WorkerControl;
import java.util.Objects;

/**
 * The platform as the API sees it: the implementations the control plane hands to {@link
 * ApiServer#start}. None may be null; each must be thread-safe.
 */
public record PlatformServices(
    HealthProbe health,
    EventPublisher events,
    WorkerControl workers,
    ConnectorAdmin connectors,
    PluginCatalog plugins,
    RuleAdmin rules,
    AutoscaleAdmin autoscale,
    EventTail tail,
    BusAdmin buses) {

  public PlatformServices {
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(workers, "workers");
    Objects.requireNonNull(connectors, "connectors");
    Objects.requireNonNull(plugins, "plugins");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(autoscale, "autoscale");
    Objects.requireNonNull(tail, "tail");
    Objects.requireNonNull(buses, "buses");
  }
}
