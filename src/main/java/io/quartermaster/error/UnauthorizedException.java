package io.quartermaster.error;

/** 401: the caller could not be authenticated. */
public final class UnauthorizedException extends ServiceException {

  public static final String CODE = "ModelArts.50001000";

  public UnauthorizedException(String message) {
    super(CODE, message);
  }

  @Override
  public int status() {
    return 401;
  }
}
