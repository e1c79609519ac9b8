package io.quartermaster.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium driven by Selenium through Debian's chromedriver, pointed at the web
 * console of the shared {@link TestServer}. One browser per test JVM, with a fresh profile, started
 * on first use and quit when the JVM exits; each test starts signed out, in a laptop-sized window.
 * A failing test leaves a screenshot and the page's HTML in {@code target/console-failures/}.
 *
 * <p>Register it with {@code @RegisterExtension static final ConsoleBrowser BROWSER = new
 * ConsoleBrowser();}.
 */
public final class ConsoleBrowser implements BeforeEachCallback, TestExecutionExceptionHandler {

  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static ChromeDriver shared;

  private final TestServer server = TestServer.get();

  /** The browser, started on first use. */
  public ChromeDriver driver() {
    synchronized (ConsoleBrowser.class) {
      if (shared == null) {
        shared = start();
      }
      return shared;
    }
  }

  private static ChromeDriver start() {
    for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(binary)) {
        throw new IllegalStateException(
            binary
                + " is missing: the console's browser tests need Debian's chromium and"
                + " chromium-driver (apt-get install -y chromium chromium-driver; .ci/run does)");
      }
    }
    Path profile;
    try {
      profile = Files.createTempDirectory("qm-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--disable-extensions",
        "--force-device-scale-factor=1",
        "--lang=en-US",
        "--window-size=1280,900",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    // The driver is named, so Selenium Manager never looks for (or downloads) one.
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    ChromeDriver started = new ChromeDriver(service, options);
    started.manage().timeouts().scriptTimeout(WAIT);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  started.quit();
                  TempDirs.deleteQuietly(profile);
                },
                "console-browser-quit"));
    return started;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    ChromeDriver browser = driver();
    unblockAll();
    browser.get(server.baseUrl() + "/console/");
    browser.executeScript("sessionStorage.clear()");
    // Away from the console, so that the next open() loads it afresh, signed out.
    browser.get("about:blank");
    resize(1280, 900);
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    if (shared != null) {
      String name =
          context.getRequiredTestClass().getSimpleName()
              + "-"
              + context.getRequiredTestMethod().getName();
      try {
        screenshot(Path.of("target", "console-failures", name + ".png"));
        Files.writeString(
            Path.of("target", "console-failures", name + ".html"), shared.getPageSource());
      } catch (RuntimeException | IOException e) {
        failure.addSuppressed(e);
      }
    }
    throw failure;
  }

  /** Opens a route of the console, such as {@code #/orders}. */
  public void open(String route) {
    openAt(server.baseUrl(), route);
  }

  /** Opens a route of the console served at {@code baseUrl} (the server, or a relay before it). */
  public void openAt(String baseUrl, String route) {
    driver().get(baseUrl + "/console/" + route);
  }

  /** Signs in through the form and waits for the top bar. */
  public void signIn(String user, String password, String project) {
    signInAt(server.baseUrl(), user, password, project);
  }

  /** As {@link #signIn}, at the console served at {@code baseUrl}. */
  public void signInAt(String baseUrl, String user, String password, String project) {
    openAt(baseUrl, "#/pools");
    type(By.name("user"), user);
    type(By.name("password"), password);
    type(By.name("project"), project);
    driver().findElement(By.cssSelector("form.signin button[type=submit]")).click();
    waitFor(d -> d.findElement(By.id("sign-out")).isDisplayed());
  }

  public void type(By field, String text) {
    WebElement input = waitFor(d -> d.findElement(field));
    input.clear();
    input.sendKeys(text);
  }

  /**
   * Waits until {@code condition} answers something other than null or false. Elements the console
   * re-rendered meanwhile are looked up again, as are ones not there yet.
   */
  public <T> T waitFor(Function<WebDriver, T> condition) {
    return waiting().until(condition);
  }

  private WebDriverWait waiting() {
    WebDriverWait wait = new WebDriverWait(driver(), WAIT, Duration.ofMillis(100));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /** Waits until the first element {@code css} selects shows exactly {@code text}. */
  public void waitForText(String css, String text) {
    waiting()
        .withMessage(() -> css + " shows " + texts(css) + ", not \"" + text + "\"")
        .until(d -> texts(css).stream().findFirst().filter(text::equals).isPresent());
  }

  /** The visible text of the first element {@code css} selects, once there is one. */
  public String text(String css) {
    return waitFor(d -> texts(css).stream().findFirst().orElse(null));
  }

  public WebElement find(String css) {
    return waitFor(d -> d.findElement(By.cssSelector(css)));
  }

  /**
   * The visible texts of what {@code css} selects, read at one moment in the page (one script, so
   * that a live update cannot change the page halfway through).
   */
  @SuppressWarnings("unchecked")
  public List<String> texts(String css) {
    return (List<String>)
        script(
            "return [...document.querySelectorAll(arguments[0])]"
                + ".map(e => e.innerText.replace(/\\s+/g, ' ').trim())",
            css);
  }

  public Object script(String script, Object... args) {
    return ((JavascriptExecutor) driver()).executeScript(script, args);
  }

  public void resize(int width, int height) {
    driver().manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
  }

  /**
   * The paths (with their query) of the requests the page made since it loaded whose path matches
   * {@code pathRegex}, from the browser's own record of them (Resource Timing), oldest first. A
   * request shows there once its answer has been read to the end.
   */
  @SuppressWarnings("unchecked")
  public List<String> requests(String pathRegex) {
    return (List<String>)
        script(
            "const re = new RegExp(arguments[0]);"
                + "return performance.getEntriesByType('resource')"
                + ".map(e => new URL(e.name)).filter(u => re.test(u.pathname))"
                + ".map(u => u.pathname + u.search)",
            pathRegex);
  }

  /**
   * Makes the browser refuse every request whose address matches one of {@code patterns} ({@code *}
   * as wildcard), as a proxy that blocks them would, until {@link #unblockAll()}.
   */
  public void block(List<String> patterns) {
    driver().executeCdpCommand("Network.enable", java.util.Map.of());
    driver().executeCdpCommand("Network.setBlockedURLs", java.util.Map.of("urls", patterns));
  }

  public void unblockAll() {
    driver().executeCdpCommand("Network.setBlockedURLs", java.util.Map.of("urls", List.of()));
  }

  /**
   * Saves what the browser shows as a documentation picture, only when it differs from the one in
   * {@code file} outside the elements {@code volatileCss} selects (generated names, ids, times),
   * each with a margin of a few pixels; see {@link DocScreenshot}.
   */
  public DocScreenshot.Outcome docScreenshot(Path file, String... volatileCss) {
    byte[] png = ((TakesScreenshot) driver()).getScreenshotAs(OutputType.BYTES);
    @SuppressWarnings("unchecked")
    List<List<Number>> boxes =
        (List<List<Number>>)
            script(
                "return [...document.querySelectorAll(arguments[0])].map(e => {"
                    + " const r = e.getBoundingClientRect();"
                    + " return [r.left, r.top, r.width, r.height]; })",
                String.join(",", volatileCss));
    int margin = 4;
    List<java.awt.Rectangle> masks =
        boxes.stream()
            .map(
                b ->
                    new java.awt.Rectangle(
                        (int) Math.floor(b.get(0).doubleValue()) - margin,
                        (int) Math.floor(b.get(1).doubleValue()) - margin,
                        (int) Math.ceil(b.get(2).doubleValue()) + 2 * margin,
                        (int) Math.ceil(b.get(3).doubleValue()) + 2 * margin))
            .toList();
    // The picture as drawn this time, whether or not it replaces the one in the repository.
    try {
      Path drawn = Path.of("target", "docs-screenshots", file.getFileName().toString());
      Files.createDirectories(drawn.getParent());
      Files.write(drawn, png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    DocScreenshot.Outcome outcome = DocScreenshot.save(file, png, masks);
    System.out.printf(
        "%s: %s (%d of %d compared pixels differ)%n",
        file,
        outcome.written() ? "written" : "unchanged",
        outcome.differingPixels(),
        outcome.comparedPixels());
    return outcome;
  }

  /** Saves what the browser shows as a PNG. */
  public void screenshot(Path file) {
    byte[] png = ((TakesScreenshot) driver()).getScreenshotAs(OutputType.BYTES);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The browser's console messages since the last call that show a fault of the console itself: an
   * uncaught error, or something the Content-Security-Policy blocked.
   */
  public List<String> consoleFaults() {
    return driver().manage().logs().get(LogType.BROWSER).getAll().stream()
        .map(LogEntry::getMessage)
        .filter(m -> m.contains("Uncaught") || m.contains("Content Security Policy"))
        .toList();
  }
}
