package dev.railyard.host.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.railyard.api.ApiServer;
import dev.railyard.api.PlatformServices;
import dev.railyard.api.platform.AutoscaleAdmin;
import dev.railyard.api.platform.ConnectorQuery;
import dev.railyard.api.platform.EventPublisher;
import dev.railyard.api.platform.EventTail;
import dev.railyard.api.platform.HealthProbe;
import dev.railyard.api.platform.HealthProbe.ComponentHealth;
import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.PluginCatalog;
import dev.railyard.api.platform.RuleAdmin;
import dev.railyard.api.platform.RuleQuery;
import dev.railyard.api.platform.WorkerControl;
import dev.railyard.api.security.AuditTrail;
import dev.railyard.host.config.RailyardConfig;
import dev.railyard.host.config.SecretsConfig;
import dev.railyard.host.connectors.ConfigGuard;
import dev.railyard.host.connectors.ConnectRest;
import dev.railyard.host.connectors.ConnectorService;
import dev.railyard.host.connectors.RestartSupervisor;
import dev.railyard.host.security.ApiAccess;
import dev.railyard.host.testing.Chromium;
import dev.railyard.host.testing.FakeConnect;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The connectors and rules pages with 500 connectors and 100 rules of 3 targets, served by the real
 * API: connectors by the real connector service over an in-memory Connect REST API, rules by a
 * platform stubbed at its interface (issue 12 allows it for this case). The time each page takes to
 * render its first page, whole or filtered, is measured in the browser and printed, not asserted as
 * a timing; what is asserted is that the server pages and filters what the page shows.
 */
class DashboardScaleIT {

  private static final int CONNECTORS = 500;
  private static final int RULES = 100;
  private static final int TARGETS_PER_RULE = 3;
  private static final String HTTP_SINK = "dev.railyard.sinks.http.HttpSinkConnector";
  private static final String FILE_SINK = "org.apache.kafka.connect.file.FileStreamSinkConnector";

  /** The HTTP sinks (every fifth) that failed or have a failed task, by name. */
  private static final List<String> FAILED_HTTP_SINKS =
      IntStream.range(0, CONNECTORS)
          .filter(i -> http(i) && (failed(i) || taskFailed(i)))
          .mapToObj(DashboardScaleIT::name)
          .toList();

  private static final List<Map<String, Object>> RULES_LISTED = rules();
  private static volatile boolean connectDown;
  private static Path dataDir;
  private static FakeConnect connect;
  private static RestartSupervisor restarts;
  private static ConnectorService connectors;
  private static ApiServer server;
  private static Chromium browser;

