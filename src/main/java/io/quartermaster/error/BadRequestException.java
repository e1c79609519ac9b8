package io.quartermaster.error;

/** 400: the request is malformed or breaks a rule of the contract. */
public final class BadRequestException extends ServiceException {

  public static final String BAD_REQUEST = "ModelArts.50004000";
  public static final String NODE_QUOTA = "ModelArts.3561";
  public static final String ALREADY_PAID = "ModelArts.5042";

  /** The vendor's {@code QuotaInsufficient}, for caps on how many of a thing may exist. */
  public static final String QUOTA_INSUFFICIENT = "ModelArts.0118";

  public BadRequestException(String errorCode, String message) {
    super(errorCode, message);
  }

  /** The generic 400 of the contract: {@code "Bad request: {what and why}"}. */
  public static BadRequestException because(String reason) {
    return new BadRequestException(BAD_REQUEST, "Bad request: " + reason);
  }

  /**
   * The contract's {@code "Insufficient node quota."}, followed by the numbers that make it so.
   *
   * @param inUse the nodes the project's other live pools ask for
   * @param asked the nodes the pool being created or changed would have
   */
  public static BadRequestException nodeQuota(int quota, int inUse, int asked) {
    return new BadRequestException(
        NODE_QUOTA,
        ("Insufficient node quota. The project's quota is %d nodes; its other pools use %d and"
                + " this asks for %d.")
            .formatted(quota, inUse, asked));
  }

  /**
   * A cap on how many of a thing may exist is reached: {@code "The expected {what} exceeds the
   * quota limit."} (the vendor's wording), with the numbers.
   *
   * @param what the thing counted, plural (e.g. {@code "pools of the project"})
   */
  public static BadRequestException quotaInsufficient(String what, int max) {
    return new BadRequestException(
        QUOTA_INSUFFICIENT,
        "The expected " + what + " exceeds the quota limit: " + max + " at most.");
  }

  public static BadRequestException alreadyPaid() {
    return new BadRequestException(ALREADY_PAID, "The order has been paid.");
  }

  @Override
  public int status() {
    return 400;
  }
}
