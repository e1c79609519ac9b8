package io.quartermaster.error;

/** 403: the caller is known but may not do this here. */
public final class ForbiddenException extends ServiceException {

  public static final String PROJECT_MISMATCH = "ModelArts.0210";
  public static final String NOT_AUTHORIZED = "ModelArts.0108";

  public ForbiddenException(String errorCode, String message) {
    super(errorCode, message);
  }

  public static ForbiddenException projectMismatch() {
    return new ForbiddenException(
        PROJECT_MISMATCH, "The project id in the request URL does not match the token.");
  }

  public static ForbiddenException notAuthorized(String operation) {
    return new ForbiddenException(
        NOT_AUTHORIZED, "You are not authorized to perform the (" + operation + ") operation.");
  }

  @Override
  public int status() {
    return 403;
  }
}