  @BeforeAll
  static void start() throws Exception {
    dataDir = Files.createTempDirectory("railyard-dashboard-scale-");
    connect = new FakeConnect();
    IntStream.range(0, CONNECTORS).forEach(DashboardScaleIT::addConnector);
    ConnectRest rest =
        new ConnectRest(() -> connectDown ? Optional.empty() : Optional.of(connect.url()));
    restarts = new RestartSupervisor(rest, Clock.systemUTC());
    connectors =
        new ConnectorService(
            rest,
            restarts,
            new ConfigGuard(
                new SecretsConfig(
                    dataDir.resolve("secrets"),
                    Pattern.compile("RAILYARD_SECRET_.*"),
                    dataDir.resolve("files"))));
    RailyardConfig config =
        new RailyardConfig(
            Map.of(RailyardConfig.DATA_DIR_CONFIG, dataDir.toString(), "http.port", "0"), "test");
    server =
        ApiServer.start(
                ApiAccess.options(config, 0),
                ApiAccess.open(config, dataDir, AuditTrail.NONE),
                services(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    String token = Files.readString(ApiAccess.adminTokenFile(dataDir)).trim();
    browser = Chromium.logIn("http://127.0.0.1:" + server.port() + "/", token);
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (restarts != null) {
      restarts.close();
    }
    if (connect != null) {
      connect.close();
    }
  }

  @Test
  void shouldRenderTheFirstPageOfFiveHundredConnectors() {
    long ms = renderTwice("connectors");

    assertThat(names()).hasSize(50).startsWith(name(0)).endsWith(name(49));
    assertThat(pageText()).isEqualTo("1–50 of 500 connectors");
    System.out.printf(
        "DashboardScaleIT: connectors page, 500 connectors: first page in %d ms%n", ms);
  }

  @Test
  void shouldRenderAPageOfConnectorsFilteredOnTheServerByClassAndState() {
    long ms = renderTwice("connectors?q=http&state=FAILED");

    assertThat(names()).containsExactlyElementsOf(FAILED_HTTP_SINKS);
    assertThat(pageText())
        .isEqualTo(
            "1–%d of %d connectors".formatted(FAILED_HTTP_SINKS.size(), FAILED_HTTP_SINKS.size()));
    System.out.printf(
        "DashboardScaleIT: connectors page, %d of 500 connectors (q=http, state=FAILED):"
            + " first page in %d ms%n",
        FAILED_HTTP_SINKS.size(), ms);
  }

  @Test
  void shouldPageAndFilterAsAPersonDoesKeepingBothInTheAddress() {
    // given the first page, when the next one is asked for twice and then the browser goes back
    browser.open("connectors");
    browser.click(browser.button("Next ›"));
    untilPage("51–100 of 500 connectors");
    browser.click(browser.button("Next ›"));
    untilPage("101–150 of 500 connectors");
    browser.back();

    // then the second page shows again, as the address says
    untilPage("51–100 of 500 connectors");
    assertThat(names()).first().isEqualTo(name(50));
    assertThat(browser.hash()).isEqualTo("#/connectors?page=2");

    // when HTTP sinks are typed into the filter, then the failed ones are picked
    browser.type(By.cssSelector("#view input[type=search]"), "HTTP");
    untilPage("1–50 of 100 connectors");
    new Select(browser.driver().findElement(By.cssSelector("#view select[aria-label=State]")))
        .selectByValue("FAILED");
    untilPage(
        "1–%d of %d connectors".formatted(FAILED_HTTP_SINKS.size(), FAILED_HTTP_SINKS.size()));

    // then the server's page is shown, and the address keeps the filters from the first page
    assertThat(names()).containsExactlyElementsOf(FAILED_HTTP_SINKS);
    assertThat(browser.hash()).isEqualTo("#/connectors?q=HTTP&state=FAILED");

    // and a reload shows the same
    browser.reload();
    assertThat(names()).containsExactlyElementsOf(FAILED_HTTP_SINKS);
    assertThat(browser.script("return document.querySelector('#view input[type=search]').value"))
        .isEqualTo("HTTP");
    assertThat(browser.script("return document.querySelector('#view select').value"))
        .isEqualTo("FAILED");
  }

  @Test
  void shouldRenderTheFirstPageOfAHundredRulesWithTheirThreeHundredTargets() {
    long ms = renderTwice("rules");

    assertThat(browser.driver().findElements(By.cssSelector("#view tbody tr"))).hasSize(60);
    assertThat(pageText()).isEqualTo("1–20 of 100 rules");
    System.out.printf(
        "DashboardScaleIT: rules page, 100 rules of 3 targets: first page (20 rules) in %d ms%n",
        ms);
  }

  @Test
  void shouldAskTheServerForThePageOfTheRulesOfTheBusTypedIn() {
    browser.open("rules");
    browser.type(By.cssSelector("#view input[aria-label=Bus]"), "bus-3");

    // every seventh rule is on bus-3, each with 3 targets
    untilPage("1–14 of 14 rules");
    assertThat(browser.texts("#view td[data-field=bus]")).hasSize(42).containsOnly("bus-3");
    assertThat(browser.hash()).isEqualTo("#/rules?bus=bus-3");
  }

  @Test
  void shouldSayWhatIsMissingWhenConnectIsDownInsteadOfBreakingThePage() {
    connectDown = true;
    try {
      // the list read while Connect was up is kept 2 s
      await("the connector service to find Connect down")
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  connectors
                      .list(ConnectorQuery.ALL)
                      .toCompletableFuture()
                      .handle((page, failure) -> failure != null)
                      .get());
      browser.open("connectors");

      assertThat(browser.text(By.cssSelector("#view .problem")))
          .contains("Connect could not be asked");
      assertThat(browser.texts("#nav a")).contains("Connectors", "Rules");
      assertThat(browser.texts("#view h1")).containsExactly("Connectors");
    } finally {
      connectDown = false;
    }
  }

  /** The second render, once the browser has the modules: what a person switching pages waits. */
  private static long renderTwice(String page) {
    browser.open(page);
    browser.open("overview");
    browser.open(page);
    return Long.parseLong(
        browser.driver().findElement(By.id("view")).getDomAttribute("data-rendered-ms"));
  }

  private static List<String> names() {
    return browser.texts("#view td[data-field=name]");
  }

  private static String pageText() {
    return browser.text(By.cssSelector("[data-field=page]"));
  }

  private static void untilPage(String text) {
    browser.until(d -> browser.texts("[data-field=page]").equals(List.of(text)));
  }

  private static String name(int i) {
    return String.format("connector-%03d", i);
  }

  private static boolean http(int i) {
    return i % 5 == 0;
  }

  private static boolean failed(int i) {
    return i % 17 == 0;
  }

  private static boolean taskFailed(int i) {
    return i % 23 == 5;
  }

  private static void addConnector(int i) {
    connect.connectors.put(
        name(i),
        Map.of(
            "connector.class", http(i) ? HTTP_SINK : FILE_SINK,
            "topics", "railyard.bus.b" + (i % 10),
            "file", "/data/out-" + i + ".jsonl"));
    connect.states.put(
        name(i),
        Map.of(
            "connector",
            failed(i) ? "FAILED" : "RUNNING",
            "task-0",
            failed(i) || taskFailed(i) ? "FAILED" : "RUNNING"));
  }

  private static PlatformServices services() {
    // the stub filters by bus only, to show what the page asks for; the service's own filters
    // are RuleListing's, tested apart
    Function<Object[], ?> rulePage =
        args -> {
          RuleQuery query = (RuleQuery) args[1];
          List<Map<String, Object>> matching =
              RULES_LISTED.stream()
                  .filter(r -> query.bus() == null || query.bus().equals(r.get("bus")))
                  .toList();
          return CompletableFuture.completedFuture(Outcome.ok(query.paging().of(matching)));
        };
    return new PlatformServices(
        Stubs.stub(
            HealthProbe.class,
            Map.of("components", List.of(new ComponentHealth("api", true, "stub")))),
        Stubs.stub(EventPublisher.class, Map.of()),
        Stubs.stub(WorkerControl.class, Map.of("workers", List.of(), "rollout", Optional.empty())),
        connectors,
        Stubs.stub(PluginCatalog.class, Map.of()),
        Stubs.stub(RuleAdmin.class, Map.of("list", rulePage)),
        Stubs.stub(AutoscaleAdmin.class, Map.of()),
        Stubs.stub(EventTail.class, Map.of()),
        Stubs.stub(dev.railyard.api.platform.BusAdmin.class, Map.of()));
  }

  private static List<Map<String, Object>> rules() {
    List<Map<String, Object>> list = new ArrayList<>();
    for (int r = 0; r < RULES; r++) {
      List<Map<String, Object>> targets = new ArrayList<>();
      for (int t = 0; t < TARGETS_PER_RULE; t++) {
        Map<String, Object> stats = new LinkedHashMap<>();
        for (String figure :
            List.of("matched", "routed", "delivered", "lag", "retrying", "deadLettered")) {
          stats.put(figure, (long) r * 31 + t);
        }
        targets.add(Map.of("name", "t" + t, "stats", stats));
      }
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("name", String.format("rule-%03d", r));
      rule.put("bus", "bus-" + (r % 7));
      rule.put("enabled", true);
      rule.put("targets", targets);
      rule.put("document", Map.of("apiVersion", "railyard/v1", "kind", "Rule"));
      list.add(rule);
    }
    return list;
  }
}
