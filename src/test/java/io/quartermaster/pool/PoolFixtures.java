package io.quartermaster.pool;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes pools through the pool feature's own DAO, for tests that need pools in phases and at times
 * of their choosing without placing orders through the API.
 */
public final class PoolFixtures {

  private final Jdbi jdbi;
  private final PoolDao pools = new PoolDao();

  public PoolFixtures(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** A live pool with an empty manifest (no labels, annotations or requested resources). */
  public PoolRow pool(
      String projectId, String displayName, String workspaceId, PoolPhase phase, Instant at) {
    ObjectNode manifest = JsonNodeFactory.instance.objectNode();
    ObjectNode metadata = manifest.putObject("metadata");
    metadata.putObject("labels");
    metadata.putObject("annotations");
    manifest.putObject("spec");
    PoolRow pool =
        new PoolRow(
            UUID.randomUUID(),
            projectId,
            displayName + "-" + projectId,
            displayName,
            workspaceId,
            phase,
            Optional.empty(),
            manifest,
            at,
            Optional.empty(),
            Optional.empty());
    jdbi.useTransaction(h -> pools.insert(h, pool));
    return pool;
  }

  /** Deletes {@code pool} as its delete order would: asked for and done at {@code at}. */
  public void markDeleted(PoolRow pool, Instant at) {
    jdbi.useTransaction(
        h -> {
          pools.markDeletionRequested(h, pool.id(), at);
          pools.markDeleted(h, pool.id(), at);
        });
  }
}
