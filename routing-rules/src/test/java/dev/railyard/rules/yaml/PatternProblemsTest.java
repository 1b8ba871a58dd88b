package dev.railyard.rules.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PatternProblemsTest {

  private static List<String> problems(String yaml) {
    return RuleFiles.load("rules.yaml", yaml).problems().stream().map(Problem::toString).toList();
  }

  private static String rule(String pattern) {
    return "apiVersion: railyard/v1\nkind: Rule\nmetadata: { name: r }\nspec:\n  bus: orders\n  pattern:\n"
        + pattern
        + "  targets: [{ name: t, connector: c }]\n";
  }

  @Test
  void shouldPointAtTheYamlValueAPatternProblemIsAbout() {
    String yaml =
        rule(
            """
                    type: ["order.paid"]
                    data:
                      amount: [{ "numeric": [100] }]
                """);

    assertThat(problems(yaml))
        .singleElement()
        .asString()
        .startsWith("rules.yaml:9:30 spec.pattern.data.amount: numeric needs an operator first");
  }

  @Test
  void shouldReportEveryPatternProblemAtItsOwnLine() {
    String yaml =
        rule(
            """
                    a:
                      - prefix: 1
                    b:
                      c: []
                    $or:
                      - d: [{ wildcard: "a**" }]
                """);

    assertThat(problems(yaml))
        .extracting(p -> p.substring(0, p.indexOf(':', p.indexOf(' '))))
        .containsExactly(
            "rules.yaml:8:17 spec.pattern.a",
            "rules.yaml:10:10 spec.pattern.b.c",
            "rules.yaml:12:7 spec.pattern.$or",
            "rules.yaml:12:25 spec.pattern.$or[0].d");
  }

  @Test
  void shouldReportAnEmptyPatternAtThePattern() {
    String yaml = rule("    {}\n");

    assertThat(problems(yaml))
        .singleElement()
        .asString()
        .startsWith("rules.yaml:7:5 spec.pattern: empty objects are not allowed");
  }

  @Test
  void shouldRejectAPatternThatIsAString() {
    String yaml = rule("    '{\"type\": [\"x\"]}'\n");

    assertThat(problems(yaml))
        .containsExactly(
            "rules.yaml:7:5 spec.pattern: expected a mapping (an "
                + "EventBridge pattern) or a sequence (CloudEvents filters), found the string '{\"type\": [\"x\"]}'");
  }

  @Test
  void shouldRejectTaggedValuesThatJsonCannotHold() {
    String yaml = rule("    type: [!!binary aGVsbG8=]\n");

    assertThat(problems(yaml))
        .containsExactly(
            "rules.yaml:7:12 spec.pattern.type[0]: JSON cannot hold 'aGVsbG8=' "
                + "tagged !!binary; write a string, number, boolean, null, mapping or sequence");
  }

  @Test
  void shouldReportCloudEventsFilterProblemsAtTheirValue() {
    String yaml = rule("    - exact: { type: 1 }\n    - nope: {}\n");

    assertThat(problems(yaml))
        .extracting(p -> p.substring(0, p.indexOf(':', p.indexOf(' '))))
        .containsExactly(
            "rules.yaml:7:22 spec.pattern[0].exact.type", "rules.yaml:8:13 spec.pattern[1].nope");
  }

  @Test
  void shouldKeepNumbersAndStringsApartAsYamlTypesThem() {
    String yaml = rule("    a: [1, \"1\", 1.5e3, true, null, 1.]\n");

    LoadResult result = RuleFiles.load("rules.yaml", yaml);

    assertThat(result.rules())
        .singleElement()
        .satisfies(r -> assertThat(r.pattern()).isEqualTo("{\"a\":[1,\"1\",1.5e3,true,null,1]}"));
  }
}
