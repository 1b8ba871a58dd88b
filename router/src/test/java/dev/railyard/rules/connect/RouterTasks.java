package dev.railyard.rules.connect;

import dev.railyard.rules.model.RetryPolicy;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import dev.railyard.rules.model.Transform;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.sink.SinkRecord;

/** Rules, events, producers and a task context for the router's task tests. */
final class RouterTasks {

  static final String PAID =
      "{\"specversion\":\"1.0\",\"id\":\"0042\",\"source\":\"s\",\"type\":\"order.paid\","
          + "\"data\":{\"amount\":150}}";
  static final String ALL = "{\"source\":[\"s\"]}";
  static final String SHIPPED =
      "{\"specversion\":\"1.0\",\"id\":\"7\",\"source\":\"s\",\"type\":\"order.shipped\"}";

  private RouterTasks() {}

  static Target target(String name) {
    return new Target(
        name, new Target.Inline(Map.of("connector.class", "X")), RetryPolicy.DEFAULT, true);
  }

  static Rule rule(String name, String bus, String pattern, Target... targets) {
    return new Rule(name, bus, true, pattern, new Transform.WholeEvent(), List.of(targets));
  }

  static Map<String, Rule> rules(Rule... rules) {
    Map<String, Rule> map = new LinkedHashMap<>();
    for (Rule r : rules) {
      map.put(r.name(), r);
    }
    return map;
  }

  static SinkRecord event(String json) {
    return new SinkRecord(
        "railyard.bus.shop",
        0,
        null,
        "k".getBytes(StandardCharsets.UTF_8),
        null,
        json.getBytes(StandardCharsets.UTF_8),
        1);
  }

  static SinkRecord event(String json, int partition, long offset) {
    return new SinkRecord(
        "railyard.bus.shop",
        partition,
        null,
        "k".getBytes(StandardCharsets.UTF_8),
        null,
        json.getBytes(StandardCharsets.UTF_8),
        offset);
  }

  static org.apache.kafka.common.TopicPartition tp(int partition) {
    return new org.apache.kafka.common.TopicPartition("railyard.bus.shop", partition);
  }

  static String header(ProducerRecord<byte[], byte[]> record, String key) {
    Header h = record.headers().lastHeader(key);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  /** A producer whose writes wait until the test completes or fails them. */
  static MockProducer<byte[], byte[]> manualProducer() {
    return new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** A task context that keeps the seeks the task asks for. */
  static final class SeekRequests implements org.apache.kafka.connect.sink.SinkTaskContext {
    final Map<org.apache.kafka.common.TopicPartition, Long> offsets = new LinkedHashMap<>();

    @Override
    public Map<String, String> configs() {
      return Map.of();
    }

    @Override
    public void offset(Map<org.apache.kafka.common.TopicPartition, Long> offsets) {
      this.offsets.putAll(offsets);
    }

    @Override
    public void offset(org.apache.kafka.common.TopicPartition tp, long offset) {
      offsets.put(tp, offset);
    }

    @Override
    public void timeout(long timeoutMs) {}

    @Override
    public java.util.Set<org.apache.kafka.common.TopicPartition> assignment() {
      return java.util.Set.of();
    }

    @Override
    public void pause(org.apache.kafka.common.TopicPartition... partitions) {}

    @Override
    public void resume(org.apache.kafka.common.TopicPartition... partitions) {}

    @Override
    public void requestCommit() {}

    @Override
    public org.apache.kafka.connect.sink.ErrantRecordReporter errantRecordReporter() {
      return null;
    }

    @Override
    public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
      return null;
    }
  }
}
