package dev.railyard.rules.yaml;

import static dev.railyard.rules.yaml.RuleFileErrorsTest.problems;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Rule files that are not safe or not plain YAML: aliases, bombs, syntax errors, size and depth
 * limits, duplicate keys deep inside, explicit tags. Each is refused with its place.
 */
class YamlSafetyTest {

  @Test
  void shouldRefuseAliasesAndNameThem() {
    String yaml =
        """
                apiVersion: railyard/v1
                kind: Rule
                metadata: { name: r }
                spec:
                  bus: orders
                  pattern: &p { type: [x] }
                  targets:
                    - name: t
                      connector: c
                      retry: *p
                """;

    assertThat(problems(yaml))
        .containsExactly(
            "rules.yaml:10:14 aliases are not allowed (*p); write the value "
                + "out, as an alias can expand a small file into a huge one");
  }

  @Test
  void shouldRefuseABillionLaughsQuickly() {
    StringBuilder yaml =
        new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (char c = 'b'; c <= 'j'; c++) {
      char p = (char) (c - 1);
      yaml.append(c)
          .append(": &")
          .append(c)
          .append(" [*")
          .append(p)
          .append(",*")
          .append(p)
          .append(",*")
          .append(p)
          .append(",*")
          .append(p)
          .append(",*")
          .append(p)
          .append(",*")
          .append(p)
          .append("]\n");
    }

    assertThat(problems(yaml.toString()))
        .hasSize(54)
        .allMatch(p -> p.contains("aliases are not allowed"));
  }

  @Test
  void shouldReportInvalidYamlWithItsPlace() {
    String yaml = "apiVersion: railyard/v1\nkind: [Rule\nmetadata: {}\n";

    assertThat(problems(yaml))
        .singleElement()
        .asString()
        .startsWith("rules.yaml:3:9 invalid YAML: ")
        .contains("while parsing a flow sequence started at line 2, column 7");
  }

  @Test
  void shouldRefuseTabsAndOtherSyntaxErrorsAfterReadingTheDocumentsBefore() {
    String yaml = RuleFilesTest.minimal("r", "  enabled: 1\n") + "---\nspec:\n\tbus: x\n";

    assertThat(problems(yaml))
        .hasSize(2)
        .first()
        .asString()
        .isEqualTo(
            "rules.yaml:7:12 spec.enabled: expected a boolean (true or false), found the integer 1");
  }

  @Test
  void shouldRefuseFilesLargerThanOneMebibyte() {
    String yaml = "# " + "x".repeat(YamlDocuments.MAX_CHARS);

    assertThat(problems(yaml))
        .containsExactly(
            "rules.yaml:1:1 the file is larger than 1048576 characters; "
                + "split it into several files");
  }

  @Test
  void shouldRefuseDeepNesting() {
    String yaml = "a: " + "[".repeat(100) + "]".repeat(100) + "\n";

    assertThat(problems(yaml)).containsExactly("rules.yaml:1:67 nested deeper than 64 levels");
  }

  @Test
  void shouldRejectADocumentThatIsNotAMapping() {
    assertThat(problems("- a\n- b\n"))
        .containsExactly(
            "rules.yaml:1:1 expected a mapping with keys "
                + "apiVersion, kind, metadata, spec, found a sequence");
  }

  @Test
  void shouldRefuseMoreThanAThousandDocuments() {
    String yaml = "---\n".repeat(YamlDocuments.MAX_DOCUMENTS + 1);

    assertThat(problems(yaml))
        .containsExactly(
            "rules.yaml:1001:1 [doc 1001]: a file holds at most 1000 "
                + "documents; split it into several files");
  }

  @Test
  void shouldRejectDuplicateKeysInsideThePatternAndInput() {
    String yaml =
        RuleFilesTest.minimal("r", "  transform: { input: { a: 1, a: 2 } }\n")
            .replace(
                "pattern: { type: [\"order.paid\"] }",
                "pattern: { type: [x], source: [y], type: [z] }");

    assertThat(problems(yaml))
        .containsExactly(
            "rules.yaml:7:31 spec.transform.input.a: duplicate key 'a'; first defined at line 7, column 25",
            "rules.yaml:8:38 spec.pattern.type: duplicate key 'type'; first defined at line 8, column 14");
  }

  @Test
  void shouldNotTakeExplicitlyTaggedTextForABooleanOrInteger() {
    String yaml =
        RuleFilesTest.minimal("r", "  enabled: !!bool yes\n")
            + "      retry: { maxAttempts: !!int x }\n";

    assertThat(problems(yaml))
        .containsExactly(
            "rules.yaml:7:12 spec.enabled: expected a boolean (true or false), found 'yes' tagged !!bool",
            "rules.yaml:12:29 spec.targets[0].retry.maxAttempts: expected an integer from 0 to 185, found "
                + "'x' tagged !!int");
  }
}
