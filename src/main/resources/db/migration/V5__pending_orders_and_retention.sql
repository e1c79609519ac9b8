-- Why an order is pending, recorded rather than read from its pool's status message: it waits for
-- payment (billing "1" without auto-pay), for an admin's approval (its node change is above the
-- approval threshold), or for both. Each flag is cleared when that wait is settled; a pending
-- order that fails (cancelled, rejected, expired) keeps the flags it still had, so that the
-- service can tell an order that was never paid from one that was.
alter table orders
  add column awaiting_payment  boolean not null default false,
  add column awaiting_approval boolean not null default false,
  add column paid_at           timestamptz,
  add column approved_at       timestamptz;

-- Until now an order was pending only while it waited for payment.
update orders set awaiting_payment = true where phase = 'pending';

alter table orders
  add constraint orders_pending_awaits_something
    check (phase <> 'pending' or awaiting_payment or awaiting_approval),
  add constraint orders_only_pending_or_failed_await
    check (phase in ('pending', 'failed') or not (awaiting_payment or awaiting_approval));

-- The expiry sweep: pending orders, oldest first.
create index orders_pending_by_age on orders (created_at) where phase = 'pending';
-- The retention sweep: orders oldest first, whatever their project.
create index orders_by_age on orders (created_at);
-- Purging a pool checks that no order references it (and so does the foreign key).
create index orders_by_pool on orders (pool_id);
-- Purging an order purges its events.
create index order_events_by_order on order_events (project_id, order_name);
-- Deleted pools waiting for their last order to be purged.
create index pools_deleted on pools (deleted_at) where deleted_at is not null;
