package dev.railyard.host.rules;

import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.Outcome.Kind;
import dev.railyard.api.platform.ReplayRequest;
import dev.railyard.api.platform.answers.DeadLetterCounts;
import dev.railyard.api.platform.answers.Letters;
import dev.railyard.api.platform.answers.Redriven;
import dev.railyard.api.platform.answers.ReplayView;
import dev.railyard.api.platform.answers.Retrying;
import dev.railyard.host.kafka.KafkaClients;
import dev.railyard.rules.model.Rule;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Getting events to targets again: replays of a window of a bus (each on its own thread, followed
 * by id), the dead letters of each target (list, peek, redrive, one at a time) and a look at the
 * records a target is still retrying. Kafka work never runs on the caller's thread. Thread-safe.
 */
final class RuleRecovery implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RuleRecovery.class);

  private final Supplier<Map<String, Rule>> rules;
  private final ReplayRunner replays;
  private final DeadLetterService deadLetters;
  private final RetryingView retrying;
  private final Producer<byte[], byte[]> producer;
  private final Map<String, Replay> replaysById = new ConcurrentHashMap<>();
  private final int maxReplays;
  private final ExecutorService replayThreads =
      Executors.newCachedThreadPool(r -> daemon(r, "railyard-replay"));
  private final ExecutorService letterThread =
      Executors.newSingleThreadExecutor(r -> daemon(r, "railyard-dead-letters"));

  /**
   * @param rules the rules in force
   * @param admin reads the committed offsets of the retry groups; not closed with this
   * @param producer writes replayed and redriven events; closed with this
   */
  RuleRecovery(
      Supplier<Map<String, Rule>> rules,
      KafkaClients clients,
      Admin admin,
      Producer<byte[], byte[]> producer,
      int maxReplays) {
    this.maxReplays = maxReplays;
    this.rules = rules;
    this.producer = producer;
    this.replays = new ReplayRunner(clients, producer);
    this.deadLetters = new DeadLetterService(clients, producer);
    this.retrying = new RetryingView(clients, admin);
  }

  CompletableFuture<Outcome<ReplayView>> replay(String name, ReplayRequest request) {
    Rule rule = rules.get().get(name);
    if (rule == null) {
      return CompletableFuture.completedFuture(RuleViews.notFound(name));
    }
    Replay replay;
    try {
      replay = ReplayRequests.of(rule, request);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(
          Outcome.refused(Kind.INVALID, "INVALID_REPLAY", e.getMessage(), null));
    }
    synchronized (replaysById) {
      long running = replaysById.values().stream().filter(Replay::running).count();
      if (running >= maxReplays) {
        return CompletableFuture.completedFuture(
            Outcome.refused(
                Kind.CONFLICT,
                "TOO_MANY_REPLAYS",
                running
                    + " replays are running (replays.max.concurrent); start this one when one of"
                    + " them is done",
                Map.of("max", maxReplays)));
      }
      replaysById.put(replay.id, replay);
    }
    replayThreads.execute(() -> replays.run(rule, replay));
    log.info("Replay {} of rule {} from {} to {} started", replay.id, name, replay.from, replay.to);
    return CompletableFuture.completedFuture(Outcome.accepted(replay.view()));
  }

  CompletableFuture<Outcome<ReplayView>> replayStatus(String id) {
    Replay replay = replaysById.get(id);
    return CompletableFuture.completedFuture(
        replay == null
            ? Outcome.refused(
                Kind.NOT_FOUND, "NOT_FOUND", "replay '" + id + "' does not exist", null)
            : Outcome.ok(replay.view()));
  }

  CompletableFuture<Outcome<DeadLetterCounts>> deadLetters(String name) {
    return withTarget(name, null, deadLetters::list);
  }

  CompletableFuture<Outcome<Letters>> peek(String name, String target, int limit) {
    return withTarget(name, target, rule -> deadLetters.peek(rule, target, limit));
  }

  CompletableFuture<Outcome<Retrying>> retrying(String name, String target, int limit) {
    return withTarget(name, target, rule -> retrying.peek(rule, target, limit));
  }

  CompletableFuture<Outcome<Redriven>> redrive(String name, String target) {
    return withTarget(
        name,
        target,
        rule -> {
          Outcome<Redriven> outcome = deadLetters.redrive(rule, target);
          log.info("Redrove dead letters of {}.{}: {}", name, target, outcome.body());
          return outcome;
        });
  }

  private interface RuleWork<T> {
    Outcome<T> call(Rule rule) throws Exception;
  }

  private <T> CompletableFuture<Outcome<T>> withTarget(
      String name, String target, RuleWork<T> work) {
    return CompletableFuture.supplyAsync(
        () -> {
          Rule rule = rules.get().get(name);
          if (rule == null) {
            return RuleViews.notFound(name);
          }
          if (target != null && rule.targets().stream().noneMatch(t -> t.name().equals(target))) {
            return Outcome.refused(
                Kind.NOT_FOUND,
                "NOT_FOUND",
                "rule '"
                    + name
                    + "' has no target '"
                    + target
                    + "'; its targets: "
                    + String.join(", ", rule.targets().stream().map(t -> t.name()).toList()),
                null);
          }
          try {
            return work.call(rule);
          } catch (RuntimeException e) {
            throw e;
          } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
          }
        },
        letterThread);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() {
    replayThreads.shutdownNow();
    letterThread.shutdown();
    producer.close(Duration.ofSeconds(10));
  }
}
