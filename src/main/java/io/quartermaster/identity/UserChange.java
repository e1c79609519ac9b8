package io.quartermaster.identity;

import java.util.Optional;

/** A change to a user: enable or disable, or a new password; absent parts stay as they are. */
record UserChange(Optional<Boolean> enabled, Optional<String> password) {

  UserChange {
    password.ifPresent(p -> Names.password("user.password", p));
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "UserChange[enabled=" + enabled + ", password=" + password.map(p -> "(new)") + "]";
  }
}
