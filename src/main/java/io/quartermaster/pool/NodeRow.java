package io.quartermaster.pool;

import java.time.Instant;

/** A provisioned node of a pool (a row of {@code nodes}). */
record NodeRow(String name, String flavor, String az, Instant createdAt) {}
