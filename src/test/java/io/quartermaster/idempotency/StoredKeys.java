package io.quartermaster.idempotency;

import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;

/** What the idempotency tests read back from the database: the keys a project holds. */
final class StoredKeys {

  private StoredKeys() {}

  /** How many idempotency keys {@code tenant}'s project has stored, live or expired. */
  static int count(TestServer server, Tenant tenant) {
    return server
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("select count(*) from idempotency_keys where project_id = :p")
                    .bind("p", tenant.projectId())
                    .mapTo(Integer.class)
                    .one());
  }
}
