package io.quartermaster.testing;

/**
 * A fresh project of its own for one test, with clients whose tokens are scoped to it: the global
 * admin's, a user with role {@code member} and a user with role {@code viewer}. The two users are
 * named {@code {projectName}-member} and {@code {projectName}-viewer}, with password {@link
 * #PASSWORD}.
 */
public record Tenant(
    String projectId, String projectName, ApiClient admin, ApiClient member, ApiClient viewer) {

  public static final String PASSWORD = "tenant-user-password";

  public String memberName() {
    return projectName + "-member";
  }

  public String viewerName() {
    return projectName + "-viewer";
  }
}
