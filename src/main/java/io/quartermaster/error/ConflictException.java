package io.quartermaster.error;

/** 409: the request is valid but collides with the current state. */
public final class ConflictException extends ServiceException {

  public static final String POOL_EXISTS = "ModelArts.50015000";
  public static final String ORDER_IN_PROGRESS = "ModelArts.50015002";
  public static final String ORDER_NOT_PENDING = "ModelArts.50015003";

  public ConflictException(String errorCode, String message) {
    super(errorCode, message);
  }

  public static ConflictException poolExists() {
    return new ConflictException(POOL_EXISTS, "Pool already exists.");
  }

  public static ConflictException orderInProgress(String poolName, String orderName) {
    return new ConflictException(
        ORDER_IN_PROGRESS, "Pool " + poolName + " has an order in progress: " + orderName + ".");
  }

  /** {@code "Order {name} is {phase}; only pending orders can be {action}."} */
  public static ConflictException orderNotPending(String orderName, String phase, String action) {
    return new ConflictException(
        ORDER_NOT_PENDING,
        "Order " + orderName + " is " + phase + "; only pending orders can be " + action + ".");
  }

  /** A pending order that waits for something else than approval cannot be approved or rejected. */
  public static ConflictException orderNotAwaitingApproval(
      String orderName, String awaited, String action) {
    return new ConflictException(
        ORDER_NOT_PENDING,
        "Order "
            + orderName
            + " is pending awaiting "
            + awaited
            + ", not approval; only pending orders awaiting approval can be "
            + action
            + ".");
  }

  @Override
  public int status() {
    return 409;
  }
}
