package io.quartermaster.identity;

import java.util.List;

/** The JSON of {@code /v3.0/OS-CREDENTIAL/credentials}, in IAM's shape and snake_case. */
final class CredentialViews {

  private CredentialViews() {}

  record Credential(
      String user_id, String access, String status, String create_time, String description) {
    static Credential of(AccessKeyRow key) {
      return new Credential(
          key.userId(),
          key.accessKey(),
          key.active() ? "active" : "inactive",
          IdentityViews.time(key.createdAt()),
          key.description());
    }
  }

  /** The answer to a create: the only one that carries the secret. */
  record NewCredential(
      String access,
      String secret,
      String status,
      String user_id,
      String create_time,
      String description) {
    @Override
    public String toString() {
      return "NewCredential[access=" + access + ", user_id=" + user_id + "]";
    }
  }

  record CredentialBody(Object credential) {}

  record CredentialList(List<Credential> credentials) {}

  static CredentialBody created(AccessKeys.NewAccessKey created) {
    AccessKeyRow key = created.key();
    return new CredentialBody(
        new NewCredential(
            key.accessKey(),
            created.secret(),
            "active",
            key.userId(),
            IdentityViews.time(key.createdAt()),
            key.description()));
  }

  static CredentialBody one(AccessKeyRow key) {
    return new CredentialBody(Credential.of(key));
  }

  static CredentialList list(List<AccessKeyRow> keys) {
    return new CredentialList(keys.stream().map(Credential::of).toList());
  }
}
