package io.quartermaster.identity;

import io.quartermaster.error.BadRequestException;
import io.quartermaster.error.ForbiddenException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Access keys (AK/SK): a user manages their own with role {@code member} or more in their token's
 * project, and reads them with any role; the global admin manages everyone's. Someone else's key is
 * reported missing rather than forbidden, so that access key ids cannot be probed.
 */
final class AccessKeys {

  private static final String UPPER_AND_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String LETTERS_AND_DIGITS = UPPER_AND_DIGITS + "abcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Jdbi jdbi;
  private final Optional<ServerKey> serverKey;
  private final int maxPerUser;
  private final Clock clock;

  /**
   * @param maxPerUser the most keys one user may have, active or not (IAM allows two)
   */
  AccessKeys(Jdbi jdbi, Optional<ServerKey> serverKey, int maxPerUser, Clock clock) {
    this.jdbi = jdbi;
    this.serverKey = serverKey;
    this.maxPerUser = maxPerUser;
    this.clock = clock;
  }

  /** A new key, with its secret: the only time the secret leaves the service. */
  record NewAccessKey(AccessKeyRow key, String secret) {
    @Override
    public String toString() {
      return "NewAccessKey[" + key + "]";
    }
  }

  NewAccessKey create(TokenDao.TokenHolder actor, Optional<String> userId, String description) {
    String owner = userId.orElse(actor.userId());
    requireAllowed(actor, owner, true, "identity:create_credential");
    ServerKey sealer = serverKey.orElseThrow(IdentityErrors::accessKeysOff);
    // IAM's shapes: a 20-character access key id and a 40-character secret (about 238 bits).
    String accessKey = random(UPPER_AND_DIGITS, 20);
    String secret = random(LETTERS_AND_DIGITS, 40);
    AccessKeyRow key =
        new AccessKeyRow(
            accessKey, owner, true, description, clock.instant().truncatedTo(ChronoUnit.MICROS));
    jdbi.useTransaction(
        h -> {
          if (new UserDao(h).findById(owner).isEmpty()) {
            throw IdentityErrors.notFound("user", owner);
          }
          AccessKeyDao keys = new AccessKeyDao(h);
          if (keys.countByUserLocked(owner) >= maxPerUser) {
            throw BadRequestException.quotaInsufficient(
                "number of access keys of the user", maxPerUser);
          }
          keys.insert(key, sealer.seal(secret, accessKey), sealer.id());
        });
    return new NewAccessKey(key, secret);
  }

  List<AccessKeyRow> list(TokenDao.TokenHolder actor, Optional<String> userId) {
    String owner = userId.orElse(actor.userId());
    requireAllowed(actor, owner, false, "identity:list_credentials");
    return jdbi.withHandle(h -> new AccessKeyDao(h).listByUser(owner));
  }

  AccessKeyRow show(TokenDao.TokenHolder actor, String accessKey) {
    AccessKeyRow key = jdbi.withHandle(h -> find(new AccessKeyDao(h), actor, accessKey));
    requireAllowed(actor, key.userId(), false, "identity:get_credential");
    return key;
  }

  /** Changes the status and the description; an absent value keeps what is stored. */
  AccessKeyRow update(
      TokenDao.TokenHolder actor,
      String accessKey,
      Optional<Boolean> active,
      Optional<String> description) {
    return jdbi.inTransaction(
        h -> {
          AccessKeyDao keys = new AccessKeyDao(h);
          AccessKeyRow key = find(keys, actor, accessKey);
          requireAllowed(actor, key.userId(), true, "identity:update_credential");
          AccessKeyRow changed =
              new AccessKeyRow(
                  key.accessKey(),
                  key.userId(),
                  active.orElse(key.active()),
                  description.orElse(key.description()),
                  key.createdAt());
          keys.update(changed);
          return changed;
        });
  }

  void delete(TokenDao.TokenHolder actor, String accessKey) {
    jdbi.useHandle(
        h -> {
          AccessKeyDao keys = new AccessKeyDao(h);
          AccessKeyRow key = find(keys, actor, accessKey);
          requireAllowed(actor, key.userId(), true, "identity:delete_credential");
          keys.delete(accessKey);
        });
  }

  private static AccessKeyRow find(
      AccessKeyDao keys, TokenDao.TokenHolder actor, String accessKey) {
    return keys.find(accessKey)
        .filter(key -> actor.globalAdmin() || key.userId().equals(actor.userId()))
        .orElseThrow(() -> IdentityErrors.notFound("credential", accessKey));
  }

  /** Others' keys are the global admin's; one's own need a role, and member to change them. */
  private static void requireAllowed(
      TokenDao.TokenHolder actor, String ownerId, boolean change, String operation) {
    if (actor.globalAdmin()) {
      return;
    }
    Role role = actor.roleInProject().orElse(null);
    boolean allowed =
        actor.userId().equals(ownerId) && role != null && (!change || role.includes(Role.MEMBER));
    if (!allowed) {
      throw ForbiddenException.notAuthorized(operation);
    }
  }

  private static String random(String alphabet, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return out.toString();
  }
}
