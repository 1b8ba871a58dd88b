package dev.railyard.host.health;

import dev.railyard.api.platform.HealthProbe;
import dev.railyard.host.workers.WorkerPool;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Broker, workers and rules, each up or down with a reason (rules with a warning when the figures
 * cannot be read). Thread-safe.
 */
public final class PlatformHealth implements HealthProbe {

  private static final int BROKER_TIMEOUT_MS = 3000;

  private final Admin admin;
  private final String bootstrapServers;
  private final WorkerPool workers;
  private final Supplier<ComponentHealth> rules;

  /**
   * @param rules the rules component (the follower of the rules topic and the figures)
   */
  public PlatformHealth(
      Admin admin, String bootstrapServers, WorkerPool workers, Supplier<ComponentHealth> rules) {
    this.admin = admin;
    this.bootstrapServers = bootstrapServers;
    this.workers = workers;
    this.rules = rules;
  }

  @Override
  public List<ComponentHealth> components() {
    return List.of(broker(), workers(), rules.get());
  }

  private ComponentHealth broker() {
    try {
      int nodes =
          admin
              .describeCluster(new DescribeClusterOptions().timeoutMs(BROKER_TIMEOUT_MS))
              .nodes()
              .get(BROKER_TIMEOUT_MS, TimeUnit.MILLISECONDS)
              .size();
      return new ComponentHealth("broker", true, nodes + " broker(s) at " + bootstrapServers);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ComponentHealth("broker", false, "interrupted");
    } catch (ExecutionException | TimeoutException e) {
      return new ComponentHealth(
          "broker",
          false,
          "Kafka at " + bootstrapServers + " did not answer within " + BROKER_TIMEOUT_MS + " ms");
    }
  }

  private ComponentHealth workers() {
    long running = workers.runningCount();
    int total = workers.workers().size();
    // a pool scaled to zero on purpose is healthy; one whose workers all died is not
    boolean up = running > 0 || total == 0;
    String detail = running + " of " + total + " worker(s) running";
    List<String> failures = workers.failures();
    if (!failures.isEmpty()) {
      detail += "; failed, not restarted: " + String.join("; ", failures);
    }
    return new ComponentHealth("workers", up, detail);
  }
}
