package io.quartermaster.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.quartermaster.error.UnsupportedMediaTypeException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The media types a body of the {@code /v1} and {@code /v2} APIs may have (CONTRACT §0: JSON in):
 * {@code application/json}, and for PATCH also {@code application/merge-patch+json}, with any
 * parameters ({@code charset=UTF-8}). A body sent without a Content-Type is read as JSON, as
 * before; a form (curl's default), text or anything else is refused with 415 rather than guessed
 * at. The {@code /v3} identity APIs keep reading what they are sent, as Keystone clients expect.
 */
final class JsonBodies {

  private static final String JSON = "application/json";
  private static final String MERGE_PATCH = "application/merge-patch+json";
  // How much of a malformed Content-Type the error message repeats.
  private static final int MAX_ECHOED = 64;

  private JsonBodies() {}

  /** Refuses {@code req}'s body with 415 unless its Content-Type is one the API reads. */
  static void requireJson(ServerRequest req) {
    String path = req.path().path();
    if (!path.startsWith("/v1/") && !path.startsWith("/v2/")) {
      return;
    }
    Optional<String> sent = sentType(req);
    if (sent.isEmpty()) {
      return;
    }
    List<String> accepted =
        req.prologue().method().equals(Method.PATCH) ? List.of(JSON, MERGE_PATCH) : List.of(JSON);
    if (!accepted.contains(sent.get())) {
      throw new UnsupportedMediaTypeException(sent.get(), accepted);
    }
  }

  /** The sent media type without parameters, lower-cased; a malformed one as sent, shortened. */
  private static Optional<String> sentType(ServerRequest req) {
    Optional<String> raw =
        req.headers().first(HeaderNames.CONTENT_TYPE).map(String::strip).filter(t -> !t.isEmpty());
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          HttpMediaType.create(raw.get()).mediaType().text().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      // Not a media type at all: refused like any other type, named as the caller wrote it.
      String sent = raw.get();
      return Optional.of(sent.length() > MAX_ECHOED ? sent.substring(0, MAX_ECHOED) + "..." : sent);
    }
  }
}
