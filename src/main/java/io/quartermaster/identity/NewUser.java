package io.quartermaster.identity;

/** A request to create a user, validated. */
record NewUser(String name, String password, boolean enabled) {

  NewUser {
    Names.name("user.name", name);
    Names.password("user.password", password);
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "NewUser[name=" + name + ", enabled=" + enabled + "]";
  }
}
