package dev.railyard.rules.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TransformProblemsTest {

  private static List<String> problems(String transform) {
    String yaml =
        "apiVersion: railyard/v1\nkind: Rule\nmetadata: { name: r }\nspec:\n  bus: orders\n"
            + "  pattern: { type: [x] }\n  transform:\n"
            + transform
            + "  targets: [{ name: t, connector: c }]\n";
    return RuleFiles.load("rules.yaml", yaml).problems().stream().map(Problem::toString).toList();
  }

  @Test
  void shouldNameAnUndefinedPlaceholderAndListTheDefinedOnes() {
    List<String> problems =
        problems(
            """
                    paths: { id: $.data.id, amount: $.data.amount }
                    template: '{"id": "<id>", "amount": <amout>}'
                """);

    assertThat(problems)
        .containsExactly(
            "rules.yaml:9:41 spec.transform.template: placeholder <amout> is not "
                + "defined (did you mean <amount>?); defined: <id>, <amount>, <railyard.rule-name>, "
                + "<railyard.event.json>, <railyard.ingestion-time>");
  }

  @Test
  void shouldPointIntoLiteralBlockTemplates() {
    List<String> problems =
        problems(
            """
                    template: |
                      {"rule": "<railyard.rule-name>",
                       "event": <railyard.event>}
                """);

    assertThat(problems)
        .singleElement()
        .asString()
        .startsWith(
            "rules.yaml:10:17 spec.transform.template: "
                + "placeholder <railyard.event> is not defined (did you mean <railyard.event.json>?); defined: "
                + "<railyard.rule-name>");
  }

  @Test
  void shouldAcceptPredefinedVariablesWithoutPaths() {
    assertThat(problems("    template: '<railyard.rule-name> at <railyard.ingestion-time>'\n"))
        .isEmpty();
  }

  @Test
  void shouldPointAtTheCharacterOfAnInvalidPath() {
    List<String> problems = problems("    inputPath: \"$.data[x]\"\n");

    assertThat(problems)
        .containsExactly(
            "rules.yaml:8:24 spec.transform.inputPath: invalid JSONPath "
                + "'$.data[x]': expected an index, '*' or a quoted name after '[' but found 'x'; supported: $, "
                + "$.a.b, $.a[0], $.a[*], $['a.b']");
  }

  @Test
  void shouldCheckEveryPathAndVariableName() {
    List<String> problems =
        problems(
            """
                    paths: { "a.b": $.x, c: data.y, d: 5 }
                    template: "<c> <d>"
                """);

    assertThat(problems)
        .containsExactly(
            "rules.yaml:8:14 spec.transform.paths['a.b']: 'a.b' is not a valid variable name; use 1 to 64 "
                + "letters, digits, '_' and '-'",
            "rules.yaml:8:29 spec.transform.paths.c: invalid JSONPath 'data.y': a path starts with '$'; "
                + "supported: $, $.a.b, $.a[0], $.a[*], $['a.b']",
            "rules.yaml:8:40 spec.transform.paths.d: expected a JSONPath string like $.data.id, found the "
                + "integer 5");
  }

  @Test
  void shouldAllowOnlyOneKindOfTransform() {
    assertThat(problems("    inputPath: $.a\n    template: x\n"))
        .containsExactly(
            "rules.yaml:9:5 "
                + "spec.transform.template: 'inputPath' and 'template' exclude each other; a transform is one of "
                + "inputPath, input, or template (with optional paths)");
    assertThat(problems("    paths: { a: $.a }\n"))
        .containsExactly(
            "rules.yaml:8:5 spec.transform.paths: "
                + "'paths' needs a 'template' that uses them; a transform is one of inputPath, input, or template "
                + "(with optional paths)");
    assertThat(problems("    {}\n"))
        .containsExactly(
            "rules.yaml:7:3 spec.transform: a transform needs one "
                + "of inputPath, input, or template (with optional paths)");
  }

  @Test
  void shouldFallBackToTheScalarWhenEscapesHideTheExactColumn() {
    List<String> problems = problems("    template: \"\\\"<nope>\\\"\"\n");

    assertThat(problems)
        .singleElement()
        .asString()
        .startsWith("rules.yaml:8:15 spec.transform.template: placeholder <nope> is not defined");
  }

  @Test
  void shouldCountLinesOfWindowsFilesTheSame() {
    String yaml =
        "apiVersion: railyard/v1\r\nkind: Rule\r\nmetadata: { name: r }\r\nspec:\r\n  bus: b\r\n"
            + "  pattern: { type: [x] }\r\n  transform:\r\n    template: |\r\n      <x>\r\n"
            + "  targets: [{ name: t, connector: c }]\r\n";

    assertThat(RuleFiles.load("rules.yaml", yaml).problems())
        .extracting(Problem::line, Problem::column)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(9, 7));
  }
}
