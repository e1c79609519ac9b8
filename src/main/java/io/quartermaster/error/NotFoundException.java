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

  /**
   * A pool of the project's pool paths, which take its {@code metadata.name}. A name that lacks the
   * project id is most likely a display name: the message says how the name is made, and which name
   * such a pool would have.
   */
  public static NotFoundException pool(String name, String projectId) {
    String suffix = "-" + projectId;
    if (name.endsWith(suffix)) {
      return pool(name);
    }
    return new NotFoundException(
        POOL_OR_ORDER,
        "Pool "
            + name
            + " not found. A pool's name is {display name}-{project id}: a pool displayed as "
            + name
            + " is named "
            + name
            + suffix
            + ".");
  }

  public static NotFoundException order(String name) {
    return new NotFoundException(POOL_OR_ORDER, "Order " + name + " not found.");
  }

  /** A notification subscription: the generic not-found code, as for pools and orders. */
  public static NotFoundException subscription(String id) {
    return new NotFoundException(POOL_OR_ORDER, "Subscription " + id + " not found.");
  }

  public static NotFoundException flavor() {
    return new NotFoundException(FLAVOR, "Resourceflavor not found.");
  }

  @Override
  public int status() {
    return 404;
  }
}
