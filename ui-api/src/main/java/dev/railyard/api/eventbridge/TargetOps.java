package dev.railyard.api.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * PutTargets, ListTargetsByRule and RemoveTargets: a target is a target of the Railyard rule, made
 * from the connector config its {@code Arn} names ({@code arn:railyard:connector:::<name>}), with
 * its {@code RetryPolicy} as the target's {@code retry}. What targets receive ({@code Input},
 * {@code InputPath}, {@code InputTransformer}) is the rule's {@code transform}, one for all its
 * targets ({@link TargetInputs}): a target asking for another input than the rule's other targets
 * get is failed, naming them. A target that is malformed is answered in {@code FailedEntries} and
 * the others are applied; when the rule service refuses the change (e.g. no connector of that name)
 * every target of the call is failed with its reason, and nothing changes. Thread-safe.
 */
final class TargetOps {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TARGET_FIELDS =
      Set.of("Id", "Arn", "RoleArn", "RetryPolicy", "Input", "InputPath", "InputTransformer");

  private final RuleOps rules;

  TargetOps(RuleOps rules) {
    this.rules = rules;
  }

  Future<ObjectNode> putTargets(Input in) {
    in.only(Set.of("Rule", "EventBusName", "Targets"));
    String rule = in.ruleName("Rule");
    JsonNode targets = in.body().get("Targets");
    if (targets == null || !targets.isArray() || targets.isEmpty() || targets.size() > 100) {
      throw AwsException.validation("PutTargets: Targets must be a list of 1 to 100 targets");
    }
    List<ObjectNode> good = new ArrayList<>();
    List<JsonNode> inputs = new ArrayList<>();
    ArrayNode failed = JSON.createArrayNode();
    for (int i = 0; i < targets.size(); i++) {
      JsonNode target = targets.get(i);
      try {
        ObjectNode made = target(target, i);
        JsonNode input = TargetInputs.transformOf(target, "Targets[" + i + "]");
        if (!inputs.isEmpty() && !inputs.get(0).equals(input)) {
          throw AwsException.validation(
              "Targets["
                  + i
                  + "] asks for another input than target '"
                  + good.get(0).path("name").asText()
                  + "' of the same call: Railyard gives every target of a rule the same input"
                  + " (the rule's transform); put them with the same Input, InputPath or"
                  + " InputTransformer, or on rules of their own");
        }
        good.add(made);
        inputs.add(input);
      } catch (AwsException e) {
        failed
            .addObject()
            .put("TargetId", target.path("Id").asText(null))
            .put("ErrorCode", "ValidationException")
            .put("ErrorMessage", e.getMessage());
      }
    }
    if (good.isEmpty()) {
      return Future.succeededFuture(answer(failed));
    }
    return rules
        .current(in, rule)
        .compose(doc -> rules.apply(in, RuleDocuments.withTargets(doc, good, inputs.get(0))))
        .map(applied -> answer(failed))
        .recover(
            failure -> {
              if (!(failure instanceof AwsException e) || !e.type().equals("ValidationException")) {
                return Future.failedFuture(failure);
              }
              for (ObjectNode target : good) {
                failed
                    .addObject()
                    .put("TargetId", target.path("name").asText())
                    .put("ErrorCode", "ValidationException")
                    .put("ErrorMessage", e.getMessage());
              }
              return Future.succeededFuture(answer(failed));
            });
  }

  Future<ObjectNode> listTargetsByRule(Input in) {
    in.only(Set.of("Rule", "EventBusName", "Limit", "NextToken"));
    int limit = in.limit();
    int offset = in.offset();
    return rules
        .current(in, in.ruleName("Rule"))
        .map(
            doc -> {
              ArrayNode all = RuleDocuments.targets(doc);
              ObjectNode out = JSON.createObjectNode();
              ArrayNode page = out.putArray("Targets");
              int end = Math.min(offset + limit, all.size());
              for (int i = Math.min(offset, all.size()); i < end; i++) {
                page.add(all.get(i));
              }
              if (end < all.size()) {
                out.put("NextToken", String.valueOf(end));
              }
              return out;
            });
  }

  /** Removes the targets of these ids; an id the rule does not have is no error. */
  Future<ObjectNode> removeTargets(Input in) {
    in.only(Set.of("Rule", "EventBusName", "Ids", "Force"));
    String rule = in.ruleName("Rule");
    JsonNode ids = in.body().get("Ids");
    if (ids == null || !ids.isArray() || ids.isEmpty() || ids.size() > 100) {
      throw AwsException.validation("RemoveTargets: Ids must be a list of 1 to 100 target ids");
    }
    List<String> names = new ArrayList<>();
    ids.forEach(id -> names.add(id.asText()));
    return rules
        .current(in, rule)
        .compose(doc -> rules.apply(in, RuleDocuments.withoutTargets(doc, names)))
        .map(applied -> answer(JSON.createArrayNode()));
  }

  private static ObjectNode target(JsonNode target, int index) {
    String where = "Targets[" + index + "]";
    if (!target.isObject()) {
      throw AwsException.validation(where + " must be an object {Id, Arn}");
    }
    for (Iterator<String> names = target.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!TARGET_FIELDS.contains(name)) {
        throw AwsException.validation(
            where
                + "."
                + name
                + " is not supported by Railyard: a target takes Id, Arn, RetryPolicy, Input,"
                + " InputPath or InputTransformer (and RoleArn, which is not kept); dead letters"
                + " always go to the target's topic railyard.dlq.<rule>.<target>");
      }
    }
    String id = target.path("Id").asText("");
    if (!RuleDocuments.LABEL.matcher(id).matches()) {
      throw AwsException.validation(
          where
              + ".Id '"
              + id
              + "' is not a Railyard target name: use 1 to 63 lower-case letters, digits and"
              + " '-', starting and ending with a letter or digit");
    }
    ObjectNode made =
        RuleDocuments.target(id, Arns.connector(target.path("Arn").asText(null), where + ".Arn"));
    ObjectNode retry = TargetInputs.retryOf(target, where);
    if (retry != null) {
      made.set("retry", retry);
    }
    return made;
  }

  private static ObjectNode answer(ArrayNode failed) {
    ObjectNode out = JSON.createObjectNode();
    out.put("FailedEntryCount", failed.size());
    out.set("FailedEntries", failed);
    return out;
  }
}
