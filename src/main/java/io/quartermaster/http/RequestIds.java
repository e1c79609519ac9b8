package io.quartermaster.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import java.util.UUID;
import java.util.regex.Pattern;

/** Request ids: the caller's when it is a sane token, otherwise a fresh one (CONTRACT §0). */
public final class RequestIds {

  public static final HeaderName HEADER = HeaderNames.create("X-Request-Id");

  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private RequestIds() {}

  /** The id to use for a request with these headers. */
  public static String forRequest(Headers headers) {
    return headers
        .first(HEADER)
        .filter(id -> SANE.matcher(id).matches())
        .orElseGet(() -> UUID.randomUUID().toString());
  }

  /** The id already set on a response, or a fresh one for responses made before routing. */
  public static String of(Headers responseHeaders) {
    return responseHeaders.first(HEADER).orElseGet(() -> UUID.randomUUID().toString());
  }
}
