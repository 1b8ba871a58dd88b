package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.railyard.host.plugins.TestPlugins;
import dev.railyard.host.plugins.maven.FileRepository;
import dev.railyard.host.testing.Chromium;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The dashboard driven in a real headless Chromium as a person would, against one whole platform:
 * every page, the generated connector form, the rule editor's markers, the sandbox, redrive, the
 * events explorer, a plugin installed from Maven, and a viewer who finds no write action.
 */
class DashboardIT {

  /** A connector or rule target needs a rebalance and a task start, then a page refresh. */
  private static final Duration CONNECTOR_UP = Duration.ofSeconds(90);

  /** The labels of every write action the dashboard has, which a viewer must not be offered. */
  private static final List<String> WRITES =
      List.of(
          ("New connector|Import YAML|Create|Save|Delete|Stop|Pause|Resume|Restart|Edit|Apply"
                  + "|Dry run|Redrive|Install|Upload|Revoke|Reset offsets|Alter|Change the policy"
                  + "|Replay|Test")
              .split("\\|"));

  private static final List<String> VIEWER_PAGES =
      List.of(
          ("overview connectors connectors/viewer-sink connectors/new plugins rules rules/edit"
                  + " sandbox deadletters scaling events")
              .split(" "));

  private static Path dataDir;
  private static Platform platform;
  private static ApiClient api;
  private static Chromium browser;
  private static FileRepository repository;

