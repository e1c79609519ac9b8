package io.quartermaster.identity;

/** A row of {@code projects}. */
record ProjectRow(String id, String name, String description, boolean enabled) {}
