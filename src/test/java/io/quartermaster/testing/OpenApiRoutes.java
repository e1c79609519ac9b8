package io.quartermaster.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The paths of the OpenAPI document as patterns that concrete request paths are matched against.
 * Where two templates match ({@code /orders/export} and {@code /orders/{order_name}}), the one with
 * more literal segments wins, as a router would choose.
 */
final class OpenApiRoutes {

  /** One entry of {@code paths}. */
  record Route(String template, Pattern pattern, int literals, JsonNode item) {

    /** The operation of {@code method} ({@code get}, {@code post}, ...) on this path, if any. */
    Optional<JsonNode> operation(String method) {
      return Optional.ofNullable(item.get(method.toLowerCase(Locale.ROOT)));
    }

    List<String> methods() {
      List<String> methods = new ArrayList<>();
      for (String method : List.of("get", "put", "post", "delete", "patch", "head", "options")) {
        if (item.has(method)) {
          methods.add(method.toUpperCase(Locale.ROOT));
        }
      }
      return methods;
    }
  }

  private static final Pattern PARAMETER = Pattern.compile("\\{[^/}]+}");

  private final List<Route> routes;

  OpenApiRoutes(JsonNode paths) {
    List<Route> all = new ArrayList<>();
    paths.properties().forEach(entry -> all.add(route(entry.getKey(), entry.getValue())));
    all.sort(Comparator.comparingInt(Route::literals).reversed());
    this.routes = List.copyOf(all);
  }

  /** The documented path that {@code path} (raw, without query) falls under. */
  Optional<Route> match(String path) {
    return routes.stream().filter(r -> r.pattern().matcher(path).matches()).findFirst();
  }

  private static Route route(String template, JsonNode item) {
    StringBuilder regex = new StringBuilder();
    int literals = 0;
    for (String segment : template.substring(1).split("/", -1)) {
      regex.append('/');
      if (PARAMETER.matcher(segment).matches()) {
        regex.append("[^/]+");
      } else {
        regex.append(Pattern.quote(segment));
        literals++;
      }
    }
    return new Route(template, Pattern.compile(regex.toString()), literals, item);
  }
}
