package dev.railyard.api.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Builds and changes the Railyard rule documents ({@code apiVersion: railyard/v1, kind: Rule}) that
 * the EventBridge rule and target operations apply, and shows them in EventBridge's shapes. A rule
 * made here is an ordinary rule: the document is applied through the rule service as a file of one
 * rule (JSON is YAML). Stateless.
 */
final class RuleDocuments {

  /** Railyard's names for rules and targets (lower-case labels), stricter than EventBridge's. */
  static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private static final ObjectMapper JSON = new ObjectMapper();

  private RuleDocuments() {}

  /** The document of a new rule: no targets yet, the whole event delivered. */
  static ObjectNode create(String name, String bus, String cloudEventPattern, boolean enabled) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("apiVersion", "railyard/v1");
    doc.put("kind", "Rule");
    doc.putObject("metadata").put("name", name);
    ObjectNode spec = doc.putObject("spec");
    spec.put("bus", bus);
    spec.putArray("targets");
    return replace(doc, bus, cloudEventPattern, enabled);
  }

  /** The document with PutRule's bus, pattern and state; its transform and targets are kept. */
  static ObjectNode replace(
      JsonNode current, String bus, String cloudEventPattern, boolean enabled) {
    ObjectNode doc = current.deepCopy();
    ObjectNode spec = (ObjectNode) doc.get("spec");
    spec.put("bus", bus);
    spec.put("enabled", enabled);
    try {
      spec.set("pattern", JSON.readTree(cloudEventPattern));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("the mapped pattern is not JSON", e);
    }
    return doc;
  }

  /** The document enabled or disabled. */
  static ObjectNode withState(JsonNode current, boolean enabled) {
    ObjectNode doc = current.deepCopy();
    ((ObjectNode) doc.get("spec")).put("enabled", enabled);
    return doc;
  }

  /**
   * The document with these targets put: a target of the same name is replaced, a new one is added
   * after the others; the rule's transform becomes {@code input} ({@link TargetInputs#WHOLE_EVENT}:
   * none), which the rule's other targets receive too.
   *
   * @throws AwsException a ValidationException when the rule has other targets, not put here, that
   *     receive another input
   */
  static ObjectNode withTargets(JsonNode current, List<ObjectNode> targets, JsonNode input) {
    ObjectNode doc = current.deepCopy();
    ObjectNode spec = (ObjectNode) doc.get("spec");
    JsonNode transform = spec.has("transform") ? spec.get("transform") : TargetInputs.WHOLE_EVENT;
    if (!transform.equals(input)) {
      List<String> put = targets.stream().map(t -> t.path("name").asText()).toList();
      List<String> others = new java.util.ArrayList<>();
      spec.path("targets")
          .forEach(
              t -> {
                if (!put.contains(t.path("name").asText())) {
                  others.add(t.path("name").asText());
                }
              });
      if (!others.isEmpty()) {
        throw AwsException.validation(
            "rule "
                + doc.path("metadata").path("name").asText()
                + " has targets "
                + others
                + " that receive another input: Railyard gives every target of a rule the same"
                + " input (the rule's transform); put them again with this Input, InputPath or"
                + " InputTransformer, or put this target on a rule of its own");
      }
    }
    if (input.isNull()) {
      spec.remove("transform");
    } else {
      spec.set("transform", input);
    }
    ArrayNode list = targetList(doc);
    for (ObjectNode target : targets) {
      int at = indexOf(list, target.path("name").asText());
      if (at < 0) {
        list.add(target);
      } else {
        list.set(at, target);
      }
    }
    return doc;
  }

  /** The document without the targets of these names. */
  static ObjectNode withoutTargets(JsonNode current, Collection<String> names) {
    ObjectNode doc = current.deepCopy();
    ArrayNode list = targetList(doc);
    for (int i = list.size() - 1; i >= 0; i--) {
      if (names.contains(list.get(i).path("name").asText())) {
        list.remove(i);
      }
    }
    return doc;
  }

  /** A target made from a connector template, as the rule language writes it. */
  static ObjectNode target(String id, String connector) {
    ObjectNode target = JSON.createObjectNode();
    target.put("name", id);
    target.put("connector", connector);
    return target;
  }

  /** DescribeRule's answer. */
  static ObjectNode describe(JsonNode doc, String region) {
    String name = doc.path("metadata").path("name").asText();
    JsonNode spec = doc.path("spec");
    String bus = spec.path("bus").asText();
    ObjectNode out = JSON.createObjectNode();
    out.put("Name", name);
    out.put("Arn", Arns.ruleArn(region, bus, name));
    out.put("EventPattern", Envelope.patternToEventBridge(spec.path("pattern")));
    out.put("State", spec.path("enabled").asBoolean(true) ? "ENABLED" : "DISABLED");
    out.put("EventBusName", bus);
    out.put("CreatedBy", Envelope.ACCOUNT);
    return out;
  }

  /**
   * ListTargetsByRule's targets: a connector target's Arn names its connector template; each shows
   * the rule's transform as its input and its retry as its RetryPolicy.
   */
  static ArrayNode targets(JsonNode doc) {
    ArrayNode out = JSON.createArrayNode();
    for (JsonNode target : doc.path("spec").path("targets")) {
      ObjectNode t = out.addObject();
      t.put("Id", target.path("name").asText());
      t.put(
          "Arn",
          target.has("connector")
              ? Arns.connectorArn(target.path("connector").asText())
              : "arn:railyard:inline:::" + target.path("config").path("connector.class").asText());
      TargetInputs.putInputOf(doc.path("spec").get("transform"), t);
      TargetInputs.putRetryOf(target.get("retry"), t);
    }
    return out;
  }

  static int targetCount(JsonNode doc) {
    return doc.path("spec").path("targets").size();
  }

  static String bus(JsonNode doc) {
    return doc.path("spec").path("bus").asText();
  }

  /** The document as the file the rule service applies. */
  static String text(JsonNode doc) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a rule document could not be written", e);
    }
  }

  private static ArrayNode targetList(ObjectNode doc) {
    ObjectNode spec = (ObjectNode) doc.get("spec");
    JsonNode targets = spec.get("targets");
    return targets instanceof ArrayNode list ? list : spec.putArray("targets");
  }

  private static int indexOf(ArrayNode list, String name) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).path("name").asText().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
