package io.quartermaster.identity;

import java.time.Instant;

/** A token just issued, with what it grants; the token itself exists nowhere else. */
record IssuedToken(
    String token,
    Instant issuedAt,
    Instant expiresAt,
    UserRow user,
    ProjectRow project,
    Role role) {

  @Override
  public String toString() {
    return "IssuedToken[user=" + user.name() + ", project=" + project.name() + "]";
  }
}
