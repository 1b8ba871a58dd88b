package dev.railyard.host.rules;

import dev.railyard.api.platform.BusScope;
import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.answers.RuleDiffView;
import dev.railyard.host.testing.FakeConnect;
import dev.railyard.rules.kafka.PluginClients;
import dev.railyard.rules.stats.StatsRecords;
import dev.railyard.rules.store.RuleLog;
import dev.railyard.rules.store.RuleRecords;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.MockAdminClient;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A {@link RuleService} as {@code RuleService.start} wires it, behind its seams: the rules and
 * stats topics are {@link LoopbackTopic}s, Kafka's admin is {@link MockAdminClient}, Connect is
 * {@link FakeConnect}. No broker, no worker.
 */
final class RuleServiceRig implements AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(10);

  final LoopbackTopic rulesTopic = new LoopbackTopic(RuleRecords.TOPIC);
  final MockAdminClient admin = MockAdminClient.create().numBrokers(1).build();
  final FakeConnect connect;
  final RuleService service;

  RuleServiceRig(RuleLimits limits) throws Exception {
    this(limits, TargetSleep.never());
  }

  RuleServiceRig(RuleLimits limits, TargetSleep sleep) throws Exception {
    connect = new FakeConnect();
    LoopbackTopic statsTopic = new LoopbackTopic(StatsRecords.TOPIC);
    RuleLog log = new RuleLog(rulesTopic.consumer(), RuleRecords.TOPIC, r -> {});
    log.start(WAIT);
    StatsLog counts = StatsLog.start(statsTopic.clients());
    service =
        new RuleService(
            log,
            rulesTopic.producer(),
            new RuleReconciler(
                admin, connect.rest(), PluginClients.connectorConfig("broker:9092", Set.of()), 1),
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()),
            statsTopic.clients(),
            admin,
            new TargetStats(admin, new SimpleMeterRegistry(), counts::total),
            counts,
            limits,
            sleep);
  }

  /** What was written to the rules topic, in order. */
  List<ProducerRecord<String, String>> written() {
    return rulesTopic.producer().history();
  }

  Outcome<RuleDiffView> apply(String file, String yaml) throws Exception {
    return apply(file, yaml, false, false, BusScope.ALL);
  }

  Outcome<RuleDiffView> apply(
      String file, String yaml, boolean dryRun, boolean prune, BusScope scope) throws Exception {
    return await(service.apply(file, yaml, dryRun, prune, scope));
  }

  static <T> Outcome<T> await(java.util.concurrent.CompletionStage<Outcome<T>> outcome)
      throws Exception {
    // longer than the service's own read-back wait, so its answer to a lost write is what fails
    return outcome.toCompletableFuture().get(45, TimeUnit.SECONDS);
  }

  /** A rule document of bus {@code bus} with targets {@code t1}..{@code tN}, inline configs. */
  static String rule(String name, String bus, String type, int targets) {
    StringBuilder yaml =
        new StringBuilder(
            """
            apiVersion: railyard/v1
            kind: Rule
            metadata: {name: %s}
            spec:
              bus: %s
              pattern: {type: ["%s"]}
              targets:
            """
                .formatted(name, bus, type));
    for (int i = 1; i <= targets; i++) {
      yaml.append("    - {name: t").append(i).append(", config: {connector.class: LogSink}}\n");
    }
    return yaml.toString();
  }

  static String rule(String name, String bus) {
    return rule(name, bus, "order.paid", 1);
  }

  /** The documents as one file. */
  static String file(String... documents) {
    return String.join("---\n", documents);
  }

  @Override
  public void close() {
    service.close();
    connect.close();
    admin.close();
  }
}
