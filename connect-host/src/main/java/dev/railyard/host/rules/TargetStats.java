package dev.railyard.host.rules;

import dev.railyard.rules.connect.RouterConfig;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per rule target, read from Kafka's own bookkeeping rather than counted in the workers: events
 * routed to it (end offsets of its delivery topic, replays included), delivered (what its sink
 * connector has committed), the lag between the two, and dead letters (end offsets of its
 * dead-letter topic). Refreshed by {@link #refresh}; exported as Micrometer gauges tagged rule and
 * target. Thread-safe.
 */
final class TargetStats {

  private static final Logger log = LoggerFactory.getLogger(TargetStats.class);

  /** One target's figures at the last refresh. */
  record Figures(long routed, long delivered, long deadLettered) {

    long lag() {
      return Math.max(0, routed - delivered);
    }

    Map<String, Object> view() {
      return Map.of("routed", routed, "delivered", delivered, "lag", lag(),
          "deadLettered", deadLettered);
    }
  }

  private final Admin admin;
  private final MeterRegistry registry;
  private final Map<String, Figures> figures = new ConcurrentHashMap<>();
  private final Map<String, List<Meter>> meters = new ConcurrentHashMap<>();

  TargetStats(Admin admin, MeterRegistry registry) {
    this.admin = admin;
    this.registry = registry;
  }

  /** The figures of a target, or null before its first refresh. */
  Figures of(String rule, String target) {
    return figures.get(key(rule, target));
  }

  /** Reads the offsets of every target of {@code rules}; drops the gauges of targets now gone. */
  void refresh(Map<String, Rule> rules) {
    Set<String> current = ConcurrentHashMap.newKeySet();
    for (Rule rule : rules.values()) {
      for (Target target : rule.targets()) {
        String key = key(rule.name(), target.name());
        current.add(key);
        try {
          figures.put(key, read(rule.name(), target.name()));
          meters.computeIfAbsent(key, k -> register(rule.name(), target.name()));
        } catch (Exception e) {
          log.debug("No figures for {}: {}", key, e.toString());
        }
      }
    }
    for (String gone : new ArrayList<>(meters.keySet())) {
      if (!current.contains(gone)) {
        meters.remove(gone).forEach(registry::remove);
        figures.remove(gone);
      }
    }
  }

  private Figures read(String rule, String target) throws Exception {
    String delivery = RouterConfig.deliveryTopic(rule, target);
    long routed = endOffsets(delivery);
    long deadLettered = endOffsets(RouterConfig.deadLetterTopic(rule, target));
    Map<TopicPartition, OffsetAndMetadata> committed = admin
        .listConsumerGroupOffsets("connect-" + RouterConfig.targetConnectorName(rule, target))
        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
    long delivered = committed.values().stream().filter(o -> o != null)
        .mapToLong(OffsetAndMetadata::offset).sum();
    return new Figures(routed, delivered, deadLettered);
  }

  private long endOffsets(String topic) throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic)
        .partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()),
            OffsetSpec.latest()));
    return admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).values().stream()
        .mapToLong(ListOffsetsResultInfo::offset).sum();
  }

  private List<Meter> register(String rule, String target) {
    String key = key(rule, target);
    List<Meter> list = new ArrayList<>();
    list.add(gauge("railyard.target.routed", rule, target, () -> get(key).routed()));
    list.add(gauge("railyard.target.delivered", rule, target, () -> get(key).delivered()));
    list.add(gauge("railyard.target.lag", rule, target, () -> get(key).lag()));
    list.add(gauge("railyard.target.dead.lettered", rule, target,
        () -> get(key).deadLettered()));
    return list;
  }

  private Figures get(String key) {
    return figures.getOrDefault(key, new Figures(0, 0, 0));
  }

  private Meter gauge(String name, String rule, String target, Supplier<Number> value) {
    return Gauge.builder(name, value).tag("rule", rule).tag("target", target)
        .register(registry);
  }

  private static String key(String rule, String target) {
    return rule + "." + target;
  }
}
