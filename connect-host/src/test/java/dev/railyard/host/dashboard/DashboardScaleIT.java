package dev.railyard.host.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.api.ApiServer;
import dev.railyard.api.PlatformServices;
import dev.railyard.api.platform.AutoscaleAdmin;
import dev.railyard.api.platform.ConnectorAdmin;
import dev.railyard.api.platform.EventPublisher;
import dev.railyard.api.platform.EventTail;
import dev.railyard.api.platform.HealthProbe;
import dev.railyard.api.platform.HealthProbe.ComponentHealth;
import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.PluginCatalog;
import dev.railyard.api.platform.RuleAdmin;
import dev.railyard.api.platform.WorkerControl;
import dev.railyard.api.security.AuditTrail;
import dev.railyard.host.config.RailyardConfig;
import dev.railyard.host.security.ApiAccess;
import dev.railyard.host.testing.Chromium;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The connectors and rules pages with 500 connectors and 300 rule targets, served by the real API
 * over a platform stubbed at its interfaces (issue 12 allows it for this case): the time each page
 * takes to render its first page is measured in the browser and printed, not asserted as a timing;
 * what is asserted is that it pages (50 rows) and counts them all.
 */
class DashboardScaleIT {

  private static final int CONNECTORS = 500;
  private static final int RULES = 100;
  private static final int TARGETS_PER_RULE = 3;

  private static final List<Map<String, Object>> LISTED = connectors();
  private static volatile boolean connectDown;
  private static Path dataDir;
  private static ApiServer server;
  private static Chromium browser;

  @BeforeAll
  static void start() throws Exception {
    dataDir = Files.createTempDirectory("railyard-dashboard-scale-");
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
  }

  @Test
  void shouldRenderTheFirstPageOfFiveHundredConnectors() {
    long ms = renderTwice("connectors");

    assertThat(browser.driver().findElements(By.cssSelector("#view tbody tr"))).hasSize(50);
    assertThat(browser.text(By.cssSelector("[data-field=page]"))).contains("of 10", "500 in all");
    System.out.printf(
        "DashboardScaleIT: connectors page, 500 connectors: first page in %d ms%n", ms);
  }

  @Test
  void shouldRenderTheFirstPageOfThreeHundredRuleTargets() {
    long ms = renderTwice("rules");

    assertThat(browser.driver().findElements(By.cssSelector("#view tbody tr"))).hasSize(50);
    assertThat(browser.text(By.cssSelector("[data-field=page]"))).contains("of 6", "300 in all");
    System.out.printf("DashboardScaleIT: rules page, 300 rule targets: first page in %d ms%n", ms);
  }

  @Test
  void shouldSayWhatIsMissingWhenConnectIsDownInsteadOfBreakingThePage() {
    connectDown = true;
    try {
      browser.open("connectors");

      assertThat(browser.text(org.openqa.selenium.By.cssSelector("#view .problem")))
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

  private static PlatformServices services() {
    return new PlatformServices(
        stub(
            HealthProbe.class,
            Map.of("components", List.of(new ComponentHealth("api", true, "stub")))),
        stub(EventPublisher.class, Map.of()),
        stub(WorkerControl.class, Map.of("workers", List.of(), "rollout", Optional.empty())),
        stub(
            ConnectorAdmin.class,
            Map.of(
                "list",
                (java.util.function.Supplier<?>)
                    () ->
                        connectDown
                            ? CompletableFuture.failedFuture(
                                new dev.railyard.api.platform.UnavailableException(
                                    "Kafka Connect is down (test)", null))
                            : done(Outcome.ok(LISTED)))),
        stub(PluginCatalog.class, Map.of()),
        stub(RuleAdmin.class, Map.of("list", done(Outcome.ok(rules())))),
        stub(AutoscaleAdmin.class, Map.of()),
        stub(EventTail.class, Map.of()));
  }

  private static List<Map<String, Object>> connectors() {
    List<Map<String, Object>> list = new ArrayList<>();
    for (int i = 0; i < CONNECTORS; i++) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("name", String.format("connector-%03d", i));
      c.put("type", "sink");
      c.put("state", i % 17 == 0 ? "FAILED" : "RUNNING");
      c.put("workerId", "127.0.0.1:8083");
      c.put("tasks", List.of(Map.of("id", 0, "state", "RUNNING", "workerId", "127.0.0.1:8083")));
      c.put(
          "config",
          Map.of(
              "connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector",
              "topics", "railyard.bus.b" + (i % 10),
              "file", "/data/out-" + i + ".jsonl"));
      c.put("autoRestart", Map.of());
      list.add(c);
    }
    return list;
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

  private static CompletionStage<Outcome> done(Outcome outcome) {
    return CompletableFuture.completedFuture(outcome);
  }

  /**
   * An implementation of {@code type} answering {@code answers} by method name; any other method
   * that answers a stage says the platform is unavailable, as a stopped one would.
   */
  @SuppressWarnings("unchecked")
  private static <T> T stub(Class<T> type, Map<String, Object> answers) {
    return (T)
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              if (answers.containsKey(method.getName())) {
                Object answer = answers.get(method.getName());
                return answer instanceof java.util.function.Supplier<?> s ? s.get() : answer;
              }
              if (method.isDefault()) {
                return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
              }
              Class<?> returns = method.getReturnType();
              if (returns == CompletionStage.class) {
                return done(
                    Outcome.refused(
                        Outcome.Kind.UNAVAILABLE, "STUB", "not in this test", Map.of()));
              }
              if (returns == List.class) {
                return List.of();
              }
              if (returns == Optional.class) {
                return Optional.empty();
              }
              if (returns == boolean.class) {
                return false;
              }
              if (returns == int.class) {
                return 1;
              }
              return switch (method.getName()) {
                case "toString" -> type.getSimpleName() + " stub";
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> null;
              };
            });
  }
}
