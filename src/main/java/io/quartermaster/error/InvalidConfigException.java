package io.quartermaster.error;

/** A setting has a value the service cannot start with; the message names it. */
public final class InvalidConfigException extends RuntimeException {

  public InvalidConfigException(String message) {
    super(message);
  }
}
