package io.quartermaster.error;

/** 404: the named thing does not exist in the caller's project. */
public final class NotFoundException extends ServiceException {

  public static final String POOL_OR_ORDER = "ModelArts.50015001";
  public static final String FLAVOR = "ModelArts.50005101";

  public NotFoundException(String errorCode, String message) {
    super(errorCode, message);
  }

  public static NotFoundException pool(String name) {
    return new NotFoundException(POOL_OR_ORDER, "Pool " + name + " not found.");
  }

  public static NotFoundException order(String name) {
    return new NotFoundException(POOL_OR_ORDER, "Order " + name + " not found.");
  }

  public static NotFoundException flavor() {
    return new NotFoundException(FLAVOR, "Resourceflavor not found.");
  }

  @Override
  public int status() {
    return 404;
  }
}
