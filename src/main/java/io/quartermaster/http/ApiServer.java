package io.quartermaster.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.helidon.common.socket.SocketOptions;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpLogConfig;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.helidon.webserver.http1.Http1LoggingConnectionListener;
import io.quartermaster.error.BadRequestException;
import io.quartermaster.error.MethodNotAllowedException;
import io.quartermaster.error.NotFoundException;
import io.quartermaster.json.Json;
import java.util.List;

/** Builds and starts the HTTP server: request ids, size limit, error mapping and the features. */
public final class ApiServer {

  /** Request bodies above this are refused with 413 before a handler sees them. */
  public static final long MAX_BODY_BYTES = 1024 * 1024;

  private ApiServer() {}

  /** A listener of its own, on another port of the same host, with its own services. */
  public record Socket(String name, int port, List<HttpService> services) {
    public Socket {
      services = List.copyOf(services);
    }
  }

  /** Starts a server on {@code host:port} (port 0 picks a free one) serving {@code services}. */
  public static WebServer start(String host, int port, List<HttpService> services) {
    return start(
        host, port, List.of(), services, List.of(), new SlowClientGuard(ReadTimeouts.DEFAULT));
  }

  /**
   * Starts a server on {@code host:port} serving {@code services} behind {@code filters} (which run
   * after the request id is set), and each of {@code sockets} on its own port. The API's listener
   * cuts off clients slower than {@code guard}'s timeouts; the caller closes the guard after the
   * server.
   */
  public static WebServer start(
      String host,
      int port,
      List<Filter> filters,
      List<HttpService> services,
      List<Socket> sockets,
      SlowClientGuard guard) {
    ReadTimeouts timeouts = guard.timeouts();
    WebServerConfig.Builder server =
        WebServer.builder()
            .host(host)
            .port(port)
            .shutdownHook(false)
            .maxPayloadSize(MAX_BODY_BYTES)
            .connectionOptions(ApiServer::connectionOptions)
            // A connection without a request for this long, or stuck in its request line, is
            // closed; the guard takes over once the request line is in.
            .idleConnectionTimeout(timeouts.idle())
            .idleConnectionPeriod(timeouts.checkEvery())
            .addProtocol(http1(guard))
            // Only that protocol: a second HTTP/1, found on the class path beside it, makes the
            // server pick one per connection from a look-ahead of the first bytes, and a request
            // line longer than the look-ahead got its connection closed without an answer.
            .protocolsDiscoverServices(false)
            .directHandlers(ApiServer::directHandlers)
            .routing(routing -> routing(routing, filters, services));
    for (Socket socket : sockets) {
      server
          .putSocket(
              socket.name(),
              listener ->
                  listener
                      .host(host)
                      .port(socket.port())
                      .maxPayloadSize(MAX_BODY_BYTES)
                      .connectionOptions(ApiServer::connectionOptions)
                      .directHandlers(ApiServer::directHandlers))
          .routing(socket.name(), routing -> routing(routing, List.of(), socket.services()));
    }
    return server.build().start();
  }

  /**
   * TCP_NODELAY on every accepted connection. Without it a response written in more than one
   * segment (a ListOrders page of 100 is about 60 KB) waits for the client's delayed ACK of the
   * previous one, about 40 ms on Linux: a full page took 54 ms on one keep-alive connection against
   * 8 ms for a page of 10 (BENCHMARKS.md).
   */
  private static void connectionOptions(SocketOptions.Builder options) {
    options.tcpNoDelay(true);
  }

  /**
   * HTTP/1.1 with the guard listening. Helidon adds its own listeners, which log requests and
   * answers at TRACE, only when none are given, so the guard passes everything on to them.
   */
  private static Http1Config http1(SlowClientGuard guard) {
    Http1Config.Builder http1 = Http1Config.builder();
    HttpLogConfig log =
        HttpLogConfig.builder(http1.log())
            .receiveLog(http1.receiveLog())
            .sendLog(http1.sendLog())
            .build();
    Http1ConnectionListener quiet = new Http1ConnectionListener() {};
    return http1
        .addReceiveListener(
            guard.receiveListener(
                http1.receiveLog() ? Http1LoggingConnectionListener.create(log, "recv") : quiet))
        .addSendListener(
            guard.sendListener(
                http1.sendLog() ? Http1LoggingConnectionListener.create(log, "send") : quiet))
        .build();
  }

  static void routing(
      HttpRouting.Builder routing, List<Filter> filters, List<HttpService> services) {
    routing.addFilter(
        (chain, req, res) -> {
          res.header(RequestIds.HEADER, RequestIds.forRequest(req.headers()));
          RequestLog.whenSent(req, res);
          RequestTargets.check(req);
          chain.proceed();
        });
    filters.forEach(routing::addFilter);
    ErrorMapper.install(routing);
    RouteTable routes = new RouteTable();
    services.forEach(service -> routing.register(routes.recording(service)));
    routing.any(
        (req, res) -> {
          List<String> allowed = routes.allowedMethods(req.prologue());
          if (!allowed.isEmpty()) {
            throw new MethodNotAllowedException(req.prologue().method().text(), allowed);
          }
          throw new NotFoundException(
              NotFoundException.POOL_OR_ORDER, "Resource " + req.path().path() + " not found.");
        });
  }

  /**
   * Helidon answers some failures (a body over the limit, an unparsable request line) before any
   * route runs; this handler gives those answers the contract's error body too.
   */
  private static void directHandlers(DirectHandlers.Builder handlers) {
    for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
      handlers.addHandler(type, ApiServer::earlyFailure);
    }
  }

  /**
   * What the HTTP layer refused: its own message when it gives one, cut and made printable, since
   * it may repeat what the caller sent. It gives none for a request line it cannot read, and "Bad
   * Request" alone would not tell the caller where to look.
   */
  static String describe(Status status, String message) {
    if (message == null || message.isBlank()) {
      return status.code() == Status.BAD_REQUEST_400.code()
          ? "the request line or a header cannot be read: the path and query must be"
              + " percent-encoded (no spaces, brackets, quotes or raw non-ASCII characters)"
          : status.reasonPhrase();
    }
    String printable = message.strip().replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 200 ? printable.substring(0, 200) + "..." : printable;
  }

  private static DirectHandler.TransportResponse earlyFailure(
      DirectHandler.TransportRequest request,
      DirectHandler.EventType event,
      Status status,
      ServerResponseHeaders headers,
      String message) {
    String reason =
        status.code() == Status.REQUEST_ENTITY_TOO_LARGE_413.code()
            ? "Bad request: request body exceeds " + MAX_BODY_BYTES + " bytes"
            : "Bad request: " + describe(status, message);
    String code =
        status.code() >= 500 ? ErrorBodies.INTERNAL_ERROR : BadRequestException.BAD_REQUEST;
    String requestId = RequestIds.of(headers);
    RequestLog.answeredEarly(request.method(), request.path(), status.code(), requestId);
    byte[] body;
    try {
      body = Json.mapper().writeValueAsBytes(new ErrorBodies.ModelArtsError(code, reason));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return DirectHandler.TransportResponse.builder()
        .status(status)
        .headers(headers)
        .header(HeaderNames.CONTENT_TYPE, "application/json")
        .header(RequestIds.HEADER, requestId)
        .entity(body)
        .build();
  }
}
