package dev.railyard.rules.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleFileErrorsTest {

  static List<String> problems(String yaml) {
    return RuleFiles.load("rules.yaml", yaml).problems().stream().map(Problem::toString).toList();
  }

  @Test
  void shouldNameTheValidKeysAndTheLikelyOneForAnUnknownKey() {
    String yaml = RuleFilesTest.minimal("r", "") + "      retires: { maxAttempts: 3 }\n";

    assertThat(problems(yaml))
        .containsExactly(
            "rules.yaml:11:7 spec.targets[0].retires: unknown key 'retires' "
                + "(did you mean 'retry'?); valid keys: name, connector, config, retry, deadLetter, "
                + "cloudEvents");
  }

  @Test
  void shouldNameTheModesOfTheBindingForAnUnknownCloudEventsMode() {
    String yaml = RuleFilesTest.minimal("r", "") + "      cloudEvents: json\n";

    assertThat(problems(yaml))
        .singleElement()
        .asString()
        .startsWith("rules.yaml:11:20 spec.targets[0].cloudEvents: 'json' is no mode")
        .contains("'structured'", "'binary'");
  }

  @Test
  void shouldNameTheExpectedTypeForAWrongType() {
    String yaml =
        RuleFilesTest.minimal("r", "  enabled: yes\n") + "      retry: { maxAttempts: \"3\" }\n";

    assertThat(problems(yaml))
        .containsExactly(
            "rules.yaml:7:12 spec.enabled: expected a boolean (true or false), found the string 'yes'",
            "rules.yaml:12:29 spec.targets[0].retry.maxAttempts: expected an integer from 0 to 185, "
                + "found the string '3'");
  }

  @Test
  void shouldReportAMissingKeyAtItsParent() {
    String yaml =
        """
                apiVersion: railyard/v1
                kind: Rule
                metadata:
                  name: r
                spec:
                  pattern: { type: [x] }
                  targets:
                    - name: t
                """;

    assertThat(problems(yaml))
        .containsExactly(
            "rules.yaml:5:1 spec: missing required key 'bus'",
            "rules.yaml:8:7 spec.targets[0]: missing 'connector' (the name of an uploaded sink connector config)"
                + " or 'config' (an inline connector config)");
  }

  @Test
  void shouldNameBothPlacesOfADuplicateKey() {
    String yaml = RuleFilesTest.minimal("r", "  bus: payments\n");

    assertThat(problems(yaml))
        .containsExactly(
            "rules.yaml:7:3 spec.bus: duplicate key 'bus'; first defined at line 6, column 3");
  }

  @Test
  void shouldRejectAnUnknownApiVersionAndKind() {
    String yaml =
        RuleFilesTest.minimal("r", "")
            .replace("railyard/v1", "railyard/v2")
            .replace("Rule", "Rules");

    assertThat(problems(yaml))
        .containsExactly(
            "rules.yaml:1:13 apiVersion: unsupported apiVersion 'railyard/v2'; valid: railyard/v1",
            "rules.yaml:2:7 kind: unsupported kind 'Rules'; valid: Rule");
  }

  @Test
  void shouldRejectNamesThatCannotBecomeTopicNames() {
    String yaml =
        RuleFilesTest.minimal("Paid_Orders", "")
            .replace("name: billing", "name: billing-")
            .replace("bus: orders", "bus: -orders");

    assertThat(problems(yaml))
        .containsExactly(
            "rules.yaml:4:9 metadata.name: 'Paid_Orders' is not a valid rule name; use 1 to 63 lowercase "
                + "letters, digits and '-', starting and ending with a letter or digit (it becomes part of "
                + "Kafka topic and connector names)",
            "rules.yaml:6:8 spec.bus: '-orders' is not a valid bus name; use 1 to 200 letters, digits, '_' and "
                + "'-', starting with a letter or digit (it becomes part of a Kafka topic name)",
            "rules.yaml:9:13 spec.targets[0].name: 'billing-' is not a valid target name; use 1 to 63 "
                + "lowercase letters, digits and '-', starting and ending with a letter or digit (it "
                + "becomes part of Kafka topic and connector names)");
  }

  @Test
  void shouldRejectA64CharacterRuleNameAndAcceptSixtyThree() {
    String ok = "a".repeat(63);

    assertThat(problems(RuleFilesTest.minimal(ok, ""))).isEmpty();
    assertThat(problems(RuleFilesTest.minimal(ok + "b", "")))
        .singleElement()
        .asString()
        .startsWith("rules.yaml:4:9 metadata.name: '" + ok + "b' is not a valid rule name");
  }

  @Test
  void shouldRejectTwoTargetsWithOneName() {
    String yaml = RuleFilesTest.minimal("r", "") + "    - name: billing\n      connector: other\n";

    assertThat(problems(yaml))
        .containsExactly(
            "rules.yaml:11:13 spec.targets[1].name: duplicate target name "
                + "'billing'; first used at line 9, column 13; target names are unique within a rule");
  }

  @Test
  void shouldRejectTwoRulesWithOneNameInAFile() {
    String yaml = RuleFilesTest.minimal("r", "") + "---\n" + RuleFilesTest.minimal("r", "");

    assertThat(problems(yaml))
        .containsExactly(
            "rules.yaml:15:9 [doc 2] metadata.name: duplicate rule name "
                + "'r'; first used at line 4, column 9; rule names are unique within a file");
  }

  @Test
  void shouldRejectATargetWithBothConnectorAndConfig() {
    String yaml = RuleFilesTest.minimal("r", "") + "      config: { connector.class: x }\n";

    assertThat(problems(yaml))
        .containsExactly(
            "rules.yaml:11:7 spec.targets[0].config: 'connector' and "
                + "'config' exclude each other; name an uploaded connector config or write one inline, not both");
  }

  @Test
  void shouldRejectInlineConfigsWithoutClassOrWithKeysRailyardSets() {
    String yaml =
        RuleFilesTest.minimal("r", "")
            .replace(
                "      connector: billing-webhook\n",
                """
                      config:
                        topics: a,b
                        tasks.max: { n: 2 }
                """);

    assertThat(problems(yaml))
        .containsExactly(
            "rules.yaml:10:7 spec.targets[0].config: missing required key 'connector.class'",
            "rules.yaml:11:9 spec.targets[0].config.topics: 'topics' is set by Railyard for every target "
                + "connector; remove it",
            "rules.yaml:12:20 spec.targets[0].config['tasks.max']: expected a string, number or boolean, "
                + "found a mapping");
  }

  @Test
  void shouldRejectRetryValuesOutOfRange() {
    String yaml =
        RuleFilesTest.minimal("r", "") + "      retry: { maxAttempts: 186, maxAgeSeconds: 59 }\n";

    assertThat(problems(yaml))
        .containsExactly(
            "rules.yaml:11:29 spec.targets[0].retry.maxAttempts: maxAttempts must be from 0 to 185, found 186",
            "rules.yaml:11:49 spec.targets[0].retry.maxAgeSeconds: maxAgeSeconds must be from 60 to 86400, "
                + "found 59");
  }

  @Test
  void shouldRejectAnInOrderThatIsNotABoolean() {
    String yaml = RuleFilesTest.minimal("r", "") + "      retry: { inOrder: sometimes }\n";

    assertThat(problems(yaml))
        .singleElement()
        .asString()
        .startsWith(
            "rules.yaml:11:25 spec.targets[0].retry.inOrder: expected a boolean (true or false)");
  }

  @Test
  void shouldRejectABackoffCeilingBelowItsStart() {
    String yaml =
        RuleFilesTest.minimal("r", "")
            + "      retry: { initialBackoffMs: 5000, maxBackoffMs: 1000, maxAttempts: 3 }\n";

    assertThat(problems(yaml))
        .containsExactly(
            "rules.yaml:11:54 spec.targets[0].retry.maxBackoffMs: maxBackoffMs must be at least "
                + "initialBackoffMs (5000), found 1000");
  }

  @Test
  void shouldTakeAnEmptyTargetListButNotAMissingOne() {
    String empty = RuleFilesTest.minimal("r", "").replaceAll("(?s)  targets:.*", "  targets: []\n");
    String missing = RuleFilesTest.minimal("r", "").replaceAll("(?s)  targets:.*", "");

    assertThat(problems(empty)).isEmpty();
    assertThat(problems(missing)).singleElement().asString().contains("targets");
  }

  @Test
  void shouldReportEveryProblemOfEveryDocumentTogetherInFileOrder() {
    String yaml =
        """
                apiVersion: railyard/v1
                kind: Rule
                metadata:
                  name: first
                  owner: me
                spec:
                  bus: orders
                  pattern: { type: [{ prefix: 1 }] }
                  targets:
                    - name: t
                      connector: c
                      deadLetter: 1
                ---
                kind: Rule
                metadata: { name: second }
                spec:
                  bus: orders
                  pattern: { type: [x] }
                  transform: { inputPath: "$.a.", input: 1 }
                  targets: { name: t }
                """;

    assertThat(problems(yaml))
        .containsExactly(
            "rules.yaml:5:3 metadata.owner: unknown key 'owner'; valid keys: name",
            "rules.yaml:8:31 spec.pattern.type: prefix needs a string ({\"prefix\": \"text\"} or {\"prefix\": "
                + "{\"equals-ignore-case\": \"text\"}})",
            "rules.yaml:12:19 spec.targets[0].deadLetter: expected a boolean (true or false), found the "
                + "integer 1",
            "rules.yaml:14:1 [doc 2]: missing required key 'apiVersion'",
            "rules.yaml:19:35 [doc 2] spec.transform.input: 'inputPath' and 'input' exclude each other; a "
                + "transform is one of inputPath, input, or template (with optional paths)",
            "rules.yaml:20:12 [doc 2] spec.targets: expected a sequence of targets, found a mapping");
  }

  @Test
  void shouldYieldNoRulesWhenOneRuleOfManyIsBad() {
    String yaml =
        RuleFilesTest.minimal("good", "")
            + "---\n"
            + RuleFilesTest.minimal("bad", "  enabled: 0\n")
            + "---\n"
            + RuleFilesTest.minimal("also-good", "");

    LoadResult result = RuleFiles.load("rules.yaml", yaml);

    assertThat(result.isValid()).isFalse();
    assertThat(result.rules()).isEmpty();
    assertThat(result.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "rules.yaml:18:12 [doc 2] "
                + "spec.enabled: expected a boolean (true or false), found the integer 0");
    assertThatThrownBy(result::rulesOrThrow)
        .isInstanceOf(RuleFileException.class)
        .hasMessage(
            "rules.yaml:18:12 [doc 2] spec.enabled: expected a boolean (true or false), found the "
                + "integer 0");
  }
}
