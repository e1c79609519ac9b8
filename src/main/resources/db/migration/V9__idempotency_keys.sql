-- Idempotency keys of the placing requests (create, PATCH, DELETE and batch-delete of pools), per
-- project. A request with a key inserts its row first, in the transaction that places its order, so
-- that of two concurrent requests with one key the second waits on this primary key until the
-- first commits, and then reads its answer instead of placing a second order. The answer (status,
-- headers, body) is written in that same transaction, so a committed row always holds one; a
-- rollback takes the row with it and leaves the key free.
create table idempotency_keys (
  project_id      char(32) not null,
  idempotency_key text not null check (idempotency_key ~ '^[A-Za-z0-9._:-]{1,64}$'),
  -- Hex SHA-256 of the method, the path and the canonical JSON body: what "the same request" means.
  fingerprint     text not null,
  status          integer,
  headers         jsonb,
  body            text,
  created_at      timestamptz not null,
  expires_at      timestamptz not null,
  primary key (project_id, idempotency_key)
);

-- The purge of expired keys, oldest first.
create index idempotency_keys_by_expiry on idempotency_keys (expires_at);
