package dev.railyard.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands against a stub API: what they send, print and exit with. */
class CommandsTest {

  @TempDir Path dir;

  private HttpServer server;
  private volatile int status = 200;
  private volatile String reply = "{}";
  private volatile String lastRequest;
  private volatile String lastBody;

  @BeforeEach
  void startStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          lastRequest = exchange.getRequestMethod() + " " + exchange.getRequestURI();
          lastBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopStub() {
    server.stop(0);
  }

  @Test
  void shouldApplyStdinWithItsFlagsToTheUrlFromTheEnvironment() {
    reply = "{\"dryRun\": true, \"rules\": [{\"name\": \"a\", \"action\": \"created\"}]}";

    Run run =
        run(
            ApplyCommands::apply,
            "rules: yaml",
            Map.of(CliArgs.URL_ENV, url()),
            "-f",
            "-",
            "--dry-run",
            "--prune");

    assertThat(run.code).isZero();
    assertThat(lastRequest).isEqualTo("POST /api/v1/rules:apply?file=stdin&dryRun=true&prune=true");
    assertThat(lastBody).isEqualTo("rules: yaml");
    assertThat(run.out).isEqualTo("created   a\n(dry run: nothing was changed)\n");
  }

  @Test
  void shouldPrintEachProblemThenASummaryAndExitOneWhenTheFileIsRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("rules.yaml"), "x: 1");
    status = 400;
    reply =
        "{\"error\": {\"code\": \"INVALID_RULES\", \"message\": \"m\", \"details\": {"
            + "\"problems\": [\""
            + file
            + ":1:1 kind: missing\"]}}}";

    Run run = run(ApplyCommands::apply, "", Map.of(), "-f", file.toString(), "--url", url());

    assertThat(run.code).isEqualTo(ExitCodes.INVALID);
    assertThat(run.err.lines())
        .containsExactly(
            file + ":1:1 kind: missing",
            "railyard: " + file + " was refused, nothing was applied: 1 problem (INVALID_RULES)");
  }

  @Test
  void shouldPrintTheApiJsonWithOutputJsonAndStillExitByTheStatus() {
    status = 503;
    reply = "{\"error\":{\"code\":\"RULES_UNAVAILABLE\",\"message\":\"down\",\"details\":null}}";

    Run run = run(RuleCommands::run, "", Map.of(), "list", "--url", url(), "--output", "json");

    assertThat(run.code).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(run.err).contains("down (503 RULES_UNAVAILABLE)");
  }

  @Test
  void shouldExitOneForAnUnreadableFileWithoutCallingTheApi() {
    Run run =
        run(
            ApplyCommands::apply,
            "",
            Map.of(),
            "-f",
            dir.resolve("nope.yaml").toString(),
            "--url",
            url());

    assertThat(run.code).isEqualTo(ExitCodes.INVALID);
    assertThat(run.err).contains("cannot read", "nope.yaml: no such file");
    assertThat(lastRequest).isNull();
  }

  @Test
  void shouldNameLineAndColumnOfAnEventFileThatIsNotJson() throws IOException {
    Path pattern = Files.writeString(dir.resolve("p.json"), "{}");
    Path event = Files.writeString(dir.resolve("e.json"), "{\n  \"type\": order\n}");

    Run run =
        run(
            PatternCommand::run,
            "",
            Map.of(),
            "--pattern",
            pattern.toString(),
            "--event",
            event.toString(),
            "--url",
            url());

    assertThat(run.code).isEqualTo(ExitCodes.INVALID);
    assertThat(run.err.lines().findFirst().orElseThrow()).startsWith(event + ":2:");
    assertThat(lastRequest).isNull();
  }

  @Test
  void shouldSendEventAndPatternAndAnswerNoMatchWithExitOne() throws IOException {
    Path pattern = Files.writeString(dir.resolve("p.json"), "{\"type\": [\"a\"]}");
    reply = "{\"matches\": false}";

    Run run =
        run(
            PatternCommand::run,
            "{\"type\": \"b\"}",
            Map.of(),
            "--pattern",
            pattern.toString(),
            "--event",
            "-",
            "--url",
            url());

    assertThat(run.code).isEqualTo(ExitCodes.INVALID);
    assertThat(run.out).isEqualTo("does not match\n");
    assertThat(lastRequest).isEqualTo("POST /api/v1/rules:test");
    assertThat(lastBody).isEqualTo("{\"event\":{\"type\":\"b\"},\"pattern\":{\"type\":[\"a\"]}}");
  }

  @Test
  void shouldPlaceInvalidPatternProblemsInThePatternFile() {
    String text = "{\n  \"data\": {\n    \"amount\": [{\"numeric\": [\">\"]}]\n  }\n}";
    CliFailure api =
        new CliFailure(
            ExitCodes.INVALID,
            "p.json is not a valid pattern",
            List.of("1:30 data.amount: numeric needs ..."));

    CliFailure located = PatternCommand.located(api, "p.json", text);

    assertThat(located.problems())
        .singleElement()
        .asString()
        .startsWith("p.json:3:")
        .contains("data.amount");
  }

  @Test
  void shouldAskForASubCommandOfRules() {
    Run run = run(RuleCommands::run, "", Map.of());

    assertThat(run.code).isEqualTo(ExitCodes.INVALID);
    assertThat(run.err).contains("'rules list', 'rules get NAME' or 'rules delete NAME'");
  }

  @Test
  void shouldEncodeTheRuleNameInThePath() {
    reply = "{\"name\": \"a b\", \"deleted\": true}";

    Run run = run(RuleCommands::run, "", Map.of(), "delete", "a b", "--url", url());

    assertThat(run.code).isZero();
    assertThat(lastRequest).isEqualTo("DELETE /api/v1/rules/a%20b");
    assertThat(run.out).isEqualTo("deleted   a b\n");
  }

  @Test
  void shouldListCreateAndDeleteBuses() {
    reply =
        "[{\"name\": \"default\", \"partitions\": 3, \"rules\": []},"
            + " {\"name\": \"orders\", \"partitions\": 3, \"rules\": [\"paid\", \"refunds\"]}]";

    Run listed = run(BusCommands::run, "", Map.of(), "list", "--url", url());

    assertThat(listed.code).isZero();
    assertThat(listed.out)
        .isEqualTo(
            "NAME     PARTITIONS  RULES\n"
                + "default  3           -\n"
                + "orders   3           paid,refunds\n");

    status = 201;
    reply = "{\"name\": \"audit\", \"partitions\": 3, \"rules\": []}";
    Run created = run(BusCommands::run, "", Map.of(), "create", "audit", "--url", url());
    assertThat(lastRequest).isEqualTo("PUT /api/v1/buses/audit");
    assertThat(created.out).isEqualTo("created   audit\n");

    status = 409;
    reply =
        "{\"error\": {\"code\": \"BUS_IN_USE\", \"message\": \"bus \\\"orders\\\" is read by"
            + " 1 rule(s): paid\"}}";
    Run refused = run(BusCommands::run, "", Map.of(), "delete", "orders", "--url", url());
    assertThat(lastRequest).isEqualTo("DELETE /api/v1/buses/orders");
    assertThat(refused.code).isNotZero();
    assertThat(refused.err).contains("is read by 1 rule(s): paid (409 BUS_IN_USE)");
  }

  @Test
  void shouldInstallAPluginArchiveOrMavenCoordinatesAndListThePlugins() throws IOException {
    Path archive = dir.resolve("demo-1.0.zip");
    Files.write(archive, new byte[] {'P', 'K', 3, 4});
    status = 201;
    reply =
        "{\"name\": \"demo\", \"version\": \"1.0\", \"classes\": [{}, {}], \"alreadyPresent\": false}";

    Run uploaded =
        run(PluginCommands::run, "", Map.of(), "install", archive.toString(), "--url", url());

    assertThat(uploaded.code).isZero();
    assertThat(lastRequest).isEqualTo("POST /api/v1/plugins");
    assertThat(lastBody)
        .contains("Content-Disposition: form-data; name=\"file\"; filename=\"demo-1.0.zip\"")
        .contains("PK");
    assertThat(uploaded.out)
        .isEqualTo("installed demo 1.0 (2 classes); the workers restart one by one to load it\n");

    status = 200;
    reply =
        "{\"name\": \"pg\", \"version\": \"3.6.1\", \"classes\": [{}], \"alreadyPresent\": true}";
    Run maven =
        run(
            PluginCommands::run,
            "",
            Map.of(),
            "install",
            "--maven",
            "io.debezium:pg:3.6.1",
            "--url",
            url());
    assertThat(lastBody).isEqualTo("{\"maven\":\"io.debezium:pg:3.6.1\"}");
    assertThat(maven.out).isEqualTo("unchanged pg 3.6.1 (1 classes)\n");

    reply =
        "{\"count\": 1, \"plugins\": [{\"name\": \"demo\", \"versions\":"
            + " [{\"version\": \"1.0\", \"classes\": [{}]}, {\"version\": \"1.1\", \"classes\": [{}, {}]}]}]}";
    Run listed = run(PluginCommands::run, "", Map.of(), "list", "--url", url());
    assertThat(listed.out).isEqualTo("NAME  VERSIONS  CLASSES\ndemo  1.0,1.1   2\n");
  }

  @Test
  void shouldRefuseToInstallAFileThatCannotBeRead() {
    Run run =
        run(
            PluginCommands::run,
            "",
            Map.of(),
            "install",
            dir.resolve("missing.zip").toString(),
            "--url",
            url());

    assertThat(run.code).isEqualTo(ExitCodes.INVALID);
    assertThat(run.err).contains("cannot read").contains("missing.zip");
    assertThat(lastRequest).isNull();
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static Run run(
      Cli.Command command, String stdin, Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Terminal terminal =
        new Terminal(
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env);
    int code = Cli.run(command, List.of(args), terminal);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  record Run(int code, String out, String err) {}
}
