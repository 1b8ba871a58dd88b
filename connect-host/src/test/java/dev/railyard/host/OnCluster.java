package dev.railyard.host;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * A platform on a Kafka cluster of the test's own, both in one temporary directory: started
 * together (the cluster closed again when the platform does not start) and closed together.
 *
 * @param <C> the cluster
 */
final class OnCluster<C extends AutoCloseable> implements AutoCloseable {

  /** Starts a cluster in a directory; may throw. */
  @FunctionalInterface
  interface ClusterStart<C> {
    C start(Path dir) throws Exception;
  }

  final Path dir;
  final C cluster;
  final Platform platform;
  final ApiClient api;

  private OnCluster(Path dir, C cluster, Platform platform) {
    this.dir = dir;
    this.cluster = cluster;
    this.platform = platform;
    this.api = new ApiClient(platform);
  }

  /**
   * Starts the cluster in {@code <dir>/kafka}, then a platform of {@code workers} in {@code
   * <dir>/railyard} with the settings {@code settings} makes of the cluster.
   */
  static <C extends AutoCloseable> OnCluster<C> start(
      ClusterStart<C> clusterStart, int workers, Function<C, Map<String, String>> settings)
      throws Exception {
    Path dir = TestPlatforms.tempDir();
    C cluster = clusterStart.start(dir.resolve("kafka"));
    try {
      return new OnCluster<>(
          dir,
          cluster,
          TestPlatforms.start(dir.resolve("railyard"), workers, settings.apply(cluster)));
    } catch (RuntimeException e) {
      cluster.close();
      TestPlatforms.delete(dir);
      throw e;
    }
  }

  @Override
  public void close() throws Exception {
    try {
      platform.close();
    } finally {
      try {
        cluster.close();
      } finally {
        TestPlatforms.delete(dir);
      }
    }
  }
}
