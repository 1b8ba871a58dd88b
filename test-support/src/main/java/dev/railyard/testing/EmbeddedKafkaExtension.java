package dev.railyard.testing;

import dev.railyard.embedded.broker.EmbeddedBroker;
import dev.railyard.embedded.worker.WorkerProcess;
import dev.railyard.embedded.worker.WorkerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Starts the cluster of an {@link EmbeddedKafka} class once and stops it after the class. */
public final class EmbeddedKafkaExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(EmbeddedKafkaExtension.class);
  private static final Duration WORKER_START = Duration.ofSeconds(90);

  @Override
  public void beforeAll(ExtensionContext context) {
    int workers =
        context.getRequiredTestClass().getAnnotation(EmbeddedKafka.class) == null
            ? 0
            : context.getRequiredTestClass().getAnnotation(EmbeddedKafka.class).workers();
    context
        .getStore(NS)
        .getOrComputeIfAbsent("cluster", k -> Resource.start(workers), Resource.class);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KafkaCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getStore(NS).get("cluster", Resource.class).cluster;
  }

  /** Closed by JUnit when the class's store is discarded. */
  static final class Resource implements ExtensionContext.Store.CloseableResource {

    private final EmbeddedBroker broker;
    private final List<WorkerProcess> workers;
    private final Path dir;
    private KafkaCluster cluster;

    private Resource(EmbeddedBroker broker, List<WorkerProcess> workers, Path dir) {
      this.broker = broker;
      this.workers = workers;
      this.dir = dir;
    }

    static Resource start(int workerCount) {
      Path dir = createTempDir();
      createDirectories(dir.resolve("plugins"));
      EmbeddedBroker broker =
          EmbeddedBroker.start(
              dir.resolve("kafka"), "127.0.0.1", 0, Duration.ofSeconds(60), Map.of());
      List<WorkerProcess> workers = new ArrayList<>();
      Resource resource = new Resource(broker, workers, dir);
      try {
        WorkerSettings settings =
            new WorkerSettings(
                broker.bootstrapServers(), "railyard", dir.resolve("plugins"), 3000, Map.of());
        for (int i = 1; i <= workerCount; i++) {
          workers.add(
              WorkerProcess.launch(
                  "worker-" + i,
                  settings.toProperties(),
                  dir.resolve("run"),
                  dir.resolve("logs"),
                  List.of("-Xmx512m")));
        }
        workers.forEach(w -> w.awaitReady(WORKER_START));
        resource.cluster = new KafkaCluster(broker, workers, dir);
      } catch (RuntimeException e) {
        resource.close();
        throw e;
      }
      return resource;
    }

    @Override
    public void close() {
      workers.forEach(w -> w.stop(Duration.ofSeconds(30)));
      broker.close();
      deleteRecursively(dir);
    }

    private static void createDirectories(Path dir) {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static Path createTempDir() {
      try {
        return Files.createTempDirectory("railyard-test-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static void deleteRecursively(Path dir) {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
