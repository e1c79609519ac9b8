package io.quartermaster.db;

/** Another live instance holds the data directory; starting would risk corrupting it. */
public final class DataDirectoryInUseException extends RuntimeException {

  DataDirectoryInUseException(String message) {
    super(message);
  }
}
