package dev.railyard.host.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.api.platform.Reply;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import dev.railyard.rules.pattern.Pattern;
import dev.railyard.rules.pattern.Problem;
import dev.railyard.rules.transform.TransformException;
import dev.railyard.rules.transform.Transformer;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TestEventPattern: does an event match a pattern or a rule, and what would each target of the rule
 * receive. Stateless.
 */
final class PatternTester {

  private static final ObjectMapper JSON = new ObjectMapper();

  Reply test(Map<String, Object> body, Map<String, Rule> rules) throws IOException {
    Object event = body.get("event");
    if (!(event instanceof Map)) {
      return invalid("'event' must be the event as a JSON object");
    }
    byte[] eventJson = JSON.writeValueAsBytes(event);
    if (body.containsKey("pattern") == body.containsKey("rule")) {
      return invalid("give either 'pattern' (an EventBridge pattern) or 'rule' (a rule's name)");
    }
    if (body.containsKey("pattern")) {
      String pattern = JSON.writeValueAsString(body.get("pattern"));
      List<Problem> problems = Pattern.check(pattern);
      if (!problems.isEmpty()) {
        return Reply.failed(
            400,
            "INVALID_PATTERN",
            "the pattern has " + problems.size() + " problem(s): " + problems.get(0),
            Map.of("problems", problems.stream().map(Problem::toString).toList()));
      }
      return Reply.ok(200, Map.of("matches", Pattern.compile(pattern).matches(eventJson)));
    }
    Rule rule = body.get("rule") instanceof String name ? rules.get(name) : null;
    if (rule == null) {
      return Reply.failed(404, "NOT_FOUND", "rule '" + body.get("rule") + "' does not exist", null);
    }
    boolean matches = Pattern.compile(rule.pattern()).matches(eventJson);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("matches", matches);
    if (matches) {
      answer.put("targets", outputs(rule, eventJson));
    }
    return Reply.ok(200, answer);
  }

  private static Map<String, Object> outputs(Rule rule, byte[] eventJson) throws IOException {
    Map<String, Object> targets = new LinkedHashMap<>();
    Object output;
    try {
      byte[] bytes =
          Transformer.of(rule.transform())
              .apply(JSON.readTree(eventJson), eventJson, rule.name(), Instant.now());
      output = readable(bytes);
    } catch (TransformException e) {
      output = Map.of("error", e.getMessage(), "deadLetter", true);
    }
    for (Target target : rule.targets()) {
      targets.put(target.name(), output);
    }
    return targets;
  }

  private static Object readable(byte[] bytes) {
    try {
      JsonNode node = JSON.readTree(bytes);
      return node == null ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : node;
    } catch (IOException e) {
      return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static Reply invalid(String message) {
    return Reply.failed(400, "INVALID_REQUEST", message, null);
  }
}
