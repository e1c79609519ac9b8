-- Outgoing notifications: each subscription of a project receives the project's events (the
-- order_events log, the one source of truth) as signed CloudEvents, POSTed to its URL.
--
-- The secret signs every delivery, so it cannot be hashed: it is stored encrypted under the server
-- key (AES-GCM, as access key secrets are), which is kept outside the database.
create table notification_subscriptions (
  id                text primary key,
  project_id        char(32) not null,
  url               text not null,
  secret_sealed     bytea not null,
  -- Event kinds to send ('order.successed', ...); an empty array sends every kind.
  event_types       jsonb not null default '[]',
  -- A pool's display name or metadata.name; null sends the events of every pool.
  pool              text,
  created_at        timestamptz not null,
  created_by        text not null,
  -- The cursor: every event of the project up to this number has been delivered, dead-lettered or
  -- filtered out. The next event is not sent before this moves past the one before it, which is
  -- what keeps one subscription's deliveries in order.
  delivered_through bigint not null,
  -- Failed attempts at the event after the cursor, and how the last attempt ended.
  attempts          integer not null default 0,
  last_attempt_at   timestamptz,
  last_status       integer,
  last_error        text
);

create index notification_subscriptions_by_project on notification_subscriptions (project_id, created_at, id);

-- Deliveries given up after the last attempt; the cursor has moved past them.
create table notification_dead_letters (
  subscription_id text not null references notification_subscriptions (id) on delete cascade,
  seq             bigint not null,
  event_type      text not null,
  order_name      text not null,
  attempts        integer not null,
  last_status     integer,
  last_error      text,
  dead_at         timestamptz not null,
  primary key (subscription_id, seq)
);

-- The deliveries' own db-scheduler table (db-scheduler's layout, as in V1), one job per
-- subscription. A table apart from the order engine's keeps a slow receiver from holding the
-- engine's workers, and keeps each scheduler from meeting jobs it does not know.
create table notification_tasks (
  task_name            text not null,
  task_instance        text not null,
  task_data            bytea,
  execution_time       timestamp with time zone not null,
  picked               boolean not null,
  picked_by            text,
  last_success         timestamp with time zone,
  last_failure         timestamp with time zone,
  consecutive_failures int,
  last_heartbeat       timestamp with time zone,
  version              bigint not null,
  priority             smallint,
  primary key (task_name, task_instance)
);

create index notification_tasks_execution_time on notification_tasks (execution_time);
create index notification_tasks_last_heartbeat on notification_tasks (last_heartbeat);
create index notification_tasks_priority_execution_time on notification_tasks (priority desc, execution_time asc);
