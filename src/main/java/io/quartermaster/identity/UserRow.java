package io.quartermaster.identity;

/** A row of {@code users}. */
record UserRow(String id, String name, String passwordHash, boolean enabled, boolean globalAdmin) {}
