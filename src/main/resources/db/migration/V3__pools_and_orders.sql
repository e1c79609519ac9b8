-- Pools, their nodes, and the orders that change them.

create table pools (
  id                    uuid primary key,
  project_id            char(32) not null,
  -- metadata.name: "{display name}-{project id}". A pool re-created after deletion gets the same
  -- name, so the name is unique only among live pools.
  name                  text not null,
  display_name          text not null,
  workspace_id          text not null,
  phase                 text not null,
  status_message        text,
  -- The pool as the caller sent it (labels, annotations, spec), echoed back by the pool API.
  manifest              jsonb not null,
  created_at            timestamptz not null,
  deletion_requested_at timestamptz,
  -- Set when the pool's delete order succeeds. The row stays while orders reference it, so that
  -- ListOrders' involvedName still finds the pool.
  deleted_at            timestamptz,
  version               int not null default 0
);

create unique index pools_live_name on pools (project_id, name) where deleted_at is null;
create unique index pools_live_display_name on pools (project_id, display_name) where deleted_at is null;
create index pools_by_workspace on pools (project_id, workspace_id) where deleted_at is null;

create table nodes (
  pool_id    uuid not null references pools (id),
  name       text not null,
  flavor     text not null,
  az         text not null,
  created_at timestamptz not null,
  primary key (pool_id, name)
);

create table orders (
  id                    bigint generated always as identity primary key,
  project_id            char(32) not null,
  order_name            text not null,
  order_id              text not null,
  pool_id               uuid not null references pools (id),
  resource_name         text not null,
  resource_display_name text not null,
  workspace_id          text not null,
  operation             text not null check (operation in ('apply', 'modify', 'delete')),
  phase                 text not null check (phase in ('pending', 'processing', 'successed', 'failed')),
  billing_mode          text not null check (billing_mode in ('0', '1')),
  period_type           text,
  period_num            text,
  init_count            jsonb,
  spec_count            jsonb not null,
  result_count          jsonb not null,
  fail_reason           text,
  created_by_user_id    text,
  created_by_user_name  text,
  created_at            timestamptz not null,
  begin_at              timestamptz,
  end_at                timestamptz,
  version               int not null default 0,
  unique (project_id, order_name),
  unique (order_id)
);

-- ListOrders: one project, one workspace, newest first.
create index orders_listing on orders (project_id, workspace_id, created_at desc, order_name);
-- ListOrders with involvedName, by either of the pool's names.
create index orders_by_resource_name on orders (project_id, resource_name, created_at desc);
create index orders_by_display_name on orders (project_id, resource_display_name, created_at desc);
-- At most one unfinished order per pool, enforced even when two requests race.
create unique index orders_one_unfinished_per_pool on orders (pool_id)
  where phase in ('pending', 'processing');

-- One row per resource change of an order, planned when the order is placed and carried out in
-- seq order by the engine. 'planned' items are not shown by ShowOrder.
create table order_items (
  order_id      bigint not null references orders (id) on delete cascade,
  seq           int not null,
  action        text not null check (action in ('createPool', 'createNode', 'deleteNode', 'deletePool')),
  resource_name text not null,
  flavor        text,
  az            text,
  status        text not null check (status in ('planned', 'processing', 'succeed', 'failed')),
  message       text,
  begin_at      timestamptz,
  updated_at    timestamptz,
  primary key (order_id, seq)
);

-- Every change of an order or one of its items, numbered per project, written in the same
-- transaction as the change so that a reader can follow a project's orders without gaps.
create table order_event_counters (
  project_id char(32) primary key,
  last_seq   bigint not null
);

create table order_events (
  project_id char(32) not null,
  seq        bigint not null,
  order_name text not null,
  kind       text not null,
  payload    jsonb not null,
  created_at timestamptz not null,
  primary key (project_id, seq)
);
