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

  @Override
  public int status() {
    return 409;
  }
}
