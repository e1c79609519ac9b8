package io.quartermaster.identity;

import java.util.Locale;
import java.util.Optional;

/** What a user may do in a project, weakest first; each role includes the ones before it. */
public enum Role {
  /** Reads pools, orders and flavors. */
  VIEWER,
  /** Also places, pays and cancels orders. */
  MEMBER,
  /** Everything, in every project, plus approval and identity management. */
  ADMIN;

  public boolean includes(Role other) {
    return compareTo(other) >= 0;
  }

  /** The name in the API and the database: {@code viewer}, {@code member}, {@code admin}. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role with this exact API name, if any. */
  public static Optional<Role> fromApiName(String name) {
    for (Role role : values()) {
      if (role.apiName().equals(name)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
