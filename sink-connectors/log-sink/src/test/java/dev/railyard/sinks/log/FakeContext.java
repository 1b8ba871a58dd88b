package dev.railyard.sinks.log;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** The part of Connect's task context the log sink uses: the offsets it asks to resume at. */
final class FakeContext implements SinkTaskContext {

  final Map<TopicPartition, Long> offsets = new HashMap<>();
  int commitRequests;

  @Override
  public Map<String, String> configs() {
    return Map.of();
  }

  @Override
  public void offset(Map<TopicPartition, Long> offsets) {
    this.offsets.putAll(offsets);
  }

  @Override
  public void offset(TopicPartition tp, long offset) {
    offsets.put(tp, offset);
  }

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
  public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
    return null;
  }

  @Override
  public void requestCommit() {
    commitRequests++;
  }
}
