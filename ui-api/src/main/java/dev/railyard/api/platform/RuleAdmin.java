package dev.railyard.api.platform;

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
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Routing rules as {@code /api/v1/rules} offers them. A rule file with any problem changes nothing;
 * every problem carries {@code file:line:column}, the path in the document and what would be valid.
 * Answers are {@link Outcome}s; stages fail only when the platform cannot be asked at all (with
 * {@link UnavailableException} when a service it needs is down). Thread-safe.
 */
public interface RuleAdmin {

  /**
   * Applies the rules of a YAML file.
   *
   * @param fileName the name problems are reported against
   * @param dryRun answer the diff without changing anything
   * @param prune also delete the rules of the file's buses that the file no longer has
   * @param scope the buses the caller may apply rules to; a rule on another bus refuses the whole
   *     file with {@code FORBIDDEN}
   * @return the diff per rule (created, updated, unchanged, deleted), or {@code INVALID} with every
   *     problem of the file
   */
  CompletionStage<Outcome<RuleDiffView>> apply(
      String fileName, String yaml, boolean dryRun, boolean prune, BusScope scope);

  /** Checks a YAML file as {@link #apply} would, changing nothing. */
  CompletionStage<Outcome<Validated>> validate(String fileName, String yaml, BusScope scope);

  /**
   * The rules in force on the buses of {@code scope} that {@code query} matches, sorted by name:
   * the page it asks for and how many matched in all. {@link RuleQuery#ALL} answers every rule of
   * the scope on one page.
   */
  CompletionStage<Outcome<Page<RuleView>>> list(BusScope scope, RuleQuery query);

  /** The bus of the rule named {@code name}, if there is one (for checking a caller's scope). */
  Optional<String> busOf(String name);

  /**
   * The bus a connector works for: a bus's router, or a target of a rule of the bus; empty for any
   * other connector.
   */
  Optional<String> busOfConnector(String connector);

  /** A rule in force; {@code NOT_FOUND} when there is none of that name. */
  CompletionStage<Outcome<RuleView>> get(String name);

  /** Deletes a rule; {@code NOT_FOUND} when there is none of that name. */
  CompletionStage<Outcome<Deleted>> delete(String name);

  /**
   * TestEventPattern: answers whether the event matches the pattern or the rule and, for a rule,
   * what each target would receive; {@code NOT_FOUND} for an unknown rule.
   */
  CompletionStage<Outcome<TestPatternResult>> test(TestPatternRequest request);

  /**
   * Replay (EventBridge's archive and replay, on Kafka's retention): sends the bus events of a time
   * window that match the rule again to some or all of its targets. Answers {@link
   * Outcome.Accepted} with the replay's progress at once; {@code INVALID} when a target is not the
   * rule's.
   */
  CompletionStage<Outcome<ReplayView>> replay(String rule, ReplayRequest request);

  /** The progress and result of a replay; {@code NOT_FOUND} when unknown. */
  CompletionStage<Outcome<ReplayView>> replayStatus(String id);

  /**
   * Per target of the rule: its dead-letter topic, how many letters it holds, how many redriven.
   */
  CompletionStage<Outcome<DeadLetterCounts>> deadLetters(String rule);

  /** The first {@code limit} letters of a target not yet redriven: value, key, headers, time. */
  CompletionStage<Outcome<Letters>> peekDeadLetters(String rule, String target, int limit);

  /**
   * The first {@code limit} records a target is still retrying: those parked in its retry topic
   * (with {@code retry.inOrder: false}) that the delivery guard has not settled yet, partitions in
   * ascending order, each oldest first. Looking neither commits nor joins the guard's retry group.
   * Its {@link Retrying#topic} is null when the target keeps order and has no retry topic, and the
   * list is then empty. {@code NOT_FOUND} when the rule or the target is unknown.
   *
   * @param limit 1 to 1000
   */
  CompletionStage<Outcome<Retrying>> peekRetrying(String rule, String target, int limit);

  /**
   * Sends a target's letters not yet redriven back to its delivery topic (letters the router could
   * not transform are transformed again with the rule as it is now). Each letter is redriven once.
   */
  CompletionStage<Outcome<Redriven>> redrive(String rule, String target);

  /** The JSON Schema of a rule document. */
  String ruleSchema();
}
