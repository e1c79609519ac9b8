package io.quartermaster.error;

import java.time.Duration;

/** 429: the caller must wait before trying again. */
public final class TooManyRequestsException extends ServiceException {

  public static final String CODE = "ModelArts.50004290";

  private final Duration retryAfter;

  public TooManyRequestsException(String message, Duration retryAfter) {
    super(CODE, message);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  @Override
  public int status() {
    return 429;
  }
}
