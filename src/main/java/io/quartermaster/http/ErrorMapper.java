package io.quartermaster.http;

import io.helidon.common.buffers.DataReader;
import io.helidon.http.HttpException;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.quartermaster.db.DatabaseFailures;
import io.quartermaster.error.BadRequestException;
import io.quartermaster.error.MethodNotAllowedException;
import io.quartermaster.error.ServiceException;
import io.quartermaster.error.TooManyRequestsException;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Maps every failure of a handler to a response, in one place. The service's own failures become
 * their 4xx; anything else is a bug: a 500 that names the request id, with the stack trace in the
 * log only.
 */
public final class ErrorMapper {

  private static final System.Logger LOG = System.getLogger(ErrorMapper.class.getName());

  /** What a 503 asks callers to wait: about the time a restarted PostgreSQL takes to answer. */
  static final Duration RETRY_AFTER_OUTAGE = Duration.ofSeconds(5);

  private ErrorMapper() {}

  /** Installs the error handlers on {@code routing}. */
  public static void install(HttpRouting.Builder routing) {
    routing.error(ServiceException.class, ErrorMapper::serviceFailure);
    routing.error(HttpException.class, ErrorMapper::protocolFailure);
    routing.error(Exception.class, ErrorMapper::unexpected);
  }

  private static void serviceFailure(ServerRequest req, ServerResponse res, ServiceException e) {
    if (e instanceof TooManyRequestsException tooMany) {
      res.header("Retry-After", Long.toString(Math.max(1, tooMany.retryAfter().toSeconds())));
    }
    if (e instanceof MethodNotAllowedException notAllowed) {
      res.header("Allow", String.join(", ", notAllowed.allowed()));
    }
    HttpExchange.send(res, e.status(), ErrorBodies.of(req.path().path(), e));
  }

  /**
   * The database is down: not a bug but an outage, which the database probe logs once; the caller
   * may send the same request again shortly. Its transaction, if it began, was rolled back.
   */
  private static void databaseUnavailable(ServerRequest req, ServerResponse res) {
    res.header("Retry-After", Long.toString(RETRY_AFTER_OUTAGE.toSeconds()));
    HttpExchange.send(
        res,
        503,
        ErrorBodies.of(
            req.path().path(),
            503,
            ErrorBodies.DATABASE_UNAVAILABLE,
            "Service temporarily unavailable: the database cannot be reached. Retry later."));
  }

  /** Failures Helidon raises while reading a request (bad framing, too large and so on). */
  private static void protocolFailure(ServerRequest req, ServerResponse res, HttpException e) {
    int status = e.status().code();
    if (status >= 500) {
      unexpected(req, res, e);
      return;
    }
    String message = "Bad request: " + e.getMessage();
    HttpExchange.send(
        res,
        status,
        ErrorBodies.of(req.path().path(), status, BadRequestException.BAD_REQUEST, message));
  }

  private static boolean clientWentAway(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DataReader.InsufficientDataAvailableException) {
        return true;
      }
    }
    return false;
  }

  private static void unexpected(ServerRequest req, ServerResponse res, Exception e) {
    if (DatabaseFailures.isUnavailable(e)) {
      databaseUnavailable(req, res);
      return;
    }
    String requestId = RequestIds.of(res.headers());
    if (clientWentAway(e)) {
      // The connection ended before the body did (the client left, or was cut off for being too
      // slow): no bug, and nobody left to answer.
      LOG.log(
          Level.INFO,
          "request "
              + requestId
              + " "
              + req.prologue().method().text()
              + " "
              + req.path().path()
              + ": the connection ended before the request body did");
      return;
    }
    LOG.log(
        Level.ERROR,
        "request " + requestId + " " + req.prologue().method().text() + " " + req.path().path(),
        e);
    HttpExchange.send(
        res,
        500,
        ErrorBodies.of(
            req.path().path(),
            500,
            ErrorBodies.INTERNAL_ERROR,
            "Internal error. Request id " + requestId + "."));
  }
}
