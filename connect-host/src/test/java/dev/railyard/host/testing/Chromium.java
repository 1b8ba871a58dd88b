package dev.railyard.host.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
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
 * A headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) logged in to a
 * Railyard dashboard, with the waits and reads the dashboard tests share. Not thread-safe: one per
 * test class.
 */
public final class Chromium implements AutoCloseable {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path TARGET = Path.of("target");

  /** What a page needs to render; the rest is slack for a busy 2-core CI machine. */
  public static final Duration RENDER = Duration.ofSeconds(30);

  private final WebDriver driver;
  private final Path profile;
  private final String base;

  private Chromium(WebDriver driver, Path profile, String base) {
    this.driver = driver;
    this.profile = profile;
    this.base = base;
  }

  /**
   * Starts a browser at 1280×800 and logs in with {@code token} on the dashboard at {@code base}.
   */
  public static Chromium logIn(String base, String token) {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      fail(
          CHROMIUM
              + " or "
              + CHROMEDRIVER
              + " is missing: install chromium and chromium-driver"
              + " (apt-get install -y chromium chromium-driver)");
    }
    try {
      Path profile = Files.createTempDirectory("railyard-chromium-");
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
          "--window-size=1280,800");
      options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
      // an explicit driver keeps Selenium Manager from looking for (and downloading) one
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(CHROMEDRIVER.toFile())
              .usingAnyFreePort()
              .withLogFile(TARGET.resolve("chromedriver.log").toFile())
              .build();
      WebDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(RENDER).scriptTimeout(RENDER);
      Chromium browser = new Chromium(driver, profile, base.endsWith("/") ? base : base + "/");
      browser.login(token);
      return browser;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void login(String token) {
    driver.get(base);
    until(ExpectedConditions.urlToBe(base + "login"));
    driver.findElement(By.id("token")).sendKeys(token);
    driver.findElement(By.cssSelector("#login button")).click();
    until(ExpectedConditions.urlToBe(base));
    until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#view[data-page]")));
    // the 401 that sent the browser to the login page is logged as a failed load; it is expected
    driver.manage().logs().get(LogType.BROWSER).getAll();
  }

  public WebDriver driver() {
    return driver;
  }

  /** Opens a page of the dashboard ({@code connectors/orders}) and waits until it has rendered. */
  public void open(String page) {
    String url = base + "#/" + page;
    driver.get(url);
    until(
        d ->
            ((JavascriptExecutor) d)
                .executeScript(
                    "const v = document.getElementById('view');"
                        + " return v && v.dataset.renderedMs !== undefined"
                        + " && location.hash === arguments[0];",
                    "#/" + page)
                .equals(Boolean.TRUE));
  }

  /** Reloads the page, as a person pressing F5 would, and waits until it has rendered again. */
  public void reload() {
    script("window.railyardBeforeReload = true;");
    driver.navigate().refresh();
    untilRendered();
  }

  /** Goes back one entry of the history and waits until the page shown has rendered. */
  public void back() {
    script("delete document.getElementById('view').dataset.renderedMs;");
    driver.navigate().back();
    untilRendered();
  }

  private void untilRendered() {
    until(
        d ->
            ((JavascriptExecutor) d)
                .executeScript(
                    "const v = document.getElementById('view');"
                        + " return !window.railyardBeforeReload && v"
                        + " && v.dataset.renderedMs !== undefined;")
                .equals(Boolean.TRUE));
  }

  /** The URL's fragment, {@code #/connectors?page=2}. */
  public String hash() {
    return (String) script("return location.hash;");
  }

  public <T> T until(java.util.function.Function<? super WebDriver, T> condition) {
    return waitUpTo(RENDER).until(condition);
  }

  public WebDriverWait waitUpTo(Duration timeout) {
    WebDriverWait wait = new WebDriverWait(driver, timeout);
    wait.pollingEvery(Duration.ofMillis(200));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /** Clicks, again if a redraw replaced the element in between. */
  public void click(By locator) {
    until(
        d -> {
          d.findElement(locator).click();
          return true;
        });
  }

  public void type(By locator, String text) {
    until(
        d -> {
          var element = d.findElement(locator);
          element.clear();
          element.sendKeys(text);
          return true;
        });
  }

  /** The text of one element, waited for. */
  public String text(By locator) {
    return until(d -> d.findElement(locator).getText());
  }

  /** The texts of all matches, read in one script so that a redraw cannot tear them. */
  @SuppressWarnings("unchecked")
  public List<String> texts(String css) {
    return (List<String>)
        script("return [...document.querySelectorAll(arguments[0])].map(e => e.textContent);", css);
  }

  public Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /**
   * Warnings and errors the browser logged since the last call. Chromium logs every answer of 400
   * or more as a failed load; those of the validation calls (a rule or connector being typed in)
   * are how the server says "not valid yet", so they are not counted.
   */
  public List<LogEntry> consoleProblems() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
        .filter(
            entry ->
                !(entry.getMessage().contains(":validate")
                    && entry.getMessage().contains("status of 400")))
        .toList();
  }

  /** Pixels the page scrolls sideways (0 when it fits the window). */
  public int sidewaysOverflow() {
    return ((Number)
            script(
                "return document.documentElement.scrollWidth"
                    + " - document.documentElement.clientWidth;"))
        .intValue();
  }

  public void resize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /**
   * Saves a screenshot as {@code target/screenshots/<name>.png}, and as {@code
   * docs/images/dashboard/<name>.png} of the repository when {@code -Drailyard.docs.write=true}.
   */
  public void screenshot(String name) {
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    try {
      Path local = TARGET.resolve("screenshots").resolve(name + ".png");
      Files.createDirectories(local.getParent());
      Files.copy(shot.toPath(), local, StandardCopyOption.REPLACE_EXISTING);
      if (Boolean.getBoolean("railyard.docs.write")) {
        Path docs = Path.of("..", "docs", "images", "dashboard", name + ".png");
        Files.createDirectories(docs.getParent());
        Files.copy(shot.toPath(), docs, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Replaces the text of the rule editor (CodeMirror) the page exposes as window.railyardEditor.
   */
  public void setEditor(String text) {
    until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".CodeMirror")));
    script("window.railyardEditor.setValue(arguments[0]);", text);
  }

  /** Replaces what a text field or area holds, as a person selecting all and typing would. */
  public void replaceText(By locator, String text) {
    var area = driver.findElement(locator);
    area.sendKeys(
        org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"),
        org.openqa.selenium.Keys.DELETE);
    area.sendKeys(text);
  }

  /** The input of a connector form's key. */
  public By field(String key) {
    return By.cssSelector(
        ".field[data-key='" + key + "'] input, .field[data-key='" + key + "'] select");
  }

  /** A button of the page (not the menu) by its label. */
  public By button(String label) {
    return By.xpath("//main//button[normalize-space(.)='" + label + "']");
  }

  @Override
  public void close() {
    driver.quit();
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind is not worth failing a test for
    }
  }
}
