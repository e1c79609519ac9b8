package io.quartermaster.error;

/** 410: what the request resumes from is no longer kept (an extension, CONTRACT §5). */
public final class GoneException extends ServiceException {

  public static final String EVENTS_PURGED = "ModelArts.50015004";

  public GoneException(String errorCode, String message) {
    super(errorCode, message);
  }

  /** A stream resumed after {@code after}, when events after it have been purged. */
  public static GoneException eventsPurged(long after, long purgedThrough) {
    return new GoneException(
        EVENTS_PURGED,
        "Events after "
            + after
            + " are no longer kept: events up to "
            + purgedThrough
            + " include purged ones. Resume after "
            + purgedThrough
            + ", or without Last-Event-ID to start from now.");
  }

  @Override
  public int status() {
    return 410;
  }
}
