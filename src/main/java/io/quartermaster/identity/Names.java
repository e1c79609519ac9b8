package io.quartermaster.identity;

import io.quartermaster.error.BadRequestException;
import java.util.regex.Pattern;

/** The rules for names and passwords that identity requests must follow. */
final class Names {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  static final int MIN_PASSWORD = 8;
  static final int MAX_PASSWORD = 128;
  static final int MAX_DESCRIPTION = 255;

  private Names() {}

  /** A project or user name: 1–64 characters of {@code [A-Za-z0-9._-]}. */
  static String name(String field, String value) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw BadRequestException.because(
          field + " must be 1 to 64 characters of letters, digits, '.', '_' and '-'");
    }
    return value;
  }

  /** Whether {@code value} could be a project or user name. */
  static boolean isName(String value) {
    return value != null && NAME.matcher(value).matches();
  }

  static String password(String field, String value) {
    if (value == null || value.length() < MIN_PASSWORD || value.length() > MAX_PASSWORD) {
      throw BadRequestException.because(
          field + " must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters long");
    }
    return value;
  }

  static String description(String field, String value) {
    if (value.length() > MAX_DESCRIPTION) {
      throw BadRequestException.because(
          field + " must be at most " + MAX_DESCRIPTION + " characters long");
    }
    return value;
  }
}
