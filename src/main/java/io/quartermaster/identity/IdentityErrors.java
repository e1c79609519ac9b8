package io.quartermaster.identity;

import io.quartermaster.error.ConflictException;
import io.quartermaster.error.ForbiddenException;
import io.quartermaster.error.NotFoundException;
import io.quartermaster.error.UnauthorizedException;

/**
 * The failures of the identity APIs. Their {@code /v3} paths answer with Keystone's error body,
 * which carries status, title and message but no ModelArts code; the codes here only tell the
 * failures apart in logs.
 */
final class IdentityErrors {

  static final String NOT_FOUND = "Identity.NotFound";
  static final String CONFLICT = "Identity.Conflict";
  static final String ACCESS_KEYS_OFF = "Identity.AccessKeysOff";

  /** One message for an unknown user, a wrong password and a disabled user: none is revealed. */
  static final String BAD_CREDENTIALS = "The request you have made requires authentication.";

  private IdentityErrors() {}

  static NotFoundException notFound(String kind, String id) {
    return new NotFoundException(NOT_FOUND, "Could not find " + kind + ": " + id + ".");
  }

  static ConflictException nameTaken(String kind, String name) {
    return new ConflictException(CONFLICT, "A " + kind + " named " + name + " already exists.");
  }

  static ConflictException notOnYourself(String action) {
    return new ConflictException(CONFLICT, "You cannot " + action + " your own user.");
  }

  static ForbiddenException accessKeysOff() {
    return new ForbiddenException(
        ACCESS_KEYS_OFF,
        "Access keys are switched off on this server: QM_SECRET_KEY is not set and the database"
            + " is external.");
  }

  static UnauthorizedException badCredentials() {
    return new UnauthorizedException(BAD_CREDENTIALS);
  }

  static UnauthorizedException noAccess() {
    return new UnauthorizedException("The user has no access to the requested project.");
  }
}
