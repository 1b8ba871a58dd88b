package dev.railyard.rules.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Rule sets made only of prefix, suffix, wildcard or numeric rules are filed in the index, and
 * match exactly what each pattern matches alone.
 */
class RuleIndexTest {

  private static final String[] EVENTS = {
    "{\"s\": \"\"}",
    "{\"s\": \"FULTON\"}",
    "{\"s\": \"FU\"}",
    "{\"s\": \"F\"}",
    "{\"s\": \"a*b\"}",
    "{\"s\": \"a*bc\"}",
    "{\"s\": \"axbc\"}",
    "{\"s\": \"x\\\\\"}",
    "{\"s\": \"名前です\"}",
    "{\"s\": [\"MASON\", \"ACTON\"]}",
    "{\"s\": 5}",
    "{\"n\": 5}",
    "{\"n\": 5.0}",
    "{\"n\": 5e0}",
    "{\"n\": 4.999999}",
    "{\"n\": 5.000001}",
    "{\"n\": -0.0}",
    "{\"n\": 0}",
    "{\"n\": -0}",
    "{\"n\": 0e-5}",
    "{\"n\": 1e308}",
    "{\"n\": 1.7976931348623157e308}",
    "{\"n\": -1.7976931348623157e308}",
    "{\"n\": 1e309}",
    "{\"n\": 4.9e-324}",
    "{\"n\": 9007199254740993}",
    "{\"n\": \"5\"}",
    "{\"n\": [1, 6, 12]}",
    "{\"n\": [{\"m\": 3}]}",
    "{\"other\": 1}"
  };

  @Test
  void shouldFileEveryPrefixNumericAndWildcardRule() {
    for (IntFunction<String> shape :
        List.<IntFunction<String>>of(
            i -> "{\"s\": [{\"prefix\": \"P" + i + "\"}]}",
            i -> "{\"s\": [{\"suffix\": \"" + i + "S\"}]}",
            i -> "{\"s\": [{\"wildcard\": \"W" + i + "*x\"}]}",
            i -> "{\"s\": [{\"wildcard\": \"*" + i + "x\"}]}",
            i -> "{\"n\": [{\"numeric\": [\">\", " + i + ", \"<=\", " + (i + 10) + "]}]}",
            i -> "{\"n\": [{\"numeric\": [\"<\", " + i + "]}, " + i + "]}")) {
      RuleSet rules = RuleSet.of(rules(10_000, shape));

      assertThat(rules.alwaysEvaluated()).as(shape.apply(0)).isZero();
    }
  }

  @Test
  void shouldEvaluateWildcardsWithoutLiteralEndsForEveryEvent() {
    RuleSet rules =
        RuleSet.of(
            Map.of(
                "star",
                "{\"s\": [{\"wildcard\": \"*\"}]}",
                "mid",
                "{\"s\": [{\"wildcard\": \"*a*\"}]}"));

    assertThat(rules.alwaysEvaluated()).isEqualTo(2);
    assertThat(rules.matches("{\"s\": \"cat\"}")).containsExactlyInAnyOrder("star", "mid");
  }

