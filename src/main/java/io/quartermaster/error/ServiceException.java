package io.quartermaster.error;

/**
 * The root of every failure that Quartermaster reports to a caller on purpose. Each subtype fixes
 * the HTTP status; the error code and message are the contract's (CONTRACT §6). Anything that is
 * not a {@code ServiceException} is a bug and becomes a 500.
 */
public abstract sealed class ServiceException extends RuntimeException
    permits BadRequestException,
        UnauthorizedException,
        ForbiddenException,
        NotFoundException,
        ConflictException,
        GoneException,
        NotAcceptableException,
        TooManyRequestsException,
        MethodNotAllowedException,
        UnsupportedMediaTypeException,
        UnprocessableException {

  private final String errorCode;

  protected ServiceException(String errorCode, String message) {
    super(message, null, false, false);
    this.errorCode = errorCode;
  }

  /** The contract's {@code error_code}, e.g. {@code ModelArts.50004000}. */
  public String errorCode() {
    return errorCode;
  }

  /** The HTTP status this failure is answered with. */
  public abstract int status();
}
