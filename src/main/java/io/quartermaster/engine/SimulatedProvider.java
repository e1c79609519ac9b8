package io.quartermaster.engine;

import io.quartermaster.flavor.Flavor;
import io.quartermaster.flavor.FlavorCatalog;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/**
 * A provider that provisions nothing real but behaves like a cloud: each node takes a while, and
 * each flavor has a capacity per AZ (from the catalog) that running out of fails the node. Its
 * state lives in the service's database, so it survives restarts and is shared by instances.
 */
final class SimulatedProvider implements Provider {

  private final Jdbi jdbi;
  private final SimulatedCapacityDao capacity;
  private final FlavorCatalog catalog;
  private final Duration nodeTime;
  private final Clock clock;

  SimulatedProvider(
      Jdbi jdbi,
      SimulatedCapacityDao capacity,
      FlavorCatalog catalog,
      Duration nodeTime,
      Clock clock) {
    this.jdbi = jdbi;
    this.capacity = capacity;
    this.catalog = catalog;
    this.nodeTime = nodeTime;
    this.clock = clock;
  }

  @Override
  public ProvisionOutcome apply(ProvisionRequest request) throws InterruptedException {
    return switch (request.action()) {
      case createPool, deletePool -> ProvisionOutcome.succeeded();
      case createNode -> {
        Thread.sleep(nodeTime);
        yield createNode(request);
      }
      case deleteNode -> {
        Thread.sleep(nodeTime);
        jdbi.useTransaction(h -> capacity.release(h, request, clock.instant()));
        yield ProvisionOutcome.succeeded();
      }
    };
  }

  private ProvisionOutcome createNode(ProvisionRequest request) {
    String flavorName = request.flavor().orElseThrow();
    String az = request.az().orElseThrow();
    Flavor flavor = catalog.find(flavorName).orElse(null);
    if (flavor == null || !flavor.hasAz(az)) {
      return ProvisionOutcome.failed("Flavor " + flavorName + " is not offered in " + az + ".");
    }
    int limit = flavor.capacityPerAz().get(az);
    return jdbi.inTransaction(
        h -> {
          capacity.lock(h, flavorName, az);
          if (capacity.allocated(h, request.idempotencyKey())) {
            return ProvisionOutcome.succeeded();
          }
          if (capacity.inUse(h, flavorName, az) >= limit) {
            return ProvisionOutcome.failed(
                "Insufficient capacity: flavor "
                    + flavorName
                    + " has no free node in "
                    + az
                    + " (capacity "
                    + limit
                    + ").");
          }
          capacity.allocate(h, request.idempotencyKey(), request, flavorName, az, clock.instant());
          return ProvisionOutcome.succeeded();
        });
  }
}
