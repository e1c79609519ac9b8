package io.quartermaster.http;

import io.quartermaster.error.ServiceException;

/**
 * The two error shapes of the service: ModelArts' {@code error_code}/{@code error_msg} for the
 * {@code /v1} and {@code /v2} APIs, and Keystone's {@code error} object for the IAM-compatible
 * {@code /v3} APIs, so that each family of clients parses the errors it expects.
 */
public final class ErrorBodies {

  public static final String INTERNAL_ERROR = "ModelArts.50005000";

  /** 503: the database cannot be reached for now; the request changed nothing. */
  public static final String DATABASE_UNAVAILABLE = "ModelArts.50005003";

  private ErrorBodies() {}

  public record ModelArtsError(String error_code, String error_msg) {}

  public record KeystoneError(Detail error) {
    public record Detail(int code, String title, String message) {}
  }

  /** The body for a service failure on {@code path}. */
  public static Object of(String path, ServiceException e) {
    return of(path, e.status(), e.errorCode(), e.getMessage());
  }

  /** The body for a failure with the given status, code and message on {@code path}. */
  public static Object of(String path, int status, String errorCode, String message) {
    if (path.startsWith("/v3")) {
      return new KeystoneError(new KeystoneError.Detail(status, title(status), message));
    }
    return new ModelArtsError(errorCode, message);
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 406 -> "Not Acceptable";
      case 409 -> "Conflict";
      case 410 -> "Gone";
      case 413 -> "Request Entity Too Large";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      default -> "Error";
    };
  }
}
