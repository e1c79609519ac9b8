package io.quartermaster.idempotency;

/** A request with an idempotency key: the project the key belongs to, and what was asked. */
record KeyedRequest(String projectId, IdempotencyKey key, String fingerprint) {}
