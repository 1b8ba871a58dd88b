package dev.railyard.host.workers;

import dev.railyard.api.platform.WorkerControl;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The worker pool as the API sees it when Connect's workers run elsewhere (a Deployment on
 * Kubernetes, reached through its Service): everything is the pool's, but Connect's REST API is at
 * the configured URL, so connectors, rules and {@code /connect/**} reach those workers.
 */
public final class RemoteConnect implements WorkerControl {

  private final WorkerControl pool;
  private final String url;

  /**
   * @param pool the child-process pool (usually empty then)
   * @param url the workers' REST base URL, e.g. {@code http://railyard-worker:8083}
   */
  public RemoteConnect(WorkerControl pool, String url) {
    this.pool = pool;
    this.url = url;
  }

  @Override
  public List<WorkerInfo> workers() {
    return pool.workers();
  }

  @Override
  public CompletionStage<List<WorkerInfo>> scaleTo(int count) {
    return pool.scaleTo(count);
  }

  @Override
  public int minWorkers() {
    return pool.minWorkers();
  }

  @Override
  public int maxWorkers() {
    return pool.maxWorkers();
  }

  @Override
  public RolloutInfo rollingRestart(String reason) {
    return pool.rollingRestart(reason);
  }

  @Override
  public Optional<RolloutInfo> rollout() {
    return pool.rollout();
  }

  @Override
  public Optional<String> connectRestUrl() {
    return Optional.of(url);
  }
}
