package io.quartermaster.app;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One generated request, exactly as it goes on the wire: the method and request target are sent as
 * they are (no normalisation, no encoding), so that path tricks reach the server unchanged.
 *
 * @param route the role-table route it was made from, such as {@code GET /v2/{}/pools/{}}
 * @param credential the credential it carries, for the report
 */
record FuzzRequest(
    String route,
    String credential,
    String method,
    String target,
    List<Map.Entry<String, String>> headers,
    byte[] body) {

  FuzzRequest {
    headers = List.copyOf(headers);
  }

  /** The first value of header {@code name}, or null. */
  String header(String name) {
    return headers.stream()
        .filter(h -> h.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  /** The path part of the target, before any query. */
  String path() {
    int query = target.indexOf('?');
    return query < 0 ? target : target.substring(0, query);
  }

  // Huge values are cut, so that a failure report stays readable.
  private static String shortened(String text) {
    return text.length() <= 300
        ? text
        : text.substring(0, 300) + "...(" + text.length() + " chars)";
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    out.append(method).append(' ').append(shortened(target)).append("  [").append(route);
    out.append(" as ").append(credential).append("]");
    for (Map.Entry<String, String> header : headers) {
      out.append("\n  ").append(header.getKey()).append(": ").append(shortened(header.getValue()));
    }
    if (body.length > 0) {
      out.append("\n  body: ").append(shortened(new String(body, StandardCharsets.UTF_8)));
    }
    return out.toString();
  }
}
