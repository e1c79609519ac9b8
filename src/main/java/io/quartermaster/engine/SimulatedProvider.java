package io.quartermaster.engine;

import io.quartermaster.flavor.Flavor;
import io.quartermaster.flavor.FlavorCatalog;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * A provider that provisions nothing real but behaves like a cloud: each node takes a while, and
 * each flavor has a capacity per AZ (from the catalog) that running out of fails the node. Faults
 * can be injected by configuration ({@link SimulatedFaults}). Its state lives in the service's
 * database, so it survives restarts and is shared by instances.
 *
 * <p>What it holds always matches what the engine records, however runs die: a node holds capacity
 * from the moment it is allocated, under its idempotency key; a replay of an operation that already
 * took effect reports success before any fate is drawn, so the engine records the effect; and an
 * operation that fails (injected, timed out or out of capacity) changes nothing.
 */
final class SimulatedProvider implements Provider {

  private final Jdbi jdbi;
  private final SimulatedCapacityDao capacity = new SimulatedCapacityDao();
  private final FlavorCatalog catalog;
  private final FaultPlan faults;
  private final Clock clock;

  SimulatedProvider(Jdbi jdbi, FlavorCatalog catalog, FaultPlan faults, Clock clock) {
    this.jdbi = jdbi;
    this.catalog = catalog;
    this.faults = faults;
    this.clock = clock;
    jdbi.useTransaction(
        h -> {
          for (Flavor flavor : catalog.all()) {
            flavor.capacityPerAz().keySet().forEach(az -> capacity.seed(h, flavor.name(), az));
          }
        });
  }

  @Override
  public ProvisionOutcome apply(ProvisionRequest request) throws InterruptedException {
    return switch (request.action()) {
      case CREATE_POOL, DELETE_POOL -> ProvisionOutcome.succeeded();
      case CREATE_NODE -> createNode(request);
      case DELETE_NODE -> deleteNode(request);
    };
  }

  /**
   * Undoes what an operation the engine gave up on did: the engine fails the item, so a node it
   * allocated must not keep capacity, and a node it released stays in the pool and holds its
   * capacity again.
   */
  @Override
  public void abandon(ProvisionRequest request) {
    switch (request.action()) {
      case CREATE_NODE ->
          jdbi.useTransaction(
              h -> capacity.releaseKey(h, request.idempotencyKey(), clock.instant()));
      case DELETE_NODE -> jdbi.useTransaction(h -> capacity.restore(h, request));
      case CREATE_POOL, DELETE_POOL -> {}
    }
  }

  private ProvisionOutcome createNode(ProvisionRequest request) throws InterruptedException {
    if (jdbi.withHandle(h -> capacity.allocated(h, request.idempotencyKey()))) {
      return ProvisionOutcome.succeeded();
    }
    String flavorName = request.flavor().orElseThrow();
    String az = request.az().orElseThrow();
    Flavor flavor = catalog.find(flavorName).orElse(null);
    if (flavor == null || !flavor.hasAz(az)) {
      return ProvisionOutcome.failed("Flavor " + flavorName + " is not offered in " + az + ".");
    }
    Optional<String> failure = endure(request);
    if (failure.isPresent()) {
      return ProvisionOutcome.failed(failure.get());
    }
    int limit = flavor.capacityPerAz().get(az);
    boolean allocated =
        jdbi.withHandle(
            h ->
                capacity.allocate(
                        h,
                        request.idempotencyKey(),
                        request,
                        flavorName,
                        az,
                        limit,
                        clock.instant())
                    || capacity.allocated(h, request.idempotencyKey()));
    if (allocated) {
      return ProvisionOutcome.succeeded();
    }
    return ProvisionOutcome.failed(
        "Insufficient capacity: flavor "
            + flavorName
            + " has no free node in "
            + az
            + " (capacity "
            + limit
            + ").");
  }

  private ProvisionOutcome deleteNode(ProvisionRequest request) throws InterruptedException {
    // Nothing held: an earlier attempt released the node and the engine died before recording it.
    if (!jdbi.withHandle(h -> capacity.holds(h, request))) {
      return ProvisionOutcome.succeeded();
    }
    Optional<String> failure = endure(request);
    if (failure.isPresent()) {
      return ProvisionOutcome.failed(failure.get());
    }
    jdbi.useHandle(h -> capacity.release(h, request, clock.instant()));
    return ProvisionOutcome.succeeded();
  }

  /** Waits as long as the operation takes (at most its timeout); answers why it fails, if so. */
  private Optional<String> endure(ProvisionRequest request) throws InterruptedException {
    FaultPlan.Fate fate = faults.decide(request);
    Thread.sleep(fate.delay());
    return fate.failure();
  }

  @Override
  public String name() {
    return "simulated";
  }
}
