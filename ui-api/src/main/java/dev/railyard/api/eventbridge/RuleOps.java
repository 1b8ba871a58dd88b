package dev.railyard.api.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.RuleAdmin;
import dev.railyard.api.platform.RuleQuery;
import dev.railyard.api.platform.TestPatternRequest;
import dev.railyard.api.platform.answers.RuleView;
import io.vertx.core.Future;
import java.util.List;
import java.util.Set;

/**
 * PutRule, DescribeRule, ListRules, DeleteRule, EnableRule and DisableRule, on the rule service:
 * each change applies the rule's whole document (all or nothing), so what this API makes is an
 * ordinary Railyard rule. EventBridge names a rule within its bus; Railyard's rule names are unique
 * across buses, so a name is found on whichever bus has it and a call naming another bus answers
 * {@code ResourceNotFoundException}. Thread-safe.
 */
final class RuleOps {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> NAME_AND_BUS = Set.of("Name", "EventBusName");

  private final AwsCalls calls;
  private final RuleAdmin rules;

  RuleOps(AwsCalls calls, RuleAdmin rules) {
    this.calls = calls;
    this.rules = rules;
  }

  /**
   * Creates or replaces a rule's bus, pattern and state (ENABLED unless given), keeping its
   * targets. {@code Description} and {@code RoleArn} are taken and not kept.
   */
  Future<ObjectNode> putRule(Input in) {
    in.only(Set.of("Name", "EventBusName", "EventPattern", "State", "Description", "RoleArn"));
    String name = in.ruleName("Name");
    String bus = in.bus();
    in.checkBus(bus);
    String state = in.optional("State", "ENABLED");
    if (!state.equals("ENABLED") && !state.equals("DISABLED")) {
      throw AwsException.validation("PutRule: State must be ENABLED or DISABLED, not " + state);
    }
    String pattern = Envelope.patternToCloudEvent(in.required("EventPattern"));
    return checkPattern(pattern)
        .compose(ok -> calls.call(() -> rules.get(name)))
        .compose(
            current -> {
              JsonNode doc =
                  current instanceof Outcome.Refused<RuleView> r
                          && r.kind() == Outcome.Kind.NOT_FOUND
                      ? RuleDocuments.create(name, bus, pattern, state.equals("ENABLED"))
                      : RuleDocuments.replace(
                          sameBus(in, AwsCalls.body(current), bus),
                          bus,
                          pattern,
                          state.equals("ENABLED"));
              return apply(in, doc);
            })
        .map(
            applied ->
                JSON.createObjectNode().put("RuleArn", Arns.ruleArn(in.region(), bus, name)));
  }

  Future<ObjectNode> describeRule(Input in) {
    in.only(NAME_AND_BUS);
    return current(in, in.ruleName("Name")).map(doc -> RuleDocuments.describe(doc, in.region()));
  }

  /** The rules of one bus ({@code default} unless named), by name, a page at a time. */
  Future<ObjectNode> listRules(Input in) {
    in.only(Set.of("EventBusName", "NamePrefix", "Limit", "NextToken"));
    String bus = in.bus();
    in.checkBus(bus);
    String prefix = in.optional("NamePrefix", "");
    int limit = in.limit();
    int offset = in.offset();
    return calls
        .call(() -> rules.list(in.scope(), RuleQuery.ALL))
        .map(AwsCalls::body)
        .map(
            page -> {
              List<RuleView> chosen =
                  page.items().stream()
                      .filter(r -> r.bus().equals(bus) && r.name().startsWith(prefix))
                      .toList();
              ObjectNode out = JSON.createObjectNode();
              ArrayNode list = out.putArray("Rules");
              int end = Math.min(offset + limit, chosen.size());
              for (RuleView rule : chosen.subList(Math.min(offset, chosen.size()), end)) {
                list.add(RuleDocuments.describe(rule.document(), in.region()));
              }
              if (end < chosen.size()) {
                out.put("NextToken", String.valueOf(end));
              }
              return out;
            });
  }

  /**
   * Deletes a rule that has no targets left, as EventBridge does (RemoveTargets first); a rule that
   * does not exist is no error.
   */
  Future<ObjectNode> deleteRule(Input in) {
    in.only(Set.of("Name", "EventBusName", "Force"));
    String name = in.ruleName("Name");
    return current(in, name)
        .compose(
            doc -> {
              if (RuleDocuments.targetCount(doc) > 0) {
                throw AwsException.validation(
                    "DeleteRule: the rule '"
                        + name
                        + "' still has "
                        + RuleDocuments.targetCount(doc)
                        + " target(s); remove them with RemoveTargets first");
              }
              return calls.call(() -> rules.delete(name)).map(AwsCalls::body);
            })
        .map(deleted -> JSON.createObjectNode())
        .recover(
            failure ->
                failure instanceof AwsException e && e.type().equals("ResourceNotFoundException")
                    ? Future.succeededFuture(JSON.createObjectNode())
                    : Future.failedFuture(failure));
  }

  Future<ObjectNode> setState(Input in, boolean enabled) {
    in.only(NAME_AND_BUS);
    return current(in, in.ruleName("Name"))
        .compose(doc -> apply(in, RuleDocuments.withState(doc, enabled)))
        .map(applied -> JSON.createObjectNode());
  }

  /** The document of a rule on the call's bus, in the key's scope. */
  Future<JsonNode> current(Input in, String name) {
    String bus = in.bus();
    in.checkBus(bus);
    return calls
        .call(() -> rules.get(name))
        .map(AwsCalls::body)
        .map(view -> document(in, view, bus));
  }

  /** Applies a document as a file of one rule; a refusal is AWS's error. */
  Future<Object> apply(Input in, JsonNode doc) {
    String file = in.operation() + "/" + doc.path("metadata").path("name").asText();
    return calls
        .call(() -> rules.apply(file, RuleDocuments.text(doc), false, false, in.scope()))
        .map(AwsCalls::body);
  }

  private Future<Object> checkPattern(String pattern) {
    return calls
        .call(() -> rules.test(new TestPatternRequest("{}", pattern, null)))
        .map(AwsCalls::body);
  }

  // Railyard's rule names are unique across buses: PutRule never moves a rule to another bus
  private static JsonNode sameBus(Input in, RuleView view, String bus) {
    if (!view.bus().equals(bus)) {
      throw new AwsException(
          400,
          "ResourceAlreadyExistsException",
          "PutRule: a rule named '"
              + view.name()
              + "' exists on the bus '"
              + view.bus()
              + "'; Railyard's rule names are unique across buses, so choose another name");
    }
    return document(in, view, bus);
  }

  private static JsonNode document(Input in, RuleView view, String bus) {
    if ((bus != null && !view.bus().equals(bus)) || !in.token().allowsBus(view.bus())) {
      throw AwsException.notFound(
          "Rule "
              + view.name()
              + " does not exist on EventBus "
              + (bus == null ? view.bus() : bus));
    }
    return view.document();
  }
}