  /** A failed test leaves what the browser showed in target/screenshots/failed-<test>.png. */
  @org.junit.jupiter.api.extension.RegisterExtension
  static final org.junit.jupiter.api.extension.AfterTestExecutionCallback SHOT_ON_FAILURE =
      context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
          browser.screenshot("failed-" + context.getRequiredTestMethod().getName());
        }
      };

  @BeforeAll
  static void start() {
    dataDir = TestPlatforms.tempDir();
    // a Maven repository in a folder, for "install from Maven" without reaching the network
    repository =
        new FileRepository(dataDir.resolve("maven-repo"))
            .artifact("com.example", "demo-sink", "1.0", TestPlugins.sinkJar("1.0", false));
    platform =
        TestPlatforms.start(dataDir, 1, Map.of("plugins.maven.repositories", repository.url()));
    api = new ApiClient(platform);
    browser = Chromium.logIn(platform.apiUrl(), ApiClient.adminToken(platform));
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (platform != null) {
      platform.close();
    }
    TestPlatforms.delete(dataDir);
  }

  @Test
  void shouldShowEveryComponentUpWithoutConsoleErrorsOnADesktopAndAPhone() {
    // when the overview is opened
    browser.open("overview");

    // then every component is UP, the charts are drawn and nothing failed in the browser
    browser.until(ExpectedConditions.textToBe(By.id("overall"), "UP"));
    browser.until(d -> !browser.texts("#view td[data-field=status]").isEmpty());
    assertThat(browser.texts("#view td[data-field=name]")).contains("broker", "workers", "api");
    assertThat(browser.texts("#view td[data-field=status]")).containsOnly("UP");
    browser.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-chart=scaling] canvas")));
    assertThat(browser.consoleProblems()).as("console warnings and errors").isEmpty();
    assertThat(browser.sidewaysOverflow())
        .as("pixels of sideways scrolling")
        .isLessThanOrEqualTo(0);
    browser.screenshot("overview");

    // and on a phone-sized screen the menu folds away and the page still fits
    try {
      browser.resize(390, 844);
      browser.open("connectors");
      assertThat(browser.driver().findElement(By.id("nav")).isDisplayed()).isFalse();
      browser.click(By.id("menu"));
      assertThat(browser.driver().findElement(By.id("nav")).isDisplayed()).isTrue();
      assertThat(browser.sidewaysOverflow())
          .as("sideways scrolling on a phone")
          .isLessThanOrEqualTo(0);
      browser.screenshot("phone-connectors");
    } finally {
      browser.resize(1280, 800);
    }
  }

  @Test
  void shouldCreateAConnectorThroughTheGeneratedFormOnceTheServersErrorIsFixed() {
    String name = "form-sink";
    browser.open("connectors/new");

    // when a FileStreamSink is chosen, the form is built from its ConfigDef
    browser.type(By.id("connector-name"), name);
    browser.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#connector-class option[value$='FileStreamSinkConnector']")));
    new org.openqa.selenium.support.ui.Select(
            browser.driver().findElement(By.id("connector-class")))
        .selectByValue("org.apache.kafka.connect.file.FileStreamSinkConnector");
    By tasksMax = browser.field("tasks.max");
    browser.until(ExpectedConditions.presenceOfElementLocated(tasksMax));
    assertThat(browser.texts(".field[data-key] label")).anyMatch(l -> l.contains("topics"));

    // and a field is filled in wrong, the server's error shows at that field before submitting
    browser.type(browser.field("topics"), "railyard.bus.default");
    browser.type(browser.field("file"), dataDir.resolve(name + ".jsonl").toString());
    browser.type(tasksMax, "two");
    By tasksErrors = By.cssSelector(".field[data-key='tasks.max'] .errors");
    browser.until(d -> d.findElement(tasksErrors).getText().contains("two"));
    assertThat(
            browser
                .driver()
                .findElement(By.cssSelector(".field[data-key='tasks.max']"))
                .getDomAttribute("class"))
        .contains("invalid");
    browser.screenshot("connector-form");
    assertThat(api.get("/api/v1/connectors/" + name).status())
        .as("nothing created yet")
        .isEqualTo(404);

    // then, fixed, the error goes, and the connector is created and runs
    browser.type(tasksMax, "1");
    browser.until(d -> d.findElement(tasksErrors).getText().isEmpty());
    browser.click(By.id("submit"));
    browser.until(ExpectedConditions.urlContains("#/connectors/" + name));
    browser.waitUpTo(CONNECTOR_UP).until(d -> browser.texts("#view h1 .state").contains("RUNNING"));
    browser.until(d -> browser.texts("#view td[data-field=state]").contains("RUNNING"));
    browser.screenshot("connector");
  }

  @Test
  void shouldStopAConnectorThenResetItsOffsets() throws IOException {
    // given a running sink that has committed offsets
    String name = "offsets-sink";
    ApiClient.Response created =
        api.put(
            "/api/v1/connectors/" + name,
            """
            {"connector.class": "FileStreamSink", "topics": "railyard.bus.offsets", "file": "%s"}"""
                .formatted(dataDir.resolve(name + ".jsonl")));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    browser.open("connectors/" + name);
    browser.waitUpTo(CONNECTOR_UP).until(d -> browser.texts("#view h1 .state").contains("RUNNING"));
    assertThat(browser.driver().findElement(browser.button("Reset offsets")).isEnabled())
        .as("reset needs a STOPPED connector")
        .isFalse();

    // when it is stopped from the page
    browser.click(browser.button("Stop"));
    browser.waitUpTo(CONNECTOR_UP).until(d -> browser.texts("#view h1 .state").contains("STOPPED"));

    // then its offsets can be reset, after a confirmation
    browser.until(ExpectedConditions.elementToBeClickable(browser.button("Reset offsets")));
    browser.click(browser.button("Reset offsets"));
    browser.click(By.cssSelector("dialog.confirm button.danger"));
    browser.until(
        d -> browser.texts("#toasts .toast").stream().anyMatch(t -> t.contains("Offsets reset")));
    assertThat(api.get("/api/v1/connectors/" + name + "/offsets").json().path("offsets").size())
        .isZero();
  }

  @Test
  void shouldInstallAPluginFromMavenAndShowTheRollingRestartFinish() {
    browser.open("plugins");

    // when coordinates are installed from the page
    browser.type(By.id("maven"), "com.example:demo-sink:1.0");
    browser.click(By.id("install-maven"));

    // then the plugin is listed and the workers' rolling restart runs to DONE
    browser
        .waitUpTo(CONNECTOR_UP)
        .until(d -> browser.texts("#view td[data-field=name]").contains("demo-sink"));
    browser
        .waitUpTo(Duration.ofSeconds(120))
        .until(d -> browser.texts("[data-field=rollout] .state").contains("DONE"));
    browser.screenshot("plugins");
  }

  @Test
  void shouldMarkARuleProblemAtItsLineThenShowTheDryRunAndApply() {
    browser.open("rules/edit");
    String broken =
        """
        apiVersion: railyard/v1
        kind: Rule
        metadata:
          name: editor-rule
        spec:
          bus: editor
          pattern:
            data:
              amount: [{numeric: [">", "ten"]}]
          targets:
            - name: file
              config: {connector.class: FileStreamSink, file: editor-rule.jsonl}
              cloudEvents: structured
            - name: copy
              config: {connector.class: FileStreamSink, file: editor-rule-copy.jsonl}
        """;

    // when a rule with a bad numeric matcher is typed in
    browser.setEditor(broken);

    // then the server's problem is marked at its line
    browser.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector(".CodeMirror-lint-marker-error")));
    Number line =
        (Number)
            browser.script(
                "const m = document.querySelector('.CodeMirror-lint-marker-error');"
                    + " return window.railyardEditor.lineInfo(window.railyardEditor.getLineHandle("
                    + "[...document.querySelectorAll('.CodeMirror-gutter-wrapper')].findIndex(g => g.contains(m)))).line;");
    assertThat(line.intValue()).as("0-based line of the marker").isEqualTo(8);
    assertThat(browser.text(By.cssSelector("[data-field=status] .problem"))).contains("9");
    browser.screenshot("rule-editor-problem");

    // when it is fixed and dry-run
    browser.setEditor(broken.replace("\"ten\"", "10"));
    browser.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-valid=true]")));
    browser.click(By.id("dry-run"));

    // then the diff says the rule would be created, nothing is yet, and Apply applies it
    browser.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("[data-rule='editor-rule'][data-action='created']")));
    assertThat(api.get("/api/v1/rules/editor-rule").status()).isEqualTo(404);
    browser.screenshot("rule-editor-diff");
    browser.click(By.id("apply"));
    browser.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-field=applied]")));
    assertThat(api.get("/api/v1/rules/editor-rule").status()).isEqualTo(200);
    browser.open("rules");
    browser.until(d -> browser.texts("#view td[data-field=rule]").contains("editor-rule"));
    // and the rules page says in which CloudEvents mode each target gets its events
    assertThat(
            browser.texts(
                "#view tr[data-name='editor-rule/file'] td[data-field=cloudEvents],"
                    + " #view tr[data-name='editor-rule/copy'] td[data-field=cloudEvents]"))
        .containsExactly("structured", "as received");
    browser.screenshot("rules");
  }

  @Test
  void shouldTellWhetherAnEventMatchesAPatternInTheSandbox() {
    browser.open("sandbox");
    browser.replaceText(
        By.id("sandbox-pattern"),
        "{\"source\": [\"shop\"], \"data\": {\"amount\": [{\"numeric\": [\">\", 10]}]}}");
    browser.replaceText(
        By.id("sandbox-event"), "{\"source\": \"shop\", \"data\": {\"amount\": 42}}");
    browser.click(By.id("sandbox-test"));
    browser.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-matches=true]")));

    browser.replaceText(
        By.id("sandbox-event"), "{\"source\": \"shop\", \"data\": {\"amount\": 5}}");
    browser.click(By.id("sandbox-test"));
    browser.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-matches=false]")));
    browser.screenshot("sandbox");
  }

  @Test
  void shouldRedriveDeadLettersAndShowTheCountFall() throws IOException {
    // given a function target that dead-lettered two events while its endpoint was down
    try (Endpoint endpoint = Endpoint.start(503)) {
      RuleFixtures.applyOk(
          api,
          EndpointRules.rule(
              "page-letters",
              dataDir.resolve("page-letters.jsonl"),
              endpoint,
              "{maxAttempts: 0}",
              ""));
      Set<String> sent = EndpointRules.putEvents(api, "page-letters", 2);
      browser.open("deadletters?rule=page-letters&target=fn");
      browser
          .waitUpTo(CONNECTOR_UP)
          .until(ExpectedConditions.textToBe(By.cssSelector("[data-field=waiting]"), "2"));
      browser.screenshot("dead-letters");

      // when the endpoint is back and Redrive is clicked
      endpoint.answer(200);
      browser.click(By.id("redrive"));

      // then none is waiting any more and the endpoint gets both events
      browser.until(ExpectedConditions.textToBe(By.cssSelector("[data-field=waiting]"), "0"));
      assertThat(browser.text(By.cssSelector("[data-field=redriven]"))).isEqualTo("2");
      await("the redriven events at the endpoint")
          .atMost(Duration.ofSeconds(60))
          .until(() -> EventIds.in(endpoint.delivered()).containsAll(sent));
    }
  }

  @Test
  void shouldTailABusWithThePatternAppliedOnTheServer() {
    // given events of two types on a bus
    api.post(
        "/api/v1/events",
        "[{\"bus\":\"tail\",\"source\":\"s\",\"type\":\"kept\",\"data\":{\"n\":1}},"
            + "{\"bus\":\"tail\",\"source\":\"s\",\"type\":\"dropped\",\"data\":{\"n\":2}},"
            + "{\"bus\":\"tail\",\"source\":\"s\",\"type\":\"kept\",\"data\":{\"n\":3}}]");

    // when the bus is tailed with a pattern for one type
    browser.open(
        "events?bus=tail&pattern="
            + java.net.URLEncoder.encode(
                "{\"type\":[\"kept\"]}", java.nio.charset.StandardCharsets.UTF_8));

    // then only those show, and one put later appears without a reload
    browser.until(d -> browser.texts("#view td[data-field=type]").size() == 2);
    assertThat(browser.texts("#view td[data-field=type]")).containsOnly("kept");
    api.post(
        "/api/v1/events",
        "[{\"bus\":\"tail\",\"source\":\"s\",\"type\":\"kept\",\"data\":{\"n\":4}}]");
    browser.until(d -> browser.texts("#view td[data-field=type]").size() == 3);
    browser.screenshot("events");
  }

  @Test
  void shouldShowTheScalingAuditAndTokenPages() {
    // given a write the audit trail records, whatever ran before
    assertThat(api.post("/api/v1/tokens", "{\"name\":\"audited\",\"role\":\"viewer\"}").status())
        .isEqualTo(201);
    browser.open("scaling");
    browser.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-field=running] .value")));
    assertThat(browser.sidewaysOverflow())
        .as("sideways scrolling on the scaling page")
        .isLessThanOrEqualTo(0);
    browser.screenshot("scaling");
    browser.open("tokens");
    browser.until(d -> browser.texts("#view td[data-field=name]").contains("admin"));
    browser.screenshot("tokens");
    browser.open("audit");
    browser.until(d -> browser.texts("#view td[data-field=route]").contains("POST /api/v1/tokens"));
    browser.screenshot("audit");
    browser.open("connectors");
    browser.screenshot("connectors");
    assertThat(browser.consoleProblems()).as("console warnings and errors").isEmpty();
  }

  @Test
  void shouldIssueAnAwsKeyPairThatTheAwsSdkSignsWith() {
    // given the tokens page
    browser.open("tokens");

    // when an admin creates a publisher's AWS key pair there
    browser.type(By.id("token-name"), "dashboard-aws");
    new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("token-role")))
        .selectByValue("publisher");
    new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("token-kind")))
        .selectByValue("aws");
    browser.click(browser.button("Create"));

    // then the pair is shown once as the environment lines an AWS SDK reads, the list names its
    // kind and key id (never the secret), and the AWS SDK signs with it
    String shown = browser.text(By.cssSelector("pre[data-field=key-pair]"));
    assertThat(shown).matches("AWS_ACCESS_KEY_ID=\\S+\nAWS_SECRET_ACCESS_KEY=\\S+");
    String keyId = shown.lines().toList().get(0).substring("AWS_ACCESS_KEY_ID=".length());
    String secret = shown.lines().toList().get(1).substring("AWS_SECRET_ACCESS_KEY=".length());
    browser.until(
        d -> browser.texts("#view td[data-field=kind]").contains("AWS key pair " + keyId));
    assertThat(browser.texts("#view td")).noneMatch(cell -> cell.contains(secret));
    browser.screenshot("tokens-aws");
    try (var client = AwsClients.client(platform, keyId, secret)) {
      var put =
          client.putEvents(
              r ->
                  r.entries(
                      e ->
                          e.source("dashboard.test")
                              .detailType("key.pair.tried")
                              .detail("{\"ok\": true}")));
      assertThat(put.failedEntryCount()).as(put.toString()).isZero();
    }
    assertThat(browser.consoleProblems()).as("console warnings and errors").isEmpty();
  }

  @Test
  void shouldOfferAViewerNoWriteAction() throws IOException {
    // given a viewer's token and a connector and rule to look at
    String token =
        api.post("/api/v1/tokens", "{\"name\":\"dashboard-viewer\",\"role\":\"viewer\"}")
            .json()
            .path("token")
            .asText();
    api.put(
        "/api/v1/connectors/viewer-sink",
        """
        {"connector.class": "FileStreamSink", "topics": "railyard.bus.viewer", "file": "%s"}"""
            .formatted(dataDir.resolve("viewer.jsonl")));
    try (Chromium viewer = Chromium.logIn(platform.apiUrl(), token)) {
      for (String page : VIEWER_PAGES) {
        viewer.open(page);
        List<String> offered = viewer.texts("#view button:not([disabled]), #view a.button");
        assertThat(offered)
            .as("write actions offered to a viewer on " + page)
            .noneMatch(label -> WRITES.stream().anyMatch(label::startsWith));
      }
      assertThat(viewer.texts("#nav a")).doesNotContain("Tokens", "Audit");
    }
  }
}
