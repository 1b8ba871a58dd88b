package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The status page at {@code GET /} in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver} packages), against a whole running platform.
 */
@WithPlatform(workers = 1)
class StatusPageIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String INSTALL_HINT =
      "install chromium and chromium-driver (apt-get install -y chromium chromium-driver)";
  private static final Path TARGET = Path.of("target");
  private static final Path SCREENSHOT = TARGET.resolve("screenshots").resolve("status-page.png");

  /** The page renders within a second; the rest is slack for a busy 2-core CI machine. */
  private static final Duration RENDER = Duration.ofSeconds(30);

  /** A new connector needs a rebalance and a task start, then one 5 s page refresh. */
  private static final Duration CONNECTOR_UP = Duration.ofSeconds(90);

  private static String pageUrl;
  private static Path profile;
  private static WebDriver browser;

  @BeforeAll
  static void startBrowser(Platform platform) throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      fail(CHROMIUM + " or " + CHROMEDRIVER + " is missing: " + INSTALL_HINT);
    }
    pageUrl = platform.apiUrl() + "/";
    profile = Files.createTempDirectory("railyard-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile,
        "--window-size=1280,900");
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    // An explicit driver keeps Selenium Manager from looking for (and downloading) one.
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withLogFile(TARGET.resolve("chromedriver.log").toFile())
            .build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(RENDER).scriptTimeout(RENDER);
    logIn(ApiClient.adminToken(platform));
  }

  /** A browser without a session lands on the login page; the token takes it to the status page. */
  private static void logIn(String token) {
    browser.get(pageUrl);
    waitUpTo(RENDER).until(ExpectedConditions.urlToBe(pageUrl + "login"));
    browser.findElement(By.id("token")).sendKeys(token);
    browser.findElement(By.cssSelector("#login button")).click();
    waitUpTo(RENDER).until(ExpectedConditions.urlToBe(pageUrl));
    waitUpTo(RENDER).until(ExpectedConditions.presenceOfElementLocated(By.id("overall")));
    // the 401 that sent the browser to the login page is logged as a failed load; it is expected
    browser.manage().logs().get(LogType.BROWSER).getAll();
  }

  @AfterAll
  static void quitBrowser() {
    if (browser != null) {
      browser.quit();
    }
    if (profile != null) {
      TestPlatforms.delete(profile);
    }
  }

  @Test
  void shouldShowThePlatformHealthyAndWorkerOneRunning() {
    // when the page is opened
    browser.get(pageUrl);

    // then the overall badge and every component say UP, and worker-1 runs
    waitUpTo(RENDER).until(ExpectedConditions.textToBe(By.id("overall"), "UP"));
    waitUpTo(RENDER)
        .until(ExpectedConditions.textToBe(cell("workers", "worker-1", "state"), "RUNNING"));
    assertThat(texts("#health [data-field=name]")).contains("broker", "workers", "api");
    assertThat(texts("#health [data-field=status]")).isNotEmpty().containsOnly("UP");
    assertThat(text(cell("workers", "worker-1", "connect-worker"))).matches(".+:\\d+");
  }

  @Test
  void shouldListAConnectorCreatedThroughTheApiAsRunningOnTheNextRefresh(
      ApiClient api, Path dataDir) throws IOException {
    // given the page is open and has drawn its tables without the connector
    String name = "status-page-sink";
    browser.get(pageUrl);
    waitForRefreshes(1);
    assertThat(browser.findElements(row("connectors", name))).isEmpty();

    // when a FileStreamSink is created through the Connect pass-through
    ApiClient.Response created =
        api.put(
            "/connect/connectors/" + name + "/config",
            """
        {"connector.class": "FileStreamSink", "topics": "railyard.bus.default", "file": "%s"}"""
                .formatted(dataDir.resolve(name + ".jsonl")));
    assertThat(created.status()).as(created.body()).isEqualTo(201);

    // then the page, without a reload, lists it as a running sink with its task
    waitUpTo(CONNECTOR_UP)
        .until(ExpectedConditions.textToBe(cell("connectors", name, "state"), "RUNNING"));
    waitUpTo(CONNECTOR_UP)
        .until(ExpectedConditions.textToBe(cell("connectors", name, "tasks"), "1 / 1 running"));
    assertThat(text(cell("connectors", name, "type"))).isEqualTo("sink");
    assertThat(text(cell("connectors", name, "worker")))
        .isEqualTo(text(cell("workers", "worker-1", "connect-worker")));
    screenshot();

    // and once deleted, it leaves the page again
    assertThat(api.delete("/connect/connectors/" + name).status()).isEqualTo(204);
    waitUpTo(RENDER).until(ExpectedConditions.numberOfElementsToBe(row("connectors", name), 0));
  }

  @Test
  void shouldShowEachRuleTargetWithHowManyEventsItWasSentAndGot(ApiClient api, Path dataDir)
      throws IOException {
    // given a rule with a file target, and three events it matches
    ApiClient.Response applied =
        api.post(
            "/api/v1/rules:apply",
            """
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: page-rule}
        spec:
          bus: page
          pattern: {type: ["shown"]}
          targets:
            - name: file
              config: {connector.class: FileStreamSink, file: "%s"}
        """
                .formatted(dataDir.resolve("page-rule.jsonl")));
    assertThat(applied.status()).as(applied.body()).isEqualTo(200);
    for (int i = 0; i < 3; i++) {
      api.post("/api/v1/events", "[{\"bus\":\"page\",\"source\":\"s\",\"type\":\"shown\"}]");
    }

    // when the page is open
    browser.get(pageUrl);

    // then the rule's target shows 3 matched, 3 routed and 3 delivered
    waitUpTo(CONNECTOR_UP)
        .until(ExpectedConditions.textToBe(cell("rules", "page-rule.file", "delivered"), "3"));
    waitUpTo(CONNECTOR_UP)
        .until(ExpectedConditions.textToBe(cell("rules", "page-rule.file", "matched"), "3"));
    assertThat(text(cell("rules", "page-rule.file", "routed"))).isEqualTo("3");
    assertThat(text(cell("rules", "page-rule.file", "transform-errors"))).isEqualTo("0");
    assertThat(text(cell("rules", "page-rule.file", "lag"))).isEqualTo("0");
    assertThat(text(cell("rules", "page-rule.file", "retrying"))).isEqualTo("0");
    assertThat(text(cell("rules", "page-rule.file", "bus"))).isEqualTo("page");
    screenshot();
  }

  @Test
  void shouldRedriveATargetsDeadLettersFromThePage(ApiClient api) throws IOException {
    // given a function target that dead-lettered two events while its endpoint was down
    try (Endpoint endpoint = Endpoint.start(503)) {
      ApiClient.Response applied =
          api.post(
              "/api/v1/rules:apply",
              """
              apiVersion: railyard/v1
              kind: Rule
              metadata: {name: page-letters}
              spec:
                bus: page-letters
                pattern: {type: ["t"]}
                targets:
                  - name: fn
                    retry: {maxAttempts: 0}
                    config:
                      connector.class: dev.railyard.sinks.http.HttpSinkConnector
                      http.url: "%s"
              """
                  .formatted(endpoint.url()));
      assertThat(applied.status()).as(applied.body()).isEqualTo(200);
      Set<String> sent = new HashSet<>();
      for (int i = 0; i < 2; i++) {
        sent.add(
            api.post(
                    "/api/v1/events",
                    "[{\"bus\":\"page-letters\",\"source\":\"s\",\"type\":\"t\"}]")
                .json()
                .at("/entries/0/eventId")
                .asText());
      }
      browser.get(pageUrl);
      By redrive =
          By.cssSelector("#rules tr[data-name='page-letters.fn'] button[data-action='redrive']");
      waitUpTo(CONNECTOR_UP)
          .until(
              ExpectedConditions.textMatches(
                  cell("rules", "page-letters.fn", "dead-letters"),
                  java.util.regex.Pattern.compile("2\\s*Redrive")));

      // when the endpoint is back and Redrive is clicked
      endpoint.answer(200);
      waitUpTo(RENDER)
          .ignoring(StaleElementReferenceException.class)
          .until(
              driver -> {
                driver.findElement(redrive).click();
                return true;
              });

      // then the page says what was redriven and the endpoint gets both events
      waitUpTo(RENDER)
          .ignoring(StaleElementReferenceException.class)
          .until(
              ExpectedConditions.textToBe(
                  By.cssSelector(
                      "#rules tr[data-name='page-letters.fn'] [data-field='redrive-result']"),
                  "redriven 2"));
      await("the redriven events at the endpoint")
          .atMost(Duration.ofSeconds(60))
          .until(() -> EventIds.in(endpoint.delivered()).containsAll(sent));
    }
  }

  @Test
  void shouldRenderWithoutScriptErrorsOrSidewaysScrolling() {
    // when the page is opened and has refreshed twice
    browser.get(pageUrl);
    waitForRefreshes(2);

    // then nothing failed in the browser and the tables fit the window
    List<LogEntry> problems =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
            .filter(entry -> !isFaviconNotFound(entry))
            .toList();
    assertThat(problems).as("browser console warnings and errors").isEmpty();
    Object overflow =
        ((JavascriptExecutor) browser)
            .executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    assertThat(((Number) overflow).intValue())
        .as("pixels of sideways scrolling")
        .isLessThanOrEqualTo(0);
  }

  /**
   * Chromium asks every site for /favicon.ico; the API routes only the page's own files (and its
   * CSP forbids an inline data: icon), so that one 404 is expected until it serves an icon.
   */
  private static boolean isFaviconNotFound(LogEntry entry) {
    return entry.getMessage().contains("/favicon.ico") && entry.getMessage().contains("404");
  }

  private static WebDriverWait waitUpTo(Duration timeout) {
    WebDriverWait wait = new WebDriverWait(browser, timeout);
    wait.pollingEvery(Duration.ofMillis(200));
    return wait;
  }

  private static void waitForRefreshes(int count) {
    waitUpTo(RENDER)
        .withMessage("the page to finish " + count + " refresh(es) of its tables")
        .until(
            driver -> {
              String done =
                  driver.findElement(By.tagName("body")).getDomAttribute("data-refreshes");
              return done != null && Integer.parseInt(done) >= count;
            });
  }

  private static By row(String table, String name) {
    return By.cssSelector("#" + table + " tr[data-name='" + name + "']");
  }

  private static By cell(String table, String name, String field) {
    return By.cssSelector(
        "#" + table + " tr[data-name='" + name + "'] td[data-field='" + field + "']");
  }

  /** The text of one cell; waited for, since the page redraws its tables every 5 s. */
  private static String text(By locator) {
    return waitUpTo(RENDER)
        .ignoring(StaleElementReferenceException.class)
        .until(driver -> driver.findElement(locator).getText());
  }

  /** The texts of all matches, read in one script so that a redraw cannot tear them. */
  @SuppressWarnings("unchecked")
  private static List<String> texts(String css) {
    return (List<String>)
        ((JavascriptExecutor) browser)
            .executeScript(
                "return [...document.querySelectorAll(arguments[0])].map(e => e.textContent);",
                css);
  }

  private static void screenshot() throws IOException {
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.createDirectories(SCREENSHOT.getParent());
    Files.copy(shot.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
  }
}
