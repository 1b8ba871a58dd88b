package dev.railyard.host.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.Outcome.Kind;
import dev.railyard.api.platform.TestPatternRequest;
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

  Outcome test(TestPatternRequest request, Map<String, Rule> rules) throws IOException {
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
      return Outcome.ok(Map.of("matches", Pattern.compile(pattern).matches(eventJson)));
    }
    Rule rule = rules.get(request.rule());
    if (rule == null) {
      return Outcome.refused(
          Kind.NOT_FOUND, "NOT_FOUND", "rule '" + request.rule() + "' does not exist", null);
    }
    boolean matches = Pattern.compile(rule.pattern()).matches(eventJson);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("matches", matches);
    if (matches) {
      answer.put("targets", outputs(rule, eventJson));
    }
    return Outcome.ok(answer);
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
      return node == null ? new String(bytes, StandardCharsets.UTF_8) : node;
    } catch (IOException e) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }
}
