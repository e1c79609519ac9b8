package io.quartermaster.error;

/**
 * 422: the request is well formed, but its idempotency key already stands for a different request.
 * 422 rather than 409, as the IETF's Idempotency-Key draft answers a key reused with another
 * payload: retrying cannot help, only a new key can.
 */
public final class UnprocessableException extends ServiceException {

  public static final String KEY_REUSED = "ModelArts.50004220";

  private UnprocessableException(String errorCode, String message) {
    super(errorCode, message);
  }

  /** The key was used, within its retention, for a request of another method, path or body. */
  public static UnprocessableException keyReused(String key) {
    return new UnprocessableException(
        KEY_REUSED,
        "Idempotency key "
            + key
            + " was already used for a different request (another method, path or body);"
            + " send a new key with a new request.");
  }

  @Override
  public int status() {
    return 422;
  }
}