  @Test
  void shouldMatchEdgeCasesAsEachPatternAlone() {
    List<String> patterns =
        List.of(
            "{\"s\": [{\"prefix\": \"\"}]}",
            "{\"s\": [{\"prefix\": \"FULTON\"}]}",
            "{\"s\": [{\"prefix\": \"FU\"}]}",
            "{\"s\": [{\"prefix\": \"FULTONS\"}]}",
            "{\"s\": [{\"suffix\": \"\"}]}",
            "{\"s\": [{\"suffix\": \"ON\"}]}",
            "{\"s\": [{\"suffix\": \"FULTON\"}]}",
            "{\"s\": [{\"wildcard\": \"a\\\\*b\"}]}",
            "{\"s\": [{\"wildcard\": \"a\\\\*b*\"}]}",
            "{\"s\": [{\"wildcard\": \"*\\\\*bc\"}]}",
            "{\"s\": [{\"wildcard\": \"x\\\\\\\\\"}]}",
            "{\"s\": [{\"wildcard\": \"\"}]}",
            "{\"s\": [{\"wildcard\": \"名*\"}]}",
            "{\"s\": [{\"wildcard\": \"F*N\"}]}",
            "{\"s\": [{\"prefix\": \"M\"}, {\"numeric\": [\">\", 4]}]}",
            "{\"s\": [{\"suffix\": \"5\"}, {\"numeric\": [\"=\", 5]}]}",
            "{\"n\": [{\"numeric\": [\">=\", 5]}]}",
            "{\"n\": [{\"numeric\": [\">\", 5]}]}",
            "{\"n\": [{\"numeric\": [\"<\", 5]}]}",
            "{\"n\": [{\"numeric\": [\"<=\", 5]}]}",
            "{\"n\": [{\"numeric\": [\"=\", 5]}]}",
            "{\"n\": [{\"numeric\": [\">\", 0, \"<\", 5]}]}",
            "{\"n\": [{\"numeric\": [\">=\", 0, \"<=\", 0.0000001]}]}",
            "{\"n\": [{\"numeric\": [\">\", -1, \"<\", 0]}]}",
            "{\"n\": [{\"numeric\": [\">=\", -0.0, \"<=\", 1]}]}",
            "{\"n\": [{\"numeric\": [\">\", 1e300]}]}",
            "{\"n\": [{\"numeric\": [\"<\", -1e300]}]}",
            "{\"n\": [{\"numeric\": [\">\", 1.7e308]}]}",
            "{\"n\": [{\"numeric\": [\">\", 0, \"<\", 1e-300]}]}",
            "{\"n\": [{\"numeric\": [\">\", 5, \"<=\", 12]}, 1]}",
            "{\"n\": {\"m\": [{\"numeric\": [\"<\", 4]}]}}",
            "{\"n\": [{\"numeric\": [\">\", 0]}], \"s\": [{\"prefix\": \"F\"}]}");
    Map<String, String> named = new LinkedHashMap<>();
    for (int i = 0; i < patterns.size(); i++) {
      named.put("r" + i, patterns.get(i));
    }
    RuleSet rules = RuleSet.of(named);

    for (String event : EVENTS) {
      assertThat(rules.matches(event)).as(event).isEqualTo(alone(named, event));
    }
  }

  @Test
  void shouldMatchManyGeneratedRulesAsEachPatternAlone() {
    Random random = new Random(3);
    Map<String, String> named = new LinkedHashMap<>();
    for (int i = 0; i < 1500; i++) {
      named.put("r" + i, generated(random));
    }
    RuleSet rules = RuleSet.of(named);
    RandomEvents events = new RandomEvents(random);

    for (int i = 0; i < 300; i++) {
      String event =
          i % 2 == 0
              ? events.event()
              : "{\"s\": \""
                  + word(random)
                  + "\", \"n\": "
                  + (random.nextInt(400) - 200) / 8.0
                  + "}";
      assertThat(rules.matches(event)).as(event).isEqualTo(alone(named, event));
    }
  }

  private static String generated(Random random) {
    String w = word(random);
    int n = random.nextInt(40) - 20;
    return switch (random.nextInt(6)) {
      case 0 -> "{\"s\": [{\"prefix\": \"" + w + "\"}]}";
      case 1 -> "{\"s\": [{\"suffix\": \"" + w + "\"}]}";
      case 2 -> "{\"s\": [{\"wildcard\": \"" + w + "*" + word(random) + "\"}]}";
      case 3 -> "{\"s\": [{\"wildcard\": \"*" + w + "\"}]}";
      case 4 -> "{\"n\": [{\"numeric\": [\">\", " + n + ", \"<=\", " + (n + 5) + "]}]}";
      default -> "{\"n\": [{\"numeric\": [\"<\", " + n + "]}, {\"numeric\": [\">=\", 30]}]}";
    };
  }

  private static String word(Random random) {
    StringBuilder sb = new StringBuilder();
    for (int i = random.nextInt(4); i > 0; i--) {
      sb.append("abFU".charAt(random.nextInt(4)));
    }
    return sb.toString();
  }

  private static List<String> alone(Map<String, String> named, String event) {
    List<String> expected = new ArrayList<>();
    named.forEach(
        (name, pattern) -> {
          if (Pattern.compile(pattern).matches(event)) {
            expected.add(name);
          }
        });
    return expected;
  }

  private static Map<String, String> rules(int count, IntFunction<String> shape) {
    Map<String, String> named = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      named.put("r" + i, shape.apply(i));
    }
    return named;
  }
}
