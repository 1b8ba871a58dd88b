package dev.railyard.rules.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.railyard.rules.model.JsonPath;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import dev.railyard.rules.model.Topology;
import dev.railyard.rules.model.Transform;
import dev.railyard.rules.yaml.LoadResult;
import dev.railyard.rules.yaml.RuleFiles;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A rule as the value of its record in the rules topic: the same document a user writes, in JSON
 * (which is YAML too), so reading it back goes through the strict loader. Stateless.
 */
public final class RuleRecords {

  /** The compacted topic that holds every rule. */
  public static final String TOPIC = Topology.RULES_TOPIC;

  private static final ObjectMapper JSON = new ObjectMapper();

  private RuleRecords() {}

  /** The rule as a rule document in compact JSON. */
  public static String write(Rule rule) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("apiVersion", "railyard/v1");
    doc.put("kind", "Rule");
    doc.putObject("metadata").put("name", rule.name());
    ObjectNode spec = doc.putObject("spec");
    spec.put("bus", rule.bus());
    spec.put("enabled", rule.enabled());
    try {
      spec.set("pattern", JSON.readTree(rule.pattern()));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "rule " + rule.name() + " has a pattern that is not JSON", e);
    }
    writeTransform(rule.transform(), spec);
    ArrayNode targets = spec.putArray("targets");
    for (Target target : rule.targets()) {
      writeTarget(target, targets.addObject());
    }
    try {
      return JSON.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a record value back.
   *
   * @throws IllegalArgumentException when the value is not a valid rule document; the message lists
   *     the problems
   */
  public static Rule read(String key, String value) {
    LoadResult result = RuleFiles.load(TOPIC + "/" + key, value);
    if (!result.isValid() || result.rules().size() != 1) {
      throw new IllegalArgumentException(
          "record " + key + " of " + TOPIC + " is not one valid rule: " + result.problems());
    }
    return result.rules().get(0);
  }

  private static void writeTransform(Transform transform, ObjectNode spec) {
    if (transform instanceof Transform.WholeEvent) {
      return;
    }
    ObjectNode out = spec.putObject("transform");
    if (transform instanceof Transform.InputPath p) {
      out.put("inputPath", p.path().toString());
    } else if (transform instanceof Transform.Constant c) {
      try {
        out.set("input", JSON.readTree(c.json()));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("constant input is not JSON", e);
      }
    } else if (transform instanceof Transform.Template t) {
      ObjectNode paths = out.putObject("paths");
      for (Map.Entry<String, JsonPath> e : t.paths().entrySet()) {
        paths.put(e.getKey(), e.getValue().toString());
      }
      out.put("template", t.template());
    }
  }

  private static void writeTarget(Target target, ObjectNode out) {
    out.put("name", target.name());
    if (target.sink() instanceof Target.Connector c) {
      out.put("connector", c.name());
    } else if (target.sink() instanceof Target.Inline inline) {
      ObjectNode config = out.putObject("config");
      inline.config().forEach(config::put);
    }
    out.putObject("retry")
        .put("maxAttempts", target.retry().maxAttempts())
        .put("maxAgeSeconds", target.retry().maxAgeSeconds())
        .put("initialBackoffMs", target.retry().initialBackoffMs())
        .put("maxBackoffMs", target.retry().maxBackoffMs())
        .put("inOrder", target.retry().inOrder());
    out.put("deadLetter", target.deadLetter());
    // only when asked: the records of rules without it stay as they were
    if (target.cloudEvents() != Target.EventMode.KEEP) {
      out.put("cloudEvents", target.cloudEvents().yamlName());
    }
  }
}
