package dev.railyard.host.autoscale;

import dev.railyard.api.platform.WorkerControl;
import dev.railyard.autoscale.actuate.WorkerActuator;
import dev.railyard.autoscale.collect.Collector;
import dev.railyard.autoscale.collect.WorkerMetrics;
import dev.railyard.autoscale.control.Autoscaler;
import dev.railyard.autoscale.policy.ClusterSnapshot;
import dev.railyard.autoscale.policy.Decision;
import dev.railyard.autoscale.policy.PolicySettings;
import dev.railyard.host.connectors.ConnectRest;
import dev.railyard.host.connectors.ConnectorService;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.kafka.clients.admin.Admin;

/**
 * The autoscaler of a running platform, wired: the collector reads Connect and Kafka, tasks change
 * through the connector service, workers through the given actuator, metrics into the registry.
 * Created before the rules start (they keep the tasks it sets), started once they have.
 */
public final class Autoscaling implements AutoCloseable {

  private final Autoscaler autoscaler;
  private final ConnectorTasks tasks;
  private final AutoscaleService service;

  /**
   * @param props the {@code autoscale.*} settings of {@code railyard.properties}
   * @param defaultMin the reserved count when they set none: the host's {@code workers}
   * @param defaultMax the ceiling when they set none: the host's {@code workers.max}
   * @param processMetrics the pool's processes, when workers are child processes; else null
   * @throws org.apache.kafka.common.config.ConfigException naming a bad key
   */
  public Autoscaling(
      Map<String, String> props,
      int defaultMin,
      int defaultMax,
      Admin admin,
      ConnectRest connect,
      ConnectorService connectors,
      WorkerActuator workers,
      WorkerControl processMetrics,
      MeterRegistry registry) {
    PolicySettings settings = AutoscaleService.validated(props, defaultMin, defaultMax, workers);
    this.tasks = new ConnectorTasks(connectors);
    AutoscaleMetrics metrics = new AutoscaleMetrics(registry, workers);
    Collector collector =
        new Collector(
            admin,
            new ConnectStatusView(connect),
            processMetrics == null ? WorkerMetrics.NONE : new ProcessMetrics(processMetrics),
            workers,
            Clock.systemUTC(),
            Runtime.getRuntime().availableProcessors());
    this.autoscaler =
        new Autoscaler(
            collector,
            workers,
            tasks,
            settings,
            Clock.systemUTC(),
            new Autoscaler.Listener() {
              @Override
              public void onEntry(Autoscaler.Entry entry) {
                metrics.count(entry);
              }

              @Override
              public void onStep(ClusterSnapshot snapshot, Decision decision) {
                metrics.update(snapshot.connectors(), decision);
                if (snapshot.problem().isEmpty()) {
                  tasks.retain(
                      snapshot.connectors().stream()
                          .map(c -> c.name())
                          .collect(java.util.stream.Collectors.toSet()));
                }
              }
            });
    this.service = new AutoscaleService(autoscaler, workers, defaultMin, defaultMax);
  }

  /** Starts stepping every interval. */
  public void start() {
    autoscaler.start();
  }

  /** The tasks the autoscaler set on {@code connector}, which applying rules keeps. */
  public OptionalInt scaledTasks(String connector) {
    return tasks.scaledTasks(connector);
  }

  /** The API's view. */
  public AutoscaleService service() {
    return service;
  }

  @Override
  public void close() {
    autoscaler.close();
  }
}
