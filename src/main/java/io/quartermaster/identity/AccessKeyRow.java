package io.quartermaster.identity;

import java.time.Instant;

/** One row of {@code access_keys} without its sealed secret, which only verification reads. */
record AccessKeyRow(
    String accessKey, String userId, boolean active, String description, Instant createdAt) {}
