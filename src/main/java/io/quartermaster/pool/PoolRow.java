package io.quartermaster.pool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A row of {@code pools}.
 *
 * @param manifest the pool as accepted, normalized: {@code {"metadata":{"labels":{},
 *     "annotations":{}},"spec":{}}}
 */
public record PoolRow(
    UUID id,
    String projectId,
    String name,
    String displayName,
    String workspaceId,
    PoolPhase phase,
    Optional<String> statusMessage,
    ObjectNode manifest,
    Instant createdAt,
    Optional<Instant> deletionRequestedAt,
    Optional<Instant> deletedAt) {}
