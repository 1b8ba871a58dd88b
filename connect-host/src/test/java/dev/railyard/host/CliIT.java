package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.EventBus;

/** The commands of {@code railyard}, run in-process against a real platform. */
@WithPlatform(workers = 1)
class CliIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldApplyAFileThenFindItUnchangedAndShowADryRunWithoutChangingAnything(
      Platform platform, Path dataDir) throws Exception {
    // given a rule file with one rule
    Path file =
        write(
            dataDir,
            "cli-apply.yaml",
            rule("cli-paid", "cli-apply", "order.paid", dataDir.resolve("cli-paid.jsonl")));

    // when it is applied twice
    Run first = cli(platform, "apply", "-f", file.toString());
    Run second = cli(platform, "apply", "-f", file.toString());

    // then the first creates the rule and the second leaves it unchanged
    assertThat(first.code).as(first.toString()).isZero();
    assertThat(first.out).isEqualTo("created   cli-paid\n");
    assertThat(second.code).as(second.toString()).isZero();
    assertThat(second.out).isEqualTo("unchanged cli-paid\n");

    // when a changed file is applied with --dry-run
    write(
        dataDir,
        "cli-apply.yaml",
        rule("cli-paid", "cli-apply", "order.refunded", dataDir.resolve("cli-paid.jsonl")));
    Run dryRun = cli(platform, "apply", "-f", file.toString(), "--dry-run", "--output", "json");

    // then it says what would change, and the rule in force is the old one
    assertThat(dryRun.code).as(dryRun.toString()).isZero();
    JsonNode answer = JSON.readTree(dryRun.out);
    assertThat(answer.get("dryRun").asBoolean()).isTrue();
    assertThat(answer.get("rules").get(0).get("action").asText()).isEqualTo("updated");
    Run get = cli(platform, "rules", "get", "cli-paid");
    assertThat(get.out).contains("order.paid").doesNotContain("order.refunded");
  }

  @Test
  void shouldPrintEachProblemAsFileLineColumnAndExitOneForAnInvalidFile(
      Platform platform, Path dataDir) throws Exception {
    // given a file whose second rule has a numeric filter without its number
    Path file =
        write(
            dataDir,
            "cli-invalid.yaml",
            rule("cli-good", "cli-invalid", "x", dataDir.resolve("good.jsonl"))
                + "---\n"
                + """
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: cli-bad}
        spec:
          bus: cli-invalid
          pattern: {data: {amount: [{numeric: [">"]}]}}
          targets: [{name: t, config: {connector.class: FileStreamSink, file: /tmp/y}}]
        """);

    // when it is applied
    Run run = cli(platform, "apply", "-f", file.toString());

    // then the problem is named by file, line and column, and nothing was applied
    assertThat(run.code).as(run.toString()).isEqualTo(1);
    List<String> lines = run.errLines();
    assertThat(lines.get(0))
        .matches(Pattern.quote(file.toString()) + ":\\d+:\\d+ .*spec\\.pattern\\.data\\.amount.*");
    assertThat(lines.get(lines.size() - 1))
        .startsWith("railyard: ")
        .contains("nothing was applied");
    assertThat(cli(platform, "rules", "get", "cli-good").code).isEqualTo(1);
    assertThat(cli(platform, "validate", "-f", file.toString()).code).isEqualTo(1);
  }

  @Test
  void shouldListGetAndDeleteRules(Platform platform, Path dataDir) throws Exception {
    // given an applied rule
    Path file =
        write(
            dataDir,
            "cli-list.yaml",
            rule("cli-listed", "cli-list", "order.created", dataDir.resolve("listed.jsonl")));
    assertThat(cli(platform, "apply", "-f", file.toString()).code).isZero();

    // when the rules are listed and the rule read
    Run list = cli(platform, "rules", "list");
    Run get = cli(platform, "rules", "get", "cli-listed");
    Run getJson = cli(platform, "rules", "get", "cli-listed", "--output", "json");

    // then the table and the document show it
    assertThat(list.code).as(list.toString()).isZero();
    assertThat(list.outLines().get(0)).matches("NAME +BUS +ENABLED +TARGETS");
    assertThat(list.outLines())
        .anySatisfy(l -> assertThat(l).matches("cli-listed +cli-list +true +out"));
    assertThat(get.out).contains("kind: Rule", "name: cli-listed", "bus: cli-list");
    assertThat(JSON.readTree(getJson.out).get("targets").get(0).get("name").asText())
        .isEqualTo("out");

    // when it is deleted, then it is gone and a second delete is refused
    Run delete = cli(platform, "rules", "delete", "cli-listed");
    assertThat(delete.code).as(delete.toString()).isZero();
    assertThat(delete.out).isEqualTo("deleted   cli-listed\n");
    Run again = cli(platform, "rules", "delete", "cli-listed");
    assertThat(again.code).isEqualTo(1);
    assertThat(again.err).contains("cli-listed", "does not exist");
    assertThat(cli(platform, "rules", "get", "cli-listed").code).isEqualTo(1);
  }

  @Test
  void shouldTestAPatternAnsweringInTheExitCode(Platform platform, Path dataDir) throws Exception {
    Path pattern = write(dataDir, "p.json", "{\"type\": [\"order.paid\"]}");
    Path paid = write(dataDir, "paid.json", "{\"type\": \"order.paid\", \"data\": {}}");
    Path created = write(dataDir, "created.json", "{\"type\": \"order.created\", \"data\": {}}");
    Path invalid =
        write(
            dataDir,
            "invalid.json",
            """
        {
          "data": {
            "amount": [{"numeric": [">"]}]
          }
        }
        """);

    Run matches =
        cli(platform, "test-pattern", "--pattern", pattern.toString(), "--event", paid.toString());
    Run noMatch =
        cli(
            platform,
            "test-pattern",
            "--pattern",
            pattern.toString(),
            "--event",
            created.toString());
    Run bad =
        cli(platform, "test-pattern", "--pattern", invalid.toString(), "--event", paid.toString());

    assertThat(matches.code).as(matches.toString()).isZero();
    assertThat(matches.out).isEqualTo("matches\n");
    assertThat(noMatch.code).as(noMatch.toString()).isEqualTo(1);
    assertThat(noMatch.out).isEqualTo("does not match\n");
    assertThat(bad.code).as(bad.toString()).isEqualTo(1);
    assertThat(bad.errLines().get(0)).startsWith(invalid + ":3:").contains("data.amount");
  }

  @Test
  void shouldIssueAnAwsKeyPairTheSdkSignsWithAndRevokeIt(Platform platform) {
    // when an AWS key pair is created with the CLI
    Run created = cli(platform, "tokens", "create", "cli-aws", "--role", "editor", "--kind", "aws");

    // then stdout holds the two variables the AWS SDKs read, and nothing else
    assertThat(created.code).as(created.toString()).isZero();
    List<String> lines = created.out.lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).matches("AWS_ACCESS_KEY_ID=\\S+");
    assertThat(lines.get(1)).matches("AWS_SECRET_ACCESS_KEY=\\S+");
    assertThat(created.err).contains("created AWS key pair 'cli-aws'", "shown only this once");
    String keyId = lines.get(0).substring("AWS_ACCESS_KEY_ID=".length());
    String secret = lines.get(1).substring("AWS_SECRET_ACCESS_KEY=".length());

    // and the list shows it as a key pair, never its secret
    Run listed = cli(platform, "tokens", "list");
    assertThat(listed.out.lines().filter(l -> l.contains("cli-aws")).toList())
        .singleElement()
        .satisfies(l -> assertThat(l).contains(" aws ", "editor").doesNotContain(secret));

    // and the AWS SDK signs with it against the EventBridge API
    try (EventBridgeClient sdk = AwsClients.client(platform, keyId, secret)) {
      assertThat(sdk.listEventBuses(b -> b.namePrefix("default")).eventBuses())
          .extracting(EventBus::name)
          .contains("default");
    }

    // when it is revoked, the SDK's calls are refused
    Run revoked = cli(platform, "tokens", "revoke", "cli-aws");
    assertThat(revoked.code).as(revoked.toString()).isZero();
    try (EventBridgeClient sdk = AwsClients.client(platform, keyId, secret)) {
      assertThatThrownBy(() -> sdk.listEventBuses(b -> b.namePrefix("default")))
          .isInstanceOf(EventBridgeException.class);
    }

    // and a kind that is neither is refused before anything is sent
    Run bad = cli(platform, "tokens", "create", "cli-x", "--role", "editor", "--kind", "gcp");
    assertThat(bad.code).isEqualTo(1);
    assertThat(bad.err).contains("--kind must be 'bearer'", "or 'aws'", "not 'gcp'");
  }

  @Test
  void shouldExitTwoWhenRailyardIsUnreachable() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    Run run = capture("rules", "list", "--url", "http://127.0.0.1:" + port);

    assertThat(run.code).as(run.toString()).isEqualTo(2);
    assertThat(run.err).contains("cannot reach Railyard at http://127.0.0.1:" + port);
  }

  @Test
  void shouldDescribeEveryCommandInTheUsageAndRefuseBadFlagsWithExitOne() {
    Run help = capture("help");
    Run badFlag = capture("apply", "--file");
    Run noFile = capture("apply", "--dry-run");

    assertThat(help.code).isZero();
    assertThat(help.out)
        .contains(
            "apply -f FILE [--dry-run] [--prune]",
            "validate -f FILE",
            "rules list | rules get NAME | rules delete NAME",
            "test-pattern --pattern FILE",
            "--url URL",
            "--output text|json",
            "RAILYARD_URL",
            "Exit codes of the rule commands");
    assertThat(badFlag.code).isEqualTo(1);
    assertThat(badFlag.err).contains("flag --file of 'apply' needs a value");
    assertThat(noFile.code).isEqualTo(1);
    assertThat(noFile.err).contains("'apply' needs --file");
  }

  private static String rule(String name, String bus, String type, Path target) {
    return """
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: %s}
        spec:
          bus: %s
          pattern: {type: ["%s"]}
          targets:
            - name: out
              config: {connector.class: FileStreamSink, file: "%s"}
        """
        .formatted(name, bus, type, target);
  }

  private static Path write(Path dir, String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static Run cli(Platform platform, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--url");
    all.add(platform.apiUrl());
    all.add("--token");
    all.add(ApiClient.adminToken(platform));
    return capture(all.toArray(String[]::new));
  }

  private static Run capture(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            List.of(args),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  record Run(int code, String out, String err) {

    List<String> outLines() {
      return out.lines().toList();
    }

    List<String> errLines() {
      return err.lines().toList();
    }
  }
}
