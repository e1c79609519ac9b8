package io.quartermaster.http;

import io.helidon.common.uri.UriQuery;
import io.helidon.webserver.http.ServerRequest;
import io.quartermaster.error.BadRequestException;
import java.util.regex.Pattern;

/**
 * Refuses request targets that no route should see, before any route does: a path with an encoded
 * slash or backslash, which the server would decode into a separator and route as another path
 * ({@code orders%2Fexport} as the export), and a path or query with a control character, which no
 * id or name holds and PostgreSQL cannot even compare (a NUL in a text parameter fails the query).
 * Like the HTTP layer's own refusals of a malformed request, these come before authentication.
 */
final class RequestTargets {

  private static final Pattern ENCODED_SEPARATOR = Pattern.compile("%(2[fF]|5[cC])");

  private RequestTargets() {}

  static void check(ServerRequest req) {
    String rawPath = req.path().rawPath();
    if (ENCODED_SEPARATOR.matcher(rawPath).find()) {
      throw BadRequestException.because(
          "the path must not contain an encoded slash (%2F) or backslash (%5C)");
    }
    if (hasControlCharacter(req.path().path())) {
      throw BadRequestException.because(
          "the path must not contain control characters such as NUL (%00)");
    }
    UriQuery query = req.query();
    for (String name : query.names()) {
      if (name.indexOf('\0') >= 0) {
        throw BadRequestException.because("a query parameter name must not contain NUL (%00)");
      }
      if (query.all(name).stream().anyMatch(value -> value.indexOf('\0') >= 0)) {
        throw BadRequestException.because(printable(name) + " must not contain NUL (%00)");
      }
    }
  }

  private static boolean hasControlCharacter(String text) {
    return text.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
  }

  // A parameter name is the caller's text: cut and made printable before it goes into a message.
  private static String printable(String name) {
    String cut = name.length() > 64 ? name.substring(0, 64) + "..." : name;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
