package dev.railyard.api.platform.answers;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The answer of TestEventPattern.
 *
 * @param matches whether the event matches the pattern or the rule
 * @param targets for a rule the event matches, what each target would receive, by target name: the
 *     transformed event as JSON (text when it is not JSON), or {@code {"error", "deadLetter":
 *     true}} when the transform fails; null (and absent from the JSON) for a pattern, or an event
 *     the rule does not match
 */
public record TestPatternResult(
    boolean matches, @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, JsonNode> targets) {

  public TestPatternResult {
    targets = Copies.ordered(targets);
  }
}
