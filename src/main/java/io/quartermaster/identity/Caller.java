package io.quartermaster.identity;

/**
 * The authenticated user behind a request, as seen in the project the request addresses.
 *
 * @param role the caller's role in that project ({@link Role#ADMIN} for the global admin)
 */
public record Caller(String userId, String userName, String projectId, Role role) {

  public Caller {
    if (userId == null || userName == null || projectId == null || role == null) {
      throw new IllegalArgumentException("every part of a caller is required");
    }
  }
}
