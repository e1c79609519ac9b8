package io.quartermaster.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * How the service hands out the console: from the jar, at {@code /console/}, under headers that let
 * a browser run nothing but the console's own files; and the files themselves never turn text into
 * markup, load anything from elsewhere or run inline code.
 */
class ConsoleServedTest {

  private static final Path SOURCES = Path.of("src/main/resources/console");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private final TestServer server = TestServer.get();

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static List<Path> files(String suffix) throws IOException {
    try (Stream<Path> all = Files.walk(SOURCES)) {
      return all.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }

  @Test
  void theConsoleIsServedAtConsoleAndTheRootLeadsThere() throws Exception {
    for (String path : List.of("/", "/console")) {
      HttpResponse<String> redirect = get(path);
      assertEquals(302, redirect.statusCode(), path);
      assertEquals("/console/", redirect.headers().firstValue("Location").orElseThrow(), path);
    }
    HttpResponse<String> index = get("/console/");
    assertEquals(200, index.statusCode());
    assertTrue(index.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
    assertTrue(index.body().contains("<script type=\"module\" src=\"js/main.js\"></script>"));
  }

  @Test
  void everyFileOfTheConsoleIsServedWithItsTypeAndTheSecurityHeaders() throws Exception {
    List<Path> assets = files("");
    assertTrue(assets.size() > 10, assets::toString);
    for (Path file : assets) {
      if (Files.isDirectory(file)) {
        continue;
      }
      String path = "/console/" + SOURCES.relativize(file).toString().replace('\\', '/');
      HttpResponse<String> answer = get(path);
      assertEquals(200, answer.statusCode(), path);
      assertEquals(Files.readString(file), answer.body(), path);
      String type = answer.headers().firstValue("Content-Type").orElseThrow();
      String expected =
          path.endsWith(".js")
              ? "text/javascript"
              : path.endsWith(".css") ? "text/css" : "text/html";
      assertTrue(type.startsWith(expected), path + ": " + type);
      assertSecurityHeaders(answer, path);
    }
  }

  private static void assertSecurityHeaders(HttpResponse<String> answer, String path) {
    String csp = answer.headers().firstValue("Content-Security-Policy").orElse(null);
    assertNotNull(csp, path);
    assertEquals(ConsoleApi.CONTENT_SECURITY_POLICY, csp, path);
    assertTrue(csp.contains("script-src 'self'"), csp);
    assertTrue(csp.contains("frame-ancestors 'none'"), csp);
    assertTrue(csp.contains("default-src 'none'"), csp);
    assertFalse(csp.contains("unsafe-inline"), csp);
    assertFalse(csp.contains("unsafe-eval"), csp);
    assertEquals("nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(null));
    assertEquals("no-referrer", answer.headers().firstValue("Referrer-Policy").orElse(null));
    assertEquals("no-cache", answer.headers().firstValue("Cache-Control").orElse(null));
  }

  @Test
  void aMissingFileIsA404UnderTheSameHeadersAndNothingOutsideTheFolderIsReachable()
      throws Exception {
    HttpResponse<String> missing = get("/console/js/nothing-here.js");
    assertEquals(404, missing.statusCode());
    assertSecurityHeaders(missing, "/console/js/nothing-here.js");
    for (String path :
        List.of(
            "/console/../flavors.json",
            "/console/%2e%2e/flavors.json",
            "/console/..%2fflavors.json",
            "/console/%2e%2e/db/migration/V1__scheduled_tasks.sql")) {
      HttpResponse<String> answer = get(path);
      // An encoded slash is refused before any route sees the path.
      int expected = path.contains("%2f") ? 400 : 404;
      assertEquals(expected, answer.statusCode(), path + ": " + answer.body());
      assertFalse(answer.body().contains("modelarts.vm"), path);
    }
  }

  @Test
  void theApiKeepsItsOwnAnswersBesideTheConsole() {
    HttpResult api = server.client().get("/v1/" + "0".repeat(32) + "/orders");
    assertEquals(401, api.status(), api::toString);
    assertEquals("ModelArts.50001000", api.errorCode());
    assertEquals(null, api.header("Content-Security-Policy"));
  }

  /**
   * The console renders user text with textContent only: no script of it may parse strings as
   * markup or code, whatever they hold.
   */
  @Test
  void noScriptOfTheConsoleParsesTextAsMarkupOrCode() throws IOException {
    Pattern forbidden =
        Pattern.compile(
            "innerHTML|outerHTML|insertAdjacentHTML|document\\.write|\\beval\\(|new Function|"
                + "setTimeout\\(['\"`]|setInterval\\(['\"`]|DOMParser|createContextualFragment");
    for (Path script : files(".js")) {
      Matcher found = forbidden.matcher(Files.readString(script));
      assertFalse(found.find(), () -> script + " uses " + found.group());
    }
  }

  @Test
  void thePagesLoadNothingFromElsewhereAndRunNoInlineCode() throws IOException {
    Pattern external = Pattern.compile("(?i)(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}");
    Pattern inlineScript = Pattern.compile("(?is)<script(?![^>]*\\bsrc=)[^>]*>");
    Pattern handlerAttribute = Pattern.compile("(?i)\\son[a-z]+\\s*=");
    Pattern styleAttribute = Pattern.compile("(?i)\\sstyle\\s*=");
    for (Path file : files("")) {
      if (Files.isDirectory(file)) {
        continue;
      }
      String text = Files.readString(file);
      assertFalse(external.matcher(text).find(), () -> file + " names another origin");
      if (file.toString().endsWith(".html")) {
        assertFalse(inlineScript.matcher(text).find(), () -> file + " has an inline script");
        assertFalse(handlerAttribute.matcher(text).find(), () -> file + " has an on* handler");
        assertFalse(styleAttribute.matcher(text).find(), () -> file + " has a style attribute");
      }
    }
  }
}
