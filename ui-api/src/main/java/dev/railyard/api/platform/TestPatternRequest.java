package dev.railyard.api.platform;

import java.util.Objects;

/**
 * A TestEventPattern request, checked by the API: an event and either a pattern or a rule's name.
 *
 * @param eventJson the event, a JSON object as text; never null
 * @param patternJson an EventBridge pattern as JSON text, or null when {@code rule} is given
 * @param rule the name of a rule, or null when {@code patternJson} is given
 */
public record TestPatternRequest(String eventJson, String patternJson, String rule) {

  public TestPatternRequest {
    Objects.requireNonNull(eventJson, "eventJson");
    if ((patternJson == null) == (rule == null)) {
      throw new IllegalArgumentException("exactly one of patternJson and rule must be given");
    }
  }
}
