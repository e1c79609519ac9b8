package io.quartermaster.notify;

import io.quartermaster.error.BadRequestException;
import io.quartermaster.identity.ServerKey;
import java.util.Optional;

/**
 * Subscriptions' secrets, sealed under the server key before they reach the database (and its
 * statement logs, and its backups) and opened only to sign a delivery. Each is bound to its
 * subscription's id, so a sealed secret copied onto another subscription does not open.
 *
 * <p>Without a server key (an external database and no {@code QM_SECRET_KEY}) subscriptions cannot
 * be created, as access keys cannot: a secret stored in the clear would be no better than none.
 */
final class SecretSeal {

  private final Optional<ServerKey> key;

  SecretSeal(Optional<ServerKey> key) {
    this.key = key;
  }

  byte[] seal(String subscriptionId, String secret) {
    ServerKey sealer =
        key.orElseThrow(
            () ->
                BadRequestException.because(
                    "notifications are switched off on this server: QM_SECRET_KEY is not set and"
                        + " the database is external"));
    return sealer.seal(secret, context(subscriptionId));
  }

  /** The secret, or empty when it does not open (the server key changed since it was sealed). */
  Optional<String> open(String subscriptionId, byte[] sealed) {
    return key.flatMap(k -> k.open(sealed, context(subscriptionId)));
  }

  private static String context(String subscriptionId) {
    return "notification-subscription:" + subscriptionId;
  }
}
