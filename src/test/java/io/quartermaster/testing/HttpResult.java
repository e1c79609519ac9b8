package io.quartermaster.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;

/** One answer of the service: status, headers and the body parsed as JSON (or null if empty). */
public record HttpResult(int status, HttpHeaders headers, String rawBody, JsonNode body) {

  public String header(String name) {
    return headers.firstValue(name).orElse(null);
  }

  /** The contract's {@code error_code}, or null when the body has none. */
  public String errorCode() {
    return body == null || !body.has("error_code") ? null : body.get("error_code").asText();
  }

  @Override
  public String toString() {
    return status + " " + rawBody;
  }
}
