package io.quartermaster.db;

import java.security.SecureRandom;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * Signing keys kept in the database ({@code server_keys}), one per purpose, so that every instance
 * of a database signs and checks with the same key. The first instance to ask makes it.
 */
public final class ServerKeys {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int KEY_BYTES = 32;

  private ServerKeys() {}

  /** The key for {@code purpose}, made now if no instance made it before. */
  public static byte[] forPurpose(Jdbi jdbi, String purpose, Instant now) {
    byte[] fresh = new byte[KEY_BYTES];
    RANDOM.nextBytes(fresh);
    return jdbi.inTransaction(
        h -> {
          h.createUpdate(
                  """
                  insert into server_keys (purpose, key, created_at) values (:purpose, :key, :now)
                  on conflict (purpose) do nothing
                  """)
              .bind("purpose", purpose)
              .bind("key", fresh)
              .bind("now", Sql.timestamp(now))
              .execute();
          return h.createQuery("select key from server_keys where purpose = :purpose")
              .bind("purpose", purpose)
              .mapTo(byte[].class)
              .one();
        });
  }
}
