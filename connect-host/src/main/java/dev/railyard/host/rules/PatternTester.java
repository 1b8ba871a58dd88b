package dev.railyard.host.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.Outcome.Kind;
import dev.railyard.api.platform.TestPatternRequest;
import dev.railyard.api.platform.answers.TestPatternResult;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import dev.railyard.rules.pattern.Pattern;
import dev.railyard.rules.pattern.Problem;
import dev.railyard.rules.transform.TransformException;
import dev.railyard.rules.transform.Transformer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TestEventPattern: does an event match a pattern or a rule, and what would each target of the rule
 * receive. The request's shape was checked by the API. Stateless.
 */
final class PatternTester {

  private static final ObjectMapper JSON = new ObjectMapper();

  Outcome<TestPatternResult> test(TestPatternRequest request, Map<String, Rule> rules)
      throws IOException {
    byte[] eventJson = request.eventJson().getBytes(StandardCharsets.UTF_8);
    if (request.patternJson() != null) {
      String pattern = request.patternJson();
      List<Problem> problems = Pattern.check(pattern);
      if (!problems.isEmpty()) {
        return Outcome.refused(
            Kind.INVALID,
            "INVALID_PATTERN",
            "the pattern has " + problems.size() + " problem(s): " + problems.get(0),
            Map.of("problems", problems.stream().map(Problem::toString).toList()));
      }
      return Outcome.ok(new TestPatternResult(Pattern.compile(pattern).matches(eventJson), null));
    }
    Rule rule = rules.get(request.rule());
    if (rule == null) {
      return Outcome.refused(
          Kind.NOT_FOUND, "NOT_FOUND", "rule '" + request.rule() + "' does not exist", null);
    }
    boolean matches = Pattern.compile(rule.pattern()).matches(eventJson);
    return Outcome.ok(new TestPatternResult(matches, matches ? outputs(rule, eventJson) : null));
  }

  private static Map<String, JsonNode> outputs(Rule rule, byte[] eventJson) throws IOException {
    Map<String, JsonNode> targets = new LinkedHashMap<>();
    JsonNode output;
    try {
      byte[] bytes =
          Transformer.of(rule.transform())
              .apply(JSON.readTree(eventJson), eventJson, rule.name(), Instant.now());
      output = readable(bytes);
    } catch (TransformException e) {
      ObjectNode error = JSON.createObjectNode();
      error.put("error", e.getMessage());
      error.put("deadLetter", true);
      output = error;
    }
    for (Target target : rule.targets()) {
      targets.put(target.name(), output);
    }
    return targets;
  }

  private static JsonNode readable(byte[] bytes) {
    try {
      JsonNode node = JSON.readTree(bytes);
      return node == null ? TextNode.valueOf(new String(bytes, StandardCharsets.UTF_8)) : node;
    } catch (IOException e) {
      return TextNode.valueOf(new String(bytes, StandardCharsets.UTF_8));
    }
  }
}
