package dev.railyard.host.rules;

import dev.railyard.api.platform.answers.RuleView;
import dev.railyard.autoscale.lag.GroupLag;
import dev.railyard.autoscale.lag.LagReader;
import dev.railyard.autoscale.lag.OffsetSnapshot;
import dev.railyard.host.health.FailureStreak;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Topology;
import dev.railyard.rules.stats.StatsSnapshot;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per rule target, read from Kafka's own bookkeeping rather than counted in the workers: events
 * routed to it (end offsets of its delivery topic, replays included), retrying (records parked in
 * its retry topic that the delivery guard has not read back yet: end offsets minus what the retry
 * group has committed, a partition without a commit counting from 0; 0 without a retry topic),
 * delivered (what its sink connector has committed, less the records retrying, which the sink has
 * committed but not delivered), the lag between routed and delivered (so parked records count in
 * it), and dead letters (end offsets of its dead-letter topic). Next to them, what only the tasks
 * can count, as read from the stats topic: events the rule matched, transform errors and failed
 * delivery attempts of the target. Offsets are refreshed by {@link #refresh}, counts are as last
 * read; exported as Micrometer gauges tagged rule and target (matched, a figure of the rule, is
 * repeated for each of its targets). The offsets are read by autoscale's {@link LagReader}; this
 * class adds what they mean for a rule target. Thread-safe.
 */
final class TargetStats {

  private static final Logger log = LoggerFactory.getLogger(TargetStats.class);
  // thousands of targets on a loaded broker take seconds; the next read waits for this one
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  /** One target's figures: offsets as at the last refresh, counts as last read. */
  record Figures(
      long routed,
      long delivered,
      long retrying,
      long deadLettered,
      long matched,
      long transformErrors,
      long failed) {

    /**
     * The figures as read from the offsets, the counts still 0.
     *
     * @param committed what the sink connector has committed in the delivery topic, parked records
     *     included
     */
    static Figures ofOffsets(long routed, long committed, long retrying, long deadLettered) {
      return new Figures(
          routed, Math.max(0, committed - retrying), retrying, deadLettered, 0, 0, 0);
    }

    long lag() {
      return Math.max(0, routed - delivered);
    }

    Figures withCounts(StatsSnapshot counts, String rule, String target) {
      return new Figures(
          routed,
          delivered,
          retrying,
          deadLettered,
          counts.matched(rule),
          counts.transformErrors(rule, target),
          counts.failed(rule, target));
    }

    RuleView.Stats view() {
      return new RuleView.Stats(
          matched, routed, delivered, lag(), retrying, deadLettered, transformErrors, failed);
    }
  }

  private final LagReader reader;
  private final Admin admin;
  private volatile OffsetSnapshot last;
  private final FailureStreak failures = new FailureStreak(log, "Reading the target figures");
  private final MeterRegistry registry;
  private final Map<String, Figures> figures = new ConcurrentHashMap<>();
  private final Map<String, List<Meter>> meters = new ConcurrentHashMap<>();
  private final Supplier<StatsSnapshot> counts;

  /**
   * @param counts the tasks' counts summed, as last read; called on every view and scrape
   */
  TargetStats(Admin admin, MeterRegistry registry, Supplier<StatsSnapshot> counts) {
    this.reader = new LagReader(admin, READ_TIMEOUT);
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
   * partitions of the delivery, retry and dead-letter topics, their end offsets, the committed
   * offsets of the sink and retry groups); drops the gauges of targets now gone. A target whose
   * delivery topic does not exist yet, or whose groups could not be read, keeps its last figures. A
   * failure is logged at WARN once per streak and shows in {@link #failure()}.
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
      OffsetSnapshot offsets = reader.read(topics(targets.values()), groups(targets.values()));
      last = offsets;
      targets.forEach(
          (key, rt) -> {
            Figures read = read(rt[0], rt[1], offsets);
            if (read != null) {
              figures.put(key, read);
              meters.computeIfAbsent(key, k -> register(rt[0], rt[1]));
            }
          });
      if (offsets.problems().isEmpty()) {
        failures.succeeded();
      } else {
        failures.failed(String.join("; ", offsets.problems()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      failures.failed(e.toString());
    }
    for (String gone : new ArrayList<>(meters.keySet())) {
      if (!targets.containsKey(gone)) {
        meters.remove(gone).forEach(registry::remove);
        figures.remove(gone);
      }
    }
  }

  /**
   * Of {@code targets} ({rule, target} pairs), those whose delivery topic has grown since the last
   * refresh, in one ListOffsets request for their partitions as that refresh found them: a cheap
   * look between two refreshes, for targets that sleep.
   */
  List<String[]> grownSinceRefresh(List<String[]> targets)
      throws ExecutionException, TimeoutException, InterruptedException {
    OffsetSnapshot offsets = last;
    if (offsets == null || targets.isEmpty()) {
      return List.of();
    }
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (String[] rt : targets) {
      offsets
          .ends(Topology.deliveryTopic(rt[0], rt[1]))
          .keySet()
          .forEach(tp -> request.put(tp, OffsetSpec.latest()));
    }
    if (request.isEmpty()) {
      return List.of();
    }
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> now =
        admin.listOffsets(request).all().get(READ_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    List<String[]> grown = new ArrayList<>();
    for (String[] rt : targets) {
      Map<TopicPartition, Long> then = offsets.ends(Topology.deliveryTopic(rt[0], rt[1]));
      if (then.entrySet().stream()
          .anyMatch(
              e -> now.containsKey(e.getKey()) && now.get(e.getKey()).offset() > e.getValue())) {
        grown.add(rt);
      }
    }
    return grown;
  }

  /** The figures' failure going on, as one line, or empty while they are read. */
  Optional<String> failure() {
    return failures.describe();
  }

  /**
   * A target's figures from the offsets read, or null when its delivery topic does not exist yet or
   * a group it needs was not read.
   */
  private static Figures read(String rule, String target, OffsetSnapshot offsets) {
    String delivery = Topology.deliveryTopic(rule, target);
    String retryTopic = Topology.retryTopic(rule, target);
    if (!offsets.exists(delivery)) {
      return null; // topics not created yet
    }
    Optional<Map<TopicPartition, Long>> sink =
        offsets.committed(Topology.targetGroup(rule, target));
    Optional<GroupLag> retry = offsets.lag(Topology.retryGroup(rule, target), retryTopic);
    if (sink.isEmpty() || (retry.isEmpty() && offsets.exists(retryTopic))) {
      return null; // counting every parked record as retrying would be worse than the last figures
    }
    return Figures.ofOffsets(
        offsets.endOffset(delivery),
        sink.get().values().stream().mapToLong(Long::longValue).sum(),
        retry.map(GroupLag::lag).orElse(0L),
        offsets.endOffset(Topology.deadLetterTopic(rule, target)));
  }

  /** The delivery, retry and dead-letter topics of every target. */
  private static List<String> topics(Collection<String[]> targets) {
    List<String> topics = new ArrayList<>();
    targets.forEach(
        rt -> {
          topics.add(Topology.deliveryTopic(rt[0], rt[1]));
          topics.add(Topology.retryTopic(rt[0], rt[1]));
          topics.add(Topology.deadLetterTopic(rt[0], rt[1]));
        });
    return topics;
  }

  /** The sink and retry groups of every target. */
  private static List<String> groups(Collection<String[]> targets) {
    List<String> groups = new ArrayList<>();
    targets.forEach(
        rt -> {
          groups.add(Topology.targetGroup(rt[0], rt[1]));
          groups.add(Topology.retryGroup(rt[0], rt[1]));
        });
    return groups;
  }

  private List<Meter> register(String rule, String target) {
    String key = key(rule, target);
    List<Meter> list = new ArrayList<>();
    list.add(gauge("railyard.target.routed", rule, target, () -> get(key).routed()));
    list.add(gauge("railyard.target.delivered", rule, target, () -> get(key).delivered()));
    list.add(gauge("railyard.target.lag", rule, target, () -> get(key).lag()));
    list.add(gauge("railyard.target.retrying", rule, target, () -> get(key).retrying()));
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
    return figures.getOrDefault(key, new Figures(0, 0, 0, 0, 0, 0, 0));
  }

  private Meter gauge(String name, String rule, String target, Supplier<Number> value) {
    return Gauge.builder(name, value).tag("rule", rule).tag("target", target).register(registry);
  }

  private static String key(String rule, String target) {
    return rule + "." + target;
  }
}
