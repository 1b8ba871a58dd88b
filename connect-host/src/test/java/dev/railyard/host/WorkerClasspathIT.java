package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.embedded.worker.WorkerClasspath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The distribution's worker class path (target/worker/lib, made by {@code mvn package}). */
class WorkerClasspathIT {

  private static final Path WORKER_LIB =
      Path.of("target").resolve(WorkerClasspath.DISTRIBUTION_DIR);

  @Test
  void shouldHoldTheConnectRuntimeTheRouterAndTheBuiltInConnectors() throws IOException {
    assertThat(jarNames())
        .anyMatch(n -> n.startsWith("connect-runtime-"))
        .anyMatch(n -> n.startsWith("connect-mirror-"))
        .anyMatch(n -> n.startsWith("connect-file-"))
        .anyMatch(n -> n.startsWith("router-"))
        .anyMatch(n -> n.startsWith("railyard-http-sink-"))
        .anyMatch(n -> n.startsWith("worker-"))
        .anyMatch(n -> n.startsWith("log4j-core-"));
  }

  @Test
  void shouldHoldNoJarOnlyTheControlPlaneNeeds() throws IOException {
    assertThat(jarNames())
        .noneMatch(n -> n.startsWith("vertx-"))
        .noneMatch(n -> n.startsWith("maven-resolver-"))
        .noneMatch(n -> n.startsWith("micrometer-"))
        .noneMatch(n -> n.startsWith("ui-api-"))
        .noneMatch(n -> n.startsWith("connect-host"))
        .noneMatch(n -> n.startsWith("railyard.jar"))
        .noneMatch(n -> n.startsWith("embedded-"))
        .noneMatch(n -> n.startsWith("autoscale-"))
        .noneMatch(n -> n.startsWith("kafka_2.13-"))
        .noneMatch(n -> n.startsWith("kafka-server-"));
  }

  @Test
  void shouldBeWhatTheWorkersOfTheseTestsRunPlusTheTestPlugins() throws IOException {
    List<Path> classpath = WorkerClasspath.current();

    assertThat(classpath.stream().map(p -> p.getFileName().toString())).containsAll(jarNames());
    assertThat(classpath).allMatch(p -> p.toString().endsWith(".jar") || Files.isDirectory(p));
  }

  private static List<String> jarNames() throws IOException {
    try (Stream<Path> jars = Files.list(WORKER_LIB)) {
      return jars.map(p -> p.getFileName().toString()).toList();
    }
  }
}
