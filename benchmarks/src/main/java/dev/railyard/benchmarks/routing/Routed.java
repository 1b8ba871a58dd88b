package dev.railyard.benchmarks.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;

/**
 * How far the router got: the records in the delivery topics, read from their end offsets in a
 * background every 20 ms, and when they reached what was expected — the router's own rate, apart
 * from its targets'.
 */
final class Routed implements AutoCloseable {

  private final Admin admin;
  private final List<TopicPartition> partitions = new ArrayList<>();
  private final long expected;
  private final long from = System.nanoTime();
  private final CompletableFuture<Void> watch;
  private volatile long doneAt = -1;
  private volatile boolean closed;

  Routed(String bootstrap, List<String> topics, long expected)
      throws InterruptedException, ExecutionException {
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    this.expected = expected;
    admin
        .describeTopics(topics)
        .allTopicNames()
        .get()
        .forEach(
            (name, d) ->
                d.partitions()
                    .forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
    Map<TopicPartition, Long> start = ends();
    this.watch =
        CompletableFuture.runAsync(
            () ->
                Awaitility.await("the router's " + expected + " writes")
                    .atMost(Duration.ofHours(1))
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(20))
                    .until(
                        () -> {
                          long routed = 0;
                          for (Map.Entry<TopicPartition, Long> e : ends().entrySet()) {
                            routed += e.getValue() - start.getOrDefault(e.getKey(), 0L);
                          }
                          if (routed >= expected) {
                            doneAt = System.nanoTime();
                          }
                          return doneAt >= 0 || closed;
                        }));
  }

  private Map<TopicPartition, Long> ends() throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
    Map<TopicPartition, Long> ends = new HashMap<>();
    admin.listOffsets(latest).all().get().forEach((p, o) -> ends.put(p, o.offset()));
    return ends;
  }

  /** Events a second the router wrote, from this watch's start until all were in; NaN if not. */
  double rate() {
    long done = doneAt;
    return done < 0 ? Double.NaN : expected / ((done - from) / 1e9);
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    try {
      watch.get(5, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // the figure is then NaN: rate() says so
    }
    admin.close();
  }
}
