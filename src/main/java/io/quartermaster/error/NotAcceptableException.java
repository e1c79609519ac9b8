package io.quartermaster.error;

/** 406: the endpoint cannot answer in any media type the request's Accept header allows. */
public final class NotAcceptableException extends ServiceException {

  public NotAcceptableException(String errorCode, String message) {
    super(errorCode, message);
  }

  /** An endpoint that answers only {@code mediaType}. */
  public static NotAcceptableException only(String mediaType) {
    return new NotAcceptableException(
        BadRequestException.BAD_REQUEST,
        "Bad request: this endpoint answers "
            + mediaType
            + " only, and the Accept header does not allow it");
  }

  @Override
  public int status() {
    return 406;
  }
}
