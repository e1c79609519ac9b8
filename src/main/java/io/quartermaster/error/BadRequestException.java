package io.quartermaster.error;

/** 400: the request is malformed or breaks a rule of the contract. */
public final class BadRequestException extends ServiceException {

  public static final String BAD_REQUEST = "ModelArts.50004000";
  public static final String NODE_QUOTA = "ModelArts.3561";
  public static final String ALREADY_PAID = "ModelArts.5042";

  public BadRequestException(String errorCode, String message) {
    super(errorCode, message);
  }

  /** The generic 400 of the contract: {@code "Bad request: {what and why}"}. */
  public static BadRequestException because(String reason) {
    return new BadRequestException(BAD_REQUEST, "Bad request: " + reason);
  }

  public static BadRequestException nodeQuota() {
    return new BadRequestException(NODE_QUOTA, "Insufficient node quota.");
  }

  public static BadRequestException alreadyPaid() {
    return new BadRequestException(ALREADY_PAID, "The order has been paid.");
  }

  @Override
  public int status() {
    return 400;
  }
}
