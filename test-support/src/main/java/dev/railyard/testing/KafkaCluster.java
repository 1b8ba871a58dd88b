package dev.railyard.testing;

import dev.railyard.embedded.broker.EmbeddedBroker;
import dev.railyard.embedded.worker.WorkerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** The broker and workers of one test class, as a test sees them. Thread-safe. */
public final class KafkaCluster {

  private final EmbeddedBroker broker;
  private final List<WorkerProcess> workers;
  private final Path dataDir;

  KafkaCluster(EmbeddedBroker broker, List<WorkerProcess> workers, Path dataDir) {
    this.broker = broker;
    this.workers = List.copyOf(workers);
    this.dataDir = dataDir;
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** The class's private scratch directory, deleted after the class. */
  public Path dataDir() {
    return dataDir;
  }

  public List<WorkerProcess> workers() {
    return workers;
  }

  /** The REST URL of the first worker, if the class asked for workers. */
  public Optional<String> connectRestUrl() {
    return workers.stream().map(WorkerProcess::restUrl).filter(u -> u != null).findFirst();
  }

  /** A new Admin client on the cluster; the caller closes it. */
  public Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
  }

  /** A name no other test of the run uses, for topics, connectors and files. */
  public static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Creates a topic and waits until the broker has it. */
  public void createTopic(String name, int partitions) {
    try (Admin admin = admin()) {
      admin
          .createTopics(Set.of(new NewTopic(name, partitions, (short) 1)))
          .all()
          .get(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Could not create topic " + name, e);
    }
  }
}
