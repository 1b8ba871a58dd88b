package dev.railyard.host.rules;

import dev.railyard.api.platform.BusScope;
import dev.railyard.api.platform.HealthProbe.ComponentHealth;
import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.Page;
import dev.railyard.api.platform.ReplayRequest;
import dev.railyard.api.platform.RuleAdmin;
import dev.railyard.api.platform.RuleQuery;
import dev.railyard.api.platform.TestPatternRequest;
import dev.railyard.api.platform.UnavailableException;
import dev.railyard.api.platform.answers.DeadLetterCounts;
import dev.railyard.api.platform.answers.Deleted;
import dev.railyard.api.platform.answers.Letters;
import dev.railyard.api.platform.answers.Redriven;
import dev.railyard.api.platform.answers.ReplayView;
import dev.railyard.api.platform.answers.Retrying;
import dev.railyard.api.platform.answers.RuleDiffView;
import dev.railyard.api.platform.answers.RuleView;
import dev.railyard.api.platform.answers.TestPatternResult;
import dev.railyard.api.platform.answers.Validated;
import dev.railyard.host.DaemonThreads;
import dev.railyard.host.connectors.ConfigGuard;
import dev.railyard.host.connectors.ConnectRest;
import dev.railyard.host.kafka.KafkaClients;
import dev.railyard.host.kafka.TopicSettings;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Topology;
import dev.railyard.rules.stats.StatsRecords;
import dev.railyard.rules.store.RuleLog;
import dev.railyard.rules.store.RuleRecords;
import dev.railyard.rules.yaml.LoadResult;
import dev.railyard.rules.yaml.RuleFiles;
import dev.railyard.rules.yaml.RuleSchema;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RuleAdmin} on the rules topic. Changes run one at a time: the whole file is checked first
 * (a file with any problem changes nothing), then the topics are created, the rule records written
 * and read back, and the connectors reconciled. Thread-safe.
 */
