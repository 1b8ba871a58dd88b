package dev.railyard.host.rules;

import dev.railyard.rules.connect.RouterConfig;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.stats.StatsSnapshot;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per rule target, read from Kafka's own bookkeeping rather than counted in the workers: events
 * routed to it (end offsets of its delivery topic, replays included), delivered (what its sink
 * connector has committed), the lag between the two, and dead letters (end offsets of its
 * dead-letter topic). Next to them, what only the tasks can count, as read from the stats topic:
 * events the rule matched, transform errors and failed delivery attempts of the target. Offsets are
 * refreshed by {@link #refresh}, counts are as last read; exported as Micrometer gauges tagged rule
 * and target (matched, a figure of the rule, is repeated for each of its targets). Thread-safe.
 */
final class TargetStats {

  private static final Logger log = LoggerFactory.getLogger(TargetStats.class);

  /** One target's figures: offsets as at the last refresh, counts as last read. */
  record Figures(
      long routed,
      long delivered,
      long deadLettered,
      long matched,
      long transformErrors,
      long failed) {

    long lag() {
      return Math.max(0, routed - delivered);
    }

    Figures withCounts(StatsSnapshot counts, String rule, String target) {
      return new Figures(
          routed,
          delivered,
          deadLettered,
          counts.matched(rule),
          counts.transformErrors(rule, target),
          counts.failed(rule, target));
    }

    Map<String, Object> view() {
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("matched", matched);
      view.put("routed", routed);
      view.put("delivered", delivered);
      view.put("lag", lag());
      view.put("deadLettered", deadLettered);
      view.put("transformErrors", transformErrors);
      view.put("failed", failed);
      return view;
    }
  }

  private final Admin admin;
  private final MeterRegistry registry;
  private final Map<String, Figures> figures = new ConcurrentHashMap<>();
  private final Map<String, List<Meter>> meters = new ConcurrentHashMap<>();
  private final Supplier<StatsSnapshot> counts;

  /**
   * @param counts the tasks' counts summed, as last read; called on every view and scrape
   */
  TargetStats(Admin admin, MeterRegistry registry, Supplier<StatsSnapshot> counts) {
    this.admin = admin;
    this.registry = registry;
    this.counts = counts;
  }

  /** The figures of a target, or null before its first refresh. */
  Figures of(String rule, String target) {
    Figures offsets = figures.get(key(rule, target));
    return offsets == null ? null : offsets.withCounts(counts.get(), rule, target);
  }

  /**
   * Reads the offsets of every target of {@code rules} in three Admin requests for all of them (the
   * topics' partitions, their end offsets, the sinks' committed offsets); drops the gauges of
   * targets now gone.
   */
  void refresh(Map<String, Rule> rules) {
    Map<String, String[]> targets = new HashMap<>(); // key -> {rule, target}
    rules
        .values()
        .forEach(
            r ->
                r.targets()
                    .forEach(
                        t ->
                            targets.put(
                                key(r.name(), t.name()), new String[] {r.name(), t.name()})));
    try {
      Map<String, Long> ends = endOffsets(targets.values());
      Map<String, Long> committed = committedOffsets(targets.values());
      targets.forEach(
          (key, rt) -> {
            Long routed = ends.get(RouterConfig.deliveryTopic(rt[0], rt[1]));
            if (routed == null) {
              return; // topics not created yet
            }
            figures.put(
                key,
                new Figures(
                    routed,
                    committed.getOrDefault(RouterConfig.targetConnectorName(rt[0], rt[1]), 0L),
                    ends.getOrDefault(RouterConfig.deadLetterTopic(rt[0], rt[1]), 0L),
                    0,
                    0,
                    0));
            meters.computeIfAbsent(key, k -> register(rt[0], rt[1]));
          });
    } catch (Exception e) {
      log.debug("Target figures not read: {}", e.toString());
    }
    for (String gone : new ArrayList<>(meters.keySet())) {
      if (!targets.containsKey(gone)) {
        meters.remove(gone).forEach(registry::remove);
        figures.remove(gone);
      }
    }
  }

  /** The sum of the end offsets of each delivery and dead-letter topic that exists. */
  private Map<String, Long> endOffsets(Collection<String[]> targets) throws Exception {
    List<String> topics = new ArrayList<>();
    targets.forEach(
        rt -> {
          topics.add(RouterConfig.deliveryTopic(rt[0], rt[1]));
          topics.add(RouterConfig.deadLetterTopic(rt[0], rt[1]));
        });
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    admin
        .describeTopics(topics)
        .topicNameValues()
        .forEach(
            (topic, future) -> {
              try {
                future
                    .get(10, TimeUnit.SECONDS)
                    .partitions()
                    .forEach(
                        p ->
                            request.put(
                                new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
              } catch (Exception e) {
                log.debug("Topic {} not described: {}", topic, e.toString());
              }
            });
    Map<String, Long> sums = new HashMap<>();
    if (!request.isEmpty()) {
      admin
          .listOffsets(request)
          .all()
          .get(10, TimeUnit.SECONDS)
          .forEach((tp, info) -> sums.merge(tp.topic(), info.offset(), Long::sum));
    }
    return sums;
  }

  /** The sum of what each target's sink connector has committed, by connector name. */
  private Map<String, Long> committedOffsets(Collection<String[]> targets) throws Exception {
    Map<String, ListConsumerGroupOffsetsSpec> groups = new HashMap<>();
    targets.forEach(
        rt ->
            groups.put(
                "connect-" + RouterConfig.targetConnectorName(rt[0], rt[1]),
                new ListConsumerGroupOffsetsSpec()));
    Map<String, Long> sums = new HashMap<>();
    if (groups.isEmpty()) {
      return sums;
    }
    admin
        .listConsumerGroupOffsets(groups)
        .all()
        .get(10, TimeUnit.SECONDS)
        .forEach(
            (group, offsets) ->
                sums.put(
                    group.substring("connect-".length()),
                    offsets.values().stream()
                        .filter(o -> o != null)
                        .mapToLong(OffsetAndMetadata::offset)
                        .sum()));
    return sums;
  }

  private List<Meter> register(String rule, String target) {
    String key = key(rule, target);
    List<Meter> list = new ArrayList<>();
    list.add(gauge("railyard.target.routed", rule, target, () -> get(key).routed()));
    list.add(gauge("railyard.target.delivered", rule, target, () -> get(key).delivered()));
    list.add(gauge("railyard.target.lag", rule, target, () -> get(key).lag()));
    list.add(gauge("railyard.target.dead.lettered", rule, target, () -> get(key).deadLettered()));
    list.add(gauge("railyard.target.matched", rule, target, () -> counts.get().matched(rule)));
    list.add(
        gauge(
            "railyard.target.transform.errors",
            rule,
            target,
            () -> counts.get().transformErrors(rule, target)));
    list.add(
        gauge("railyard.target.failed", rule, target, () -> counts.get().failed(rule, target)));
    return list;
  }

  private Figures get(String key) {
    return figures.getOrDefault(key, new Figures(0, 0, 0, 0, 0, 0));
  }

  private Meter gauge(String name, String rule, String target, Supplier<Number> value) {
    return Gauge.builder(name, value).tag("rule", rule).tag("target", target).register(registry);
  }

  private static String key(String rule, String target) {
    return rule + "." + target;
  }
}
