package io.quartermaster.db;

/** The configured database cannot be reached or logged in to; the message says where and why. */
public final class DatabaseUnavailableException extends RuntimeException {

  DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
