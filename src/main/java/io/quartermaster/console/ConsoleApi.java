package io.quartermaster.console;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.staticcontent.ClasspathHandlerConfig;
import io.helidon.webserver.staticcontent.StaticContentFeature;

/**
 * The web console: static files from the jar's {@code console/} folder at {@code /console/}. It is
 * a client of the API like any other (it adds no endpoint); this service only hands out its files,
 * under headers that keep a browser from running anything but those files.
 */
public final class ConsoleApi implements HttpService {

  static final String PATH = "/console";

  /**
   * Scripts, styles and connections from this origin only; no inline script or style, no eval, no
   * plugins, no framing by other sites, forms posting nowhere but here. The console renders user
   * text with {@code textContent}, so this is the second line, not the first.
   */
  static final String CONTENT_SECURITY_POLICY =
      String.join(
          "; ",
          "default-src 'none'",
          "script-src 'self'",
          "style-src 'self'",
          "img-src 'self' data:",
          "connect-src 'self'",
          "base-uri 'none'",
          "form-action 'self'",
          "frame-ancestors 'none'",
          "object-src 'none'");

  private final HttpService files =
      StaticContentFeature.createService(
          ClasspathHandlerConfig.builder().location("console").welcome("index.html").build());

  @Override
  public void routing(HttpRules rules) {
    rules
        .get("/", ConsoleApi::toConsole)
        .get(PATH, ConsoleApi::toConsole)
        .any(PATH + "/*", ConsoleApi::securityHeaders)
        .register(PATH, files);
  }

  private static void toConsole(ServerRequest req, ServerResponse res) {
    res.status(Status.FOUND_302).header(HeaderNames.LOCATION, PATH + "/").send();
  }

  private static void securityHeaders(ServerRequest req, ServerResponse res) {
    res.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    res.header("X-Content-Type-Options", "nosniff");
    res.header("Referrer-Policy", "no-referrer");
    res.header("X-Frame-Options", "DENY");
    // No build step means no content hashes in file names: revalidate each file on every load, so
    // that an upgraded service never runs a mix of old and new modules.
    res.header(HeaderNames.CACHE_CONTROL, "no-cache");
    res.next();
  }
}
