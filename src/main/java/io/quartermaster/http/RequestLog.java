package io.quartermaster.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import java.util.logging.Logger;

/**
 * One line per request, once its answer is sent: method, route, status, time taken and request id,
 * e.g. {@code GET /v2/{projectId}/pools/{poolName} 200 3.1 ms request 5f0c…}. The route is the
 * template that took the request, so that lines of one endpoint read alike; a request no route took
 * shows its raw (still encoded) path. Headers, query and body are never logged: they carry tokens,
 * signatures and passwords.
 */
final class RequestLog {

  private static final System.Logger LOG = System.getLogger(RequestLog.class.getName());
  // The same logger, through java.util.logging, for the line every request writes: logp names
  // the source itself, where System.Logger leaves JUL to find it by walking the stack, and the
  // line is built without a Formatter. Together they were about half of the line's cost, and the
  // line a tenth of a ListOrders request's CPU (JFR, BENCHMARKS.md).
  private static final Logger JUL = Logger.getLogger(RequestLog.class.getName());
  private static final String SOURCE = RequestLog.class.getName();

  private RequestLog() {}

  /** Arranges for {@code req}'s line to be logged when its response has been sent. */
  static void whenSent(ServerRequest req, ServerResponse res) {
    if (!JUL.isLoggable(java.util.logging.Level.INFO)) {
      return;
    }
    long start = System.nanoTime();
    res.whenSent(
        () ->
            JUL.logp(
                java.util.logging.Level.INFO,
                SOURCE,
                "whenSent",
                () -> line(req, res, System.nanoTime() - start)));
  }

  /**
   * The line of a request Helidon answered before routing (a body over the limit, a malformed
   * request line): no route and no time taken, and the path as sent, cut short and with anything
   * unprintable replaced, since it may be any bytes at all.
   */
  static void answeredEarly(String method, String path, int status, String requestId) {
    LOG.log(
        Level.INFO,
        () ->
            "%s %s %d - request %s"
                .formatted(printable(method, 16), printable(path, 256), status, requestId));
  }

  private static String printable(String text, int max) {
    String cut = text.length() > max ? text.substring(0, max) + "..." : text;
    return cut.isEmpty() ? "-" : cut.replaceAll("[^\\x21-\\x7e]", "?");
  }

  private static String line(ServerRequest req, ServerResponse res, long nanos) {
    String route =
        req.matchingPattern().filter(p -> p.startsWith("/")).orElse(req.path().rawPath());
    long tenths = Math.round(nanos / 1e5);
    return new StringBuilder(128)
        .append(req.prologue().method().text())
        .append(' ')
        .append(route)
        .append(' ')
        .append(res.status().code())
        .append(' ')
        .append(tenths / 10)
        .append('.')
        .append(tenths % 10)
        .append(" ms request ")
        .append(RequestIds.of(res.headers()))
        .toString();
  }
}
