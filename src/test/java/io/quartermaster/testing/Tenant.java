package io.quartermaster.testing;

/**
 * A fresh project of its own for one test, with clients whose tokens are scoped to it: the global
 * admin's, a user with role {@code member} and a user with role {@code viewer}.
 */
public record Tenant(
    String projectId, String projectName, ApiClient admin, ApiClient member, ApiClient viewer) {}
