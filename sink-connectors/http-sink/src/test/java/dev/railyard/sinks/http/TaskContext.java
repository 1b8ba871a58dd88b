package dev.railyard.sinks.http;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** A task context for the sink's tests: counts the commits the task asked for. */
final class TaskContext implements SinkTaskContext {

  final AtomicInteger commitsRequested = new AtomicInteger();

  @Override
  public Map<String, String> configs() {
    return Map.of();
  }

  @Override
  public void offset(Map<TopicPartition, Long> offsets) {}

  @Override
  public void offset(TopicPartition tp, long offset) {}

  @Override
  public void timeout(long timeoutMs) {}

  @Override
  public Set<TopicPartition> assignment() {
    return Set.of();
  }

  @Override
  public void pause(TopicPartition... partitions) {}

  @Override
  public void resume(TopicPartition... partitions) {}

  @Override
  public void requestCommit() {
    commitsRequested.incrementAndGet();
  }

  @Override
  public ErrantRecordReporter errantRecordReporter() {
    return null;
  }

  @Override
  public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
    return null;
  }
}
