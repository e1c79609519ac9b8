package io.quartermaster.identity;

import java.util.Optional;

/**
 * A Keystone password authentication: who ({@code userName} in {@code userDomain}, when the caller
 * named one) and which project the token is for, by id or by name.
 */
record PasswordLogin(
    String userName,
    String password,
    Optional<String> userDomain,
    Optional<String> projectId,
    Optional<String> projectName) {

  static final String DOMAIN = "default";

  PasswordLogin {
    if (projectId.isEmpty() == projectName.isEmpty()) {
      throw new IllegalArgumentException("exactly one of projectId and projectName is required");
    }
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "PasswordLogin[user=" + userName + ", project=" + projectId.or(() -> projectName) + "]";
  }
}
