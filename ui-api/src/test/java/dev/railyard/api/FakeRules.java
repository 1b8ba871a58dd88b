package dev.railyard.api;

import dev.railyard.api.platform.BusScope;
import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.Page;
import dev.railyard.api.platform.ReplayRequest;
import dev.railyard.api.platform.RuleQuery;
import dev.railyard.api.platform.TestPatternRequest;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The rule admin of {@link FakePlatform}: records each call as "method args..." and answers with
 * {@link #reply}.
 */
final class FakeRules implements dev.railyard.api.platform.RuleAdmin {
  final List<String> calls = new CopyOnWriteArrayList<>();
  volatile Outcome<?> reply;
  volatile RuntimeException failure;

  /** The bus of each rule the fake knows, for scope checks. */
  final Map<String, String> buses = new java.util.concurrent.ConcurrentHashMap<>();

  // the reply a test set stands for the answer of whichever call it makes
  @SuppressWarnings("unchecked")
  private <T> CompletionStage<Outcome<T>> answer(String call) {
    calls.add(call);
    return failure != null
        ? CompletableFuture.failedFuture(failure)
        : CompletableFuture.completedFuture((Outcome<T>) reply);
  }

  @Override
  public CompletionStage<Outcome<RuleDiffView>> apply(
      String file, String yaml, boolean dryRun, boolean prune, BusScope scope) {
    return answer(
        "apply "
            + file
            + " dryRun="
            + dryRun
            + " prune="
            + prune
            + (scope.limited() ? " scope=" + scope.buses() : "")
            + " "
            + yaml);
  }

  @Override
  public CompletionStage<Outcome<Validated>> validate(String file, String yaml, BusScope scope) {
    return answer("validate " + file + " " + yaml);
  }

  @Override
  public CompletionStage<Outcome<Page<RuleView>>> list(BusScope scope, RuleQuery query) {
    return answer(
        (scope.limited() ? "list " + scope.buses() : "list")
            + (query.equals(RuleQuery.ALL) ? "" : " " + query));
  }

  @Override
  public Optional<String> busOf(String name) {
    return Optional.ofNullable(buses.get(name));
  }

  @Override
  public Optional<String> busOfConnector(String connector) {
    return Optional.ofNullable(buses.get(connector));
  }

  @Override
  public CompletionStage<Outcome<RuleView>> get(String name) {
    return answer("get " + name);
  }

  @Override
  public CompletionStage<Outcome<Deleted>> delete(String name) {
    return answer("delete " + name);
  }

  @Override
  public CompletionStage<Outcome<TestPatternResult>> test(TestPatternRequest request) {
    return answer("test " + request);
  }

  @Override
  public CompletionStage<Outcome<ReplayView>> replay(String rule, ReplayRequest request) {
    return answer("replay " + rule + " " + request);
  }

  @Override
  public CompletionStage<Outcome<ReplayView>> replayStatus(String id) {
    return answer("replayStatus " + id);
  }

  @Override
  public CompletionStage<Outcome<DeadLetterCounts>> deadLetters(String rule) {
    return answer("deadLetters " + rule);
  }

  @Override
  public CompletionStage<Outcome<Letters>> peekDeadLetters(String rule, String target, int limit) {
    return answer("peek " + rule + " " + target + " " + limit);
  }

  @Override
  public CompletionStage<Outcome<Retrying>> peekRetrying(String rule, String target, int limit) {
    return answer("retrying " + rule + " " + target + " " + limit);
  }

  @Override
  public CompletionStage<Outcome<Redriven>> redrive(String rule, String target) {
    return answer("redrive " + rule + " " + target);
  }

  @Override
  public String ruleSchema() {
    return "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"}";
  }
}
