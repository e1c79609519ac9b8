package io.quartermaster.idempotency;

import java.util.Map;

/**
 * The first answer to a request with an idempotency key, as it is sent again to every retry.
 *
 * @param headers the headers that describe the answer (its Content-Type); the request id is each
 *     request's own
 * @param body the JSON body, as sent
 */
record StoredAnswer(int status, Map<String, String> headers, String body) {

  StoredAnswer {
    headers = Map.copyOf(headers);
  }
}
