package io.quartermaster.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Turns a refusal of the service into the one line the user reads and the exit status of its class.
 * The {@code /v1} and {@code /v2} APIs answer {@code error_code}/{@code error_msg}, the {@code /v3}
 * ones Keystone's {@code error} object; both are read.
 */
public final class ServiceErrors {

  private ServiceErrors() {}

  public static CliException of(ServiceClient.Response response, String loginCommand) {
    int status = response.status();
    String detail = describe(response);
    return switch (status) {
      case 400, 413 -> CliException.usage(detail);
      case 401 -> CliException.auth(detail + "; run " + loginCommand);
      case 403 -> CliException.auth(detail);
      case 404 -> CliException.notFound(detail);
      case 409 -> new CliException(ExitCodes.CONFLICT, detail);
      case 429 ->
          CliException.auth(
              detail
                  + response
                      .retryAfter()
                      .map(seconds -> "; try again in " + seconds + " s")
                      .orElse(""));
      default ->
          status >= 400 && status < 500 ? CliException.usage(detail) : CliException.server(detail);
    };
  }

  /** {@code message (code, request id)}, from whichever error shape the body has. */
  public static String describe(ServiceClient.Response response) {
    JsonNode body = response.json().orElse(ClientJson.object());
    Optional<String> code = ClientJson.text(body, "/error_code");
    Optional<String> message = ClientJson.text(body, "/error_msg");
    if (message.isEmpty()) {
      message = ClientJson.text(body, "/error/message");
      code = ClientJson.text(body, "/error/title").map(title -> response.status() + " " + title);
    }
    String text =
        message.orElseGet(
            () -> "the service answered " + response.status() + " to " + response.request());
    StringBuilder detail = new StringBuilder(text);
    detail.append(" (").append(code.orElse("HTTP " + response.status()));
    response.requestId().ifPresent(id -> detail.append(", request ").append(id));
    return detail.append(')').toString();
  }
}
