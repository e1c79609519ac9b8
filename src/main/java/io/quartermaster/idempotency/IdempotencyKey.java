package io.quartermaster.idempotency;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.quartermaster.error.BadRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A caller's idempotency key, from {@code X-Client-Token} (the name Huawei Cloud's APIs use) or its
 * alias {@code Idempotency-Key} (the IETF draft's and Stripe's). Bounded and plain, so that it can
 * be stored, logged and compared as it is.
 */
record IdempotencyKey(String value) {

  static final HeaderName CLIENT_TOKEN = HeaderNames.create("X-Client-Token");
  static final HeaderName ALIAS = HeaderNames.create("Idempotency-Key");
  static final int MAX_LENGTH = 64;

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");

  IdempotencyKey {
    if (value == null || !VALID.matcher(value).matches()) {
      throw new IllegalArgumentException("not a valid idempotency key");
    }
  }

  /**
   * The key a request carries, if any.
   *
   * @throws BadRequestException when a key is malformed, sent twice with different values, or both
   *     headers name different keys
   */
  static Optional<IdempotencyKey> from(Headers headers) {
    List<String> sent = new ArrayList<>();
    for (HeaderName name : List.of(CLIENT_TOKEN, ALIAS)) {
      if (!headers.contains(name)) {
        continue;
      }
      for (String value : headers.get(name).allValues()) {
        if (!VALID.matcher(value).matches()) {
          throw BadRequestException.because(
              name.defaultCase()
                  + " must be 1 to "
                  + MAX_LENGTH
                  + " characters of letters, digits, '.', '_', ':' and '-'");
        }
        sent.add(value);
      }
    }
    if (sent.stream().distinct().count() > 1) {
      throw BadRequestException.because(
          "X-Client-Token and Idempotency-Key name different keys; send one key, in either header");
    }
    return sent.stream().findFirst().map(IdempotencyKey::new);
  }
}
