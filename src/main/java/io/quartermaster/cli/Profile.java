package io.quartermaster.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Optional;

/**
 * One named profile of the config file: where the service is, which project, and the credentials: a
 * token from {@code qm login}, or an access key whose secret signs every request.
 *
 * @param tokenExpiresAt when the token stops working, as the service said at login (ISO-8601)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Profile(
    String endpoint,
    String projectId,
    String projectName,
    String userName,
    String userId,
    String role,
    String token,
    String tokenExpiresAt,
    String accessKey,
    String secretKey) {

  /** A profile that knows only where the service is. */
  public static Profile at(String endpoint) {
    return new Profile(endpoint, null, null, null, null, null, null, null, null, null);
  }

  public boolean hasToken() {
    return token != null;
  }

  public boolean hasAccessKey() {
    return accessKey != null && secretKey != null;
  }

  public boolean loggedIn() {
    return projectId != null && (hasToken() || hasAccessKey());
  }

  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(tokenExpiresAt).map(Instant::parse);
  }

  /** The same place and names, without any credential. */
  public Profile loggedOut() {
    return new Profile(
        endpoint, projectId, projectName, userName, userId, role, null, null, null, null);
  }

  public Profile withEndpoint(String newEndpoint) {
    return new Profile(
        newEndpoint,
        projectId,
        projectName,
        userName,
        userId,
        role,
        token,
        tokenExpiresAt,
        accessKey,
        secretKey);
  }

  /** How it authenticates, without the secret: {@code token} or {@code access key AK}. */
  public String authentication() {
    if (hasToken()) {
      return "token";
    }
    return hasAccessKey() ? "access key " + accessKey : "none";
  }

  // A profile may end up in a log or an exception message: never with its secrets.
  @Override
  public String toString() {
    return "Profile[endpoint="
        + endpoint
        + ", project="
        + projectName
        + " ("
        + projectId
        + "), user="
        + userName
        + ", auth="
        + authentication()
        + "]";
  }
}
