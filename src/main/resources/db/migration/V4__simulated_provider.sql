-- The simulated provider's own record of what it has provisioned, keyed by the engine's
-- idempotency key so that a replayed request after a crash finds its first outcome. Capacity
-- per flavor and AZ is the catalog's minus the rows not yet released.
create table simulated_nodes (
  idempotency_key text primary key,
  node_name       text not null,
  project_id      char(32) not null,
  pool_name       text not null,
  flavor          text not null,
  az              text not null,
  created_at      timestamptz not null,
  released_at     timestamptz
);

create index simulated_nodes_in_use on simulated_nodes (flavor, az) where released_at is null;
create index simulated_nodes_by_node on simulated_nodes (project_id, pool_name, node_name);
