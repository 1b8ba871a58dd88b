package dev.railyard.sinks.kubernetes;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** What a sink task asks of Connect, recorded: pauses, rewinds, timeouts. */
final class FakeSinkContext implements SinkTaskContext {

  final Set<TopicPartition> assigned;
  final Set<TopicPartition> paused = new HashSet<>();
  final Map<TopicPartition, Long> rewound = new HashMap<>();
  long timeout;

  FakeSinkContext(TopicPartition... assigned) {
    this.assigned = Set.of(assigned);
  }

  @Override
  public Map<String, String> configs() {
    return Map.of();
  }

  @Override
  public void offset(Map<TopicPartition, Long> offsets) {
    rewound.putAll(offsets);
  }

  @Override
  public void offset(TopicPartition tp, long offset) {
    rewound.put(tp, offset);
  }

  @Override
  public void timeout(long timeoutMs) {
    timeout = timeoutMs;
  }

  @Override
  public Set<TopicPartition> assignment() {
    return assigned;
  }

  @Override
  public void pause(TopicPartition... partitions) {
    paused.addAll(List.of(partitions));
  }

  @Override
  public void resume(TopicPartition... partitions) {
    List.of(partitions).forEach(paused::remove);
  }

  @Override
  public void requestCommit() {}

  @Override
  public PluginMetrics pluginMetrics() {
    return null;
  }
}
