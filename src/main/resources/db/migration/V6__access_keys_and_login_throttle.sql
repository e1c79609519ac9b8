-- Access keys (AK/SK) that sign requests as the official SDKs do, and the failed password logins
-- that throttle guessing.

-- The secret must be recoverable to check an HMAC, so it is kept encrypted (AES-GCM) under a server
-- key that is not in the database: a dump of this table alone reveals no secret.
create table access_keys (
  access_key    text primary key check (access_key ~ '^[A-Z0-9]{20}$'),
  user_id       text not null references users (id) on delete cascade,
  -- 12-byte nonce followed by the ciphertext and its tag; the access key is the associated data,
  -- so a sealed secret cannot be moved to another key's row.
  sealed_secret bytea not null,
  -- Which server key sealed it (a fingerprint, not the key), to tell a wrong key from a bad seal.
  server_key_id text not null,
  status        text not null check (status in ('active', 'inactive')),
  description   text not null default '',
  created_at    timestamptz not null
);

create index access_keys_by_user on access_keys (user_id, created_at);

-- Failed password logins per user name (existing or not, so that throttling reveals no names):
-- the current window's count, and until when logins are refused once the count is reached.
create table login_failures (
  user_name         text primary key,
  window_started_at timestamptz not null,
  failures          int not null,
  locked_until      timestamptz
);
