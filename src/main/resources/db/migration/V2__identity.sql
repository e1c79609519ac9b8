-- Projects, users, their roles per project, and the tokens they authenticate with. There is one
-- domain, "default", so no table holds it.

create table projects (
  id          text primary key check (id ~ '^[0-9a-f]{32}$'),
  name        text not null unique,
  description text not null default '',
  enabled     boolean not null default true,
  created_at  timestamptz not null
);

create table users (
  id            text primary key check (id ~ '^[0-9a-f]{32}$'),
  name          text not null unique,
  -- "pbkdf2-sha256$iterations$salt$hash", so that the iteration count can be raised later.
  password_hash text not null,
  enabled       boolean not null default true,
  -- Admin in every project, and the only kind of user that may manage identities.
  global_admin  boolean not null default false,
  created_at    timestamptz not null
);

-- At most one role per user and project: assigning a role replaces the previous one.
create table role_assignments (
  user_id    text not null references users (id) on delete cascade,
  project_id text not null references projects (id) on delete cascade,
  role       text not null check (role in ('viewer', 'member', 'admin')),
  primary key (user_id, project_id)
);

create index role_assignments_by_project on role_assignments (project_id);

-- Only the SHA-256 of a token is kept: a leaked table does not let anyone call the API.
create table tokens (
  token_hash text primary key check (token_hash ~ '^[0-9a-f]{64}$'),
  user_id    text not null references users (id) on delete cascade,
  project_id text not null references projects (id) on delete cascade,
  issued_at  timestamptz not null,
  expires_at timestamptz not null
);

create index tokens_by_user on tokens (user_id, expires_at);