public final class RuleService implements RuleAdmin, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RuleService.class);

  private final RuleLog rules;
  private final Producer<String, String> producer;
  private final RuleReconciler reconciler;
  private final PatternTester tester = new PatternTester();
  private final RuleRecovery recovery;
  private final RuleLimits limits;
  private final RuleChanges changes;

  /**
   * Starts the service: creates the rules topic if needed (compacted, one partition: rules apply in
   * the order written) and the stats topic the tasks write their counts to (compacted, one
   * partition: a record per task run), reads every rule, and is ready to take changes.
   *
   * @param scaledTasks the tasks the autoscaler gave a router or target connector, which applying
   *     rules keeps
   * @param guard what the configs of rule targets may reach
   * @param sleepAfter how long a target idles before it sleeps; zero keeps every target running
   */
  public static RuleService start(
      KafkaClients clients,
      Admin admin,
      ConnectRest connect,
      int partitions,
      MeterRegistry metrics,
      java.util.function.Function<String, java.util.OptionalInt> scaledTasks,
      ConfigGuard guard,
      RuleLimits limits,
      TopicSettings topics,
      Duration sleepAfter)
      throws Exception {
    for (String name : List.of(RuleRecords.TOPIC, StatsRecords.TOPIC)) {
      NewTopic topic = topics.newTopic(name, 1, Map.of("cleanup.policy", "compact"));
      try {
        admin.createTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
    StatsLog counts = StatsLog.start(clients);
    RuleLog log =
        new RuleLog(
            clients.consumer(
                "rule-log", null, new StringDeserializer(), new StringDeserializer(), Map.of()),
            RuleRecords.TOPIC,
            r -> {});
    log.start(Duration.ofSeconds(60));
    Producer<String, String> producer =
        clients.reliableProducer("rules", new StringSerializer(), new StringSerializer(), Map.of());
    Producer<byte[], byte[]> replayProducer =
        clients.reliableProducer(
            "replay", new ByteArraySerializer(), new ByteArraySerializer(), Map.of());
    RuleService service =
        new RuleService(
            log,
            producer,
            new RuleReconciler(
                admin, connect, clients.pluginSettings(), partitions, scaledTasks, guard, topics),
            replayProducer,
            clients,
            admin,
            new TargetStats(admin, metrics, counts::total),
            counts,
            limits,
            new TargetSleep(sleepAfter, System::nanoTime));
    service.settling.start();
    service.statsTimer.scheduleWithFixedDelay(service.settling::refresh, 0, 5, TimeUnit.SECONDS);
    service.wakeTimer.scheduleWithFixedDelay(service.settling::wakeCheck, 1, 1, TimeUnit.SECONDS);
    return service;
  }

  /**
   * The {@code rules} component of {@code /health}: down when the rules topic is no longer
   * followed, with a warning when the figures cannot be read. Thread-safe; does not block.
   */
  public ComponentHealth health() {
    return RuleHealth.of(RuleRecords.TOPIC, rules, List.of(stats.failure(), counts.failure()));
  }

  private final TargetStats stats;
  private final StatsLog counts;
  private final TargetSettling settling;
  private final RuleWriter writer;

  private final ScheduledExecutorService statsTimer =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("railyard-rule-stats"));
  private final ScheduledExecutorService wakeTimer =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("railyard-target-wake"));

  RuleService(
      RuleLog rules,
      Producer<String, String> producer,
      RuleReconciler reconciler,
      Producer<byte[], byte[]> replayProducer,
      KafkaClients clients,
      Admin admin,
      TargetStats stats,
      StatsLog counts,
      RuleLimits limits,
      TargetSleep sleep) {
    this.limits = limits;
    this.writer = new RuleWriter(rules, producer, reconciler);
    this.changes = new RuleChanges(limits.queuedChanges());
    this.stats = stats;
    this.counts = counts;
    this.rules = rules;
    this.producer = producer;
    this.reconciler = reconciler;
    this.settling = new TargetSettling(rules, reconciler, sleep, stats, changes);
    this.recovery =
        new RuleRecovery(rules::rules, clients, admin, replayProducer, limits.concurrentReplays());
  }

  @Override
  public CompletionStage<Outcome<RuleDiffView>> apply(
      String fileName, String yaml, boolean dryRun, boolean prune, BusScope scope) {
    return changes.run(
        () -> {
          long start = System.nanoTime();
          LoadResult loaded = RuleFiles.load(fileName, yaml);
          if (!loaded.isValid()) {
            return RuleViews.refused(fileName, loaded);
          }
          Outcome<RuleDiffView> outOfScope = RuleViews.outOfScope(fileName, loaded.rules(), scope);
          if (outOfScope != null) {
            return outOfScope;
          }
          List<String> missing = RuleViews.maskedSecrets(loaded.rules());
          Map<String, Map<String, String>> templates =
              reconciler.templates(loaded.rules(), missing);
          RuleDiff diff = RuleDiff.of(rules.rules(), loaded.rules(), prune);
          Map<String, Rule> after = diff.after(rules.rules());
          missing.addAll(RuleViews.overLimits(after, loaded.rules(), limits));
          // only a bus no rule has yet can break bus.max: ask Kafka for its topics then only
          if (!rules.rules().values().stream()
              .map(Rule::bus)
              .toList()
              .containsAll(after.values().stream().map(Rule::bus).toList())) {
            missing.addAll(RuleViews.overBusLimit(reconciler.existingBuses(), after, limits));
          }
          // rules in force as written were checked when they were applied: a big file with one
          // change costs one round of Connect validation, not one per target of the file
          reconciler.validateTargets(diff.changed(), templates, missing);
          long validated = System.nanoTime();
          if (!missing.isEmpty()) {
            return RuleViews.refusedTargets(fileName, missing);
          }
          if (dryRun || diff.changed().isEmpty() && diff.deleted().isEmpty()) {
            return Outcome.ok(diff.answer(dryRun));
          }
          commit(diff, templates);
          log.info(
              "Applied {}: {} in {} ms ({} ms checking and validating the targets)",
              fileName,
              diff.summary(),
              (System.nanoTime() - start) / 1_000_000,
              (validated - start) / 1_000_000);
          return Outcome.ok(diff.answer(false));
        });
  }

  /**
   * Writes {@code diff} and brings the connectors in line; when either fails, takes the rules back
   * to what they were and answers unavailable, so an apply is all or nothing. Connectors a failed
   * change left behind are brought back in line with the rules in force by the next settling.
   */
  private void commit(RuleDiff diff, Map<String, Map<String, String>> templates) throws Exception {
    Map<String, Rule> before = rules.rules();
    List<String> created = List.of();
    try {
      created = writer.write(diff);
      reconciler.connectors(rules.rules(), templates, settling::awake);
    } catch (Exception e) {
      settling.unsettled();
      try {
        writer.rollBack(before, diff, created);
      } catch (Exception again) {
        e.addSuppressed(again);
        throw new UnavailableException(
            "the change failed ("
                + e.getMessage()
                + ") and could not be taken back ("
                + again.getMessage()
                + "): the rules in force may hold part of it; apply the file again",
            e);
      }
      log.warn("Rule change taken back: {}", e.toString());
      try {
        settling.settle();
      } catch (RuntimeException again) {
        log.warn("Connectors left for the next settling: {}", again.toString());
      }
      throw new UnavailableException(
          e.getMessage() + "; nothing was applied, the rules are as they were: apply again", e);
    }
  }

  @Override
  public CompletionStage<Outcome<Validated>> validate(
      String fileName, String yaml, BusScope scope) {
    return changes.run(
        () -> {
          LoadResult loaded = RuleFiles.load(fileName, yaml);
          if (!loaded.isValid()) {
            return RuleViews.refused(fileName, loaded);
          }
          Outcome<Validated> outOfScope = RuleViews.outOfScope(fileName, loaded.rules(), scope);
          if (outOfScope != null) {
            return outOfScope;
          }
          List<String> missing = RuleViews.maskedSecrets(loaded.rules());
          missing.addAll(
              RuleViews.overLimits(
                  RuleDiff.of(rules.rules(), loaded.rules(), false).after(rules.rules()),
                  loaded.rules(),
                  limits));
          reconciler.validateTargets(
              loaded.rules(), reconciler.templates(loaded.rules(), missing), missing);
          return missing.isEmpty()
              ? Outcome.ok(new Validated(true, loaded.rules().stream().map(Rule::name).toList()))
              : RuleViews.refusedTargets(fileName, missing);
        });
  }

  @Override
  public CompletionStage<Outcome<Page<RuleView>>> list(BusScope scope, RuleQuery query) {
    Page<RuleView> page =
        RuleListing.select(rules.rules().values(), scope, query)
            .map(r -> RuleViews.view(r, stats, settling::awake));
    return CompletableFuture.completedFuture(Outcome.ok(page));
  }

  @Override
  public Optional<String> busOf(String name) {
    return Optional.ofNullable(rules.rules().get(name)).map(Rule::bus);
  }

  @Override
  public Optional<String> busOfConnector(String connector) {
    return Topology.busOfRouterConnector(connector)
        .or(() -> Topology.ruleOfTargetConnector(connector).flatMap(this::busOf));
  }

  @Override
  public CompletionStage<Outcome<RuleView>> get(String name) {
    Rule rule = rules.rules().get(name);
    return CompletableFuture.completedFuture(
        rule == null
            ? RuleViews.notFound(name)
            : Outcome.ok(RuleViews.view(rule, stats, settling::awake)));
  }

  @Override
  public CompletionStage<Outcome<Deleted>> delete(String name) {
    return changes.run(
        () -> {
          Map<String, Rule> before = rules.rules();
          Rule rule = before.get(name);
          if (rule == null) {
            return RuleViews.notFound(name);
          }
          writer.delete(name);
          settling.unsettled(); // its connectors go now, or at the next settling
          settling.settle();
          log.info("Deleted rule {}", name);
          return Outcome.ok(Deleted.of(name));
        });
  }

  @Override
  public CompletionStage<Outcome<TestPatternResult>> test(TestPatternRequest request) {
    return changes.run(() -> tester.test(request, rules.rules()));
  }

  /** How many rules are in force. */
  public int count() {
    return rules.rules().size();
  }

  @Override
  public CompletionStage<Outcome<ReplayView>> replay(String name, ReplayRequest request) {
    return recovery.replay(name, request);
  }

  @Override
  public CompletionStage<Outcome<ReplayView>> replayStatus(String id) {
    return recovery.replayStatus(id);
  }

  @Override
  public CompletionStage<Outcome<DeadLetterCounts>> deadLetters(String name) {
    return recovery.deadLetters(name);
  }

  @Override
  public CompletionStage<Outcome<Letters>> peekDeadLetters(String name, String target, int limit) {
    return recovery.peek(name, target, limit);
  }

  @Override
  public CompletionStage<Outcome<Retrying>> peekRetrying(String name, String target, int limit) {
    return recovery.retrying(name, target, limit);
  }

  @Override
  public CompletionStage<Outcome<Redriven>> redrive(String name, String target) {
    return recovery.redrive(name, target);
  }

  @Override
  public String ruleSchema() {
    return RuleSchema.json();
  }

  @Override
  public void close() {
    statsTimer.shutdownNow();
    wakeTimer.shutdownNow();
    changes.close();
    recovery.close();
    rules.close();
    counts.close();
    producer.close(Duration.ofSeconds(10));
  }
}
