package dev.railyard.host.workers;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** A Connect worker in memory: ready when asked, and it exits when the test says so. */
final class FakeWorker implements WorkerHandle {

  private static final AtomicInteger PIDS = new AtomicInteger(1000);

  final String name;
  private final long pid = PIDS.incrementAndGet();
  private final Instant startedAt = Instant.now();
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private final String failure;
  private final String stderr;
  private volatile boolean announced;

  /**
   * @param failure null for a worker that starts; else the reason its awaitReady gives
   * @param stderr what it wrote to standard error
   */
  FakeWorker(String name, String failure, String stderr) {
    this.name = name;
    this.failure = failure;
    this.stderr = stderr;
  }

  /** Ends it with {@code code}, as the process exiting would. */
  void exit(int code) {
    exit.complete(code);
  }

  boolean stopped() {
    return exit.isDone();
  }

  @Override
  public long pid() {
    return pid;
  }

  @Override
  public Instant startedAt() {
    return startedAt;
  }

  @Override
  public CompletableFuture<Integer> onExit() {
    return exit;
  }

  @Override
  public boolean hasAnnounced() {
    return announced;
  }

  @Override
  public String stderrTail() {
    return stderr;
  }

  @Override
  public String restUrl() {
    return announced ? "http://127.0.0.1:" + (8000 + pid % 1000) : null;
  }

  @Override
  public String workerId() {
    return announced ? "127.0.0.1:" + (8000 + pid % 1000) : null;
  }

  @Override
  public String awaitReady(Duration timeout) {
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
    announced = true;
    return restUrl();
  }

  @Override
  public boolean stop(Duration timeout) {
    exit.complete(0);
    return true;
  }

  @Override
  public void kill() {
    exit.complete(137);
  }
}
