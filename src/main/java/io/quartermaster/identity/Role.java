package io.quartermaster.identity;

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
}
