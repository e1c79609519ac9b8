package io.quartermaster.http;

import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The routes the features registered, kept as Helidon built them, so that a request no route took
 * can be told apart: a path that exists with other methods (405, and which) or no such path (404).
 * Helidon's own matching decides, so no route is written down twice.
 */
final class RouteTable {

  /** The methods an {@code Allow} header may list, in the order it lists them. */
  private static final List<Method> METHODS =
      List.of(
          Method.GET,
          Method.HEAD,
          Method.POST,
          Method.PUT,
          Method.PATCH,
          Method.DELETE,
          Method.OPTIONS);

  /**
   * A method no route names: a route that takes it takes every method, as one that only adds
   * headers and passes the request on ({@code any("/console/*", ...)}) does, and says nothing about
   * which methods the path takes.
   */
  private static final Method ANY_METHOD_PROBE = Method.create("QM-ANY-METHOD-PROBE");

  private final List<HttpRoute> routes = new CopyOnWriteArrayList<>();

  /** {@code service}, with every route it registers also kept here. */
  HttpService recording(HttpService service) {
    return new HttpService() {
      @Override
      public void routing(HttpRules rules) {
        service.routing(new Recorder(rules));
      }

      @Override
      public void beforeStart() {
        service.beforeStart();
      }

      @Override
      public void afterStart(WebServer server) {
        service.afterStart(server);
      }

      @Override
      public void afterStop() {
        service.afterStop();
      }
    };
  }

  /**
   * The methods some route takes for the path of {@code prologue}, when the request's own method is
   * not among them; empty when none does, or when a route does take that method but passed the
   * request on (a file not found under a route of static files is a 404, not a 405).
   */
  List<String> allowedMethods(HttpPrologue prologue) {
    List<HttpRoute> forPath =
        routes.stream().filter(route -> !accepts(route, prologue, ANY_METHOD_PROBE)).toList();
    List<Method> allowed =
        METHODS.stream()
            .filter(method -> forPath.stream().anyMatch(route -> accepts(route, prologue, method)))
            .toList();
    return allowed.contains(prologue.method())
        ? List.of()
        : allowed.stream().map(Method::text).toList();
  }

  private static boolean accepts(HttpRoute route, HttpPrologue prologue, Method method) {
    HttpPrologue asked =
        HttpPrologue.create(
            prologue.rawProtocol(),
            prologue.protocol(),
            prologue.protocolVersion(),
            method,
            prologue.uriPath(),
            prologue.query(),
            prologue.fragment());
    return route.accepts(asked).accepted();
  }

  /** Passes everything on to Helidon's rules, keeping a copy of each route. */
  private final class Recorder implements HttpRules {

    private final HttpRules rules;

    private Recorder(HttpRules rules) {
      this.rules = rules;
    }

    @Override
    public HttpRules register(HttpService... services) {
      for (HttpService service : services) {
        rules.register(recording(service));
      }
      return this;
    }

    @Override
    public HttpRules register(String pathPattern, HttpService... services) {
      // Routes under a prefix are matched relative to it; they are not kept, and a wrong method
      // there stays a 404.
      rules.register(pathPattern, services);
      return this;
    }

    @Override
    public HttpRules route(HttpRoute route) {
      routes.add(route);
      rules.route(route);
      return this;
    }
  }
}
