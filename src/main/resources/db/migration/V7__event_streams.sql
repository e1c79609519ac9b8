-- Live event streams read order_events as the truth and use LISTEN/NOTIFY only as a wake-up.
-- Both triggers below live in the database rather than in the writers, so that every path that
-- appends or purges events (placement, the engine, pay/approve/reject/cancel, expiry, retention,
-- and whatever comes later) keeps the streams right without knowing about them.

-- A notification on channel qm_order_events, payload the project id, for every transaction that
-- appends an event. pg_notify is transactional: it is delivered at commit, never for a rollback,
-- and PostgreSQL folds identical notifications of one transaction into one.
create function qm_notify_order_event() returns trigger language plpgsql as $$
begin
  perform pg_notify('qm_order_events', new.project_id);
  return null;
end;
$$;

create trigger order_events_notify
  after insert on order_events
  for each row execute function qm_notify_order_event();

-- The highest sequence number purged from each project's log. A client resuming after an id below
-- it has missed events that are gone for good, and is told so (410) instead of getting a silent
-- gap. Kept by a statement trigger on delete, so that retention's purge stays as it is.
create table order_event_horizons (
  project_id     char(32) primary key,
  purged_through bigint not null
);

create function qm_order_event_horizon() returns trigger language plpgsql as $$
begin
  insert into order_event_horizons (project_id, purged_through)
  select project_id, max(seq) from purged group by project_id
  on conflict (project_id) do update
    set purged_through = greatest(order_event_horizons.purged_through, excluded.purged_through);
  return null;
end;
$$;

create trigger order_events_horizon
  after delete on order_events
  referencing old table as purged
  for each statement execute function qm_order_event_horizon();
