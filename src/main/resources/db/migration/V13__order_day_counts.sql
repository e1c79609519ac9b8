-- ListOrders must answer an exact count of the orders in its window (CONTRACT §2.1); counting a
-- busy project's index entries for 30 days costs milliseconds per request. order_day_counts keeps,
-- per project, workspace, UTC day and phase, how many orders there are, so that a window's whole
-- days are summed from a few rows and only its two partial edge days are counted from the index.
--
-- The database keeps the counts itself, by statement triggers on orders, in the same transaction
-- as the change they count: no code path can forget them, and a reader sees counts and orders of
-- one snapshot. Each backend adds its changes to rows of its own (writer = its pid), so that two
-- transactions never wait on, or deadlock over, one counter row; a recurring job folds the rows of
-- writers into writer 0, skipping rows locked by a transaction in flight.
create table order_day_counts (
  project_id   char(32) not null,
  workspace_id text not null,
  day          timestamptz not null,
  phase        text not null,
  writer       integer not null,
  orders       bigint not null,
  primary key (project_id, workspace_id, day, phase, writer)
);

-- Each trigger adds one statement's changes, one row per key, sorted so that a statement takes
-- its row locks in one order.
create function order_day_counts_on_insert() returns trigger
language plpgsql as $$
begin
  insert into order_day_counts as c (project_id, workspace_id, day, phase, writer, orders)
  select project_id, workspace_id, date_trunc('day', created_at, 'UTC'), phase, pg_backend_pid(),
         count(*)
  from added
  group by 1, 2, 3, 4
  order by 1, 2, 3, 4
  on conflict (project_id, workspace_id, day, phase, writer)
  do update set orders = c.orders + excluded.orders;
  return null;
end $$;

create function order_day_counts_on_delete() returns trigger
language plpgsql as $$
begin
  insert into order_day_counts as c (project_id, workspace_id, day, phase, writer, orders)
  select project_id, workspace_id, date_trunc('day', created_at, 'UTC'), phase, pg_backend_pid(),
         -count(*)
  from removed
  group by 1, 2, 3, 4
  order by 1, 2, 3, 4
  on conflict (project_id, workspace_id, day, phase, writer)
  do update set orders = c.orders + excluded.orders;
  return null;
end $$;

-- Most updates (progress, result counts) change none of the counted columns: their deltas cancel
-- and nothing is written.
create function order_day_counts_on_update() returns trigger
language plpgsql as $$
begin
  insert into order_day_counts as c (project_id, workspace_id, day, phase, writer, orders)
  select project_id, workspace_id, day, phase, pg_backend_pid(), sum(delta)
  from (
    select project_id, workspace_id, date_trunc('day', created_at, 'UTC') as day, phase, 1 as delta
    from added
    union all
    select project_id, workspace_id, date_trunc('day', created_at, 'UTC'), phase, -1
    from removed
  ) as change
  group by 1, 2, 3, 4
  having sum(delta) <> 0
  order by 1, 2, 3, 4
  on conflict (project_id, workspace_id, day, phase, writer)
  do update set orders = c.orders + excluded.orders;
  return null;
end $$;

-- TRUNCATE fires no row or transition-table triggers; it empties the counts with the orders.
create function order_day_counts_on_truncate() returns trigger
language plpgsql as $$
begin
  truncate order_day_counts;
  return null;
end $$;

create trigger orders_counted_on_insert after insert on orders
  referencing new table as added
  for each statement execute function order_day_counts_on_insert();
create trigger orders_counted_on_delete after delete on orders
  referencing old table as removed
  for each statement execute function order_day_counts_on_delete();
create trigger orders_counted_on_update after update on orders
  referencing old table as removed new table as added
  for each statement execute function order_day_counts_on_update();

create trigger orders_counted_on_truncate after truncate on orders
  for each statement execute function order_day_counts_on_truncate();

insert into order_day_counts (project_id, workspace_id, day, phase, writer, orders)
select project_id, workspace_id, date_trunc('day', created_at, 'UTC'), phase, 0, count(*)
from orders
group by 1, 2, 3, 4;
