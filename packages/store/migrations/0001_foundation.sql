-- Foundation: departments (org tree), users and sessions, API tokens, the event/outbox log,
-- the append-only audit log, login throttling and key/value settings.
create extension if not exists pg_trgm with schema public;

create table departments (
  id uuid primary key,
  parent_id uuid references departments(id),
  code text not null unique,
  name text not null,
  name_en text,
  kind text not null check (kind in ('center', 'city', 'district', 'street', 'unit')),
  region_code text,
  active boolean not null default true,
  created_at timestamptz not null default now()
);
create index departments_parent_idx on departments(parent_id);

create table users (
  id uuid primary key,
  username text not null unique,
  display_name text not null,
  password_hash text not null,
  roles text[] not null,
  department_id uuid references departments(id),
  locale text not null default 'zh-CN',
  active boolean not null default true,
  must_change_password boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table sessions (
  id text primary key,               -- sha256 of the cookie value; the raw value is never stored
  user_id uuid not null references users(id),
  csrf_token text not null,
  ip text,
  user_agent text,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user_idx on sessions(user_id);

create table api_tokens (
  id uuid primary key,
  user_id uuid not null references users(id),
  name text not null,
  token_hash text not null unique,   -- sha256 of the token; shown once at creation
  prefix text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  expires_at timestamptz,
  revoked_at timestamptz
);

-- Login throttling: failures per key ('user:<name>' or 'ip:<addr>') in the current window.
create table login_throttle (
  key text primary key,
  failures integer not null default 0,
  window_start timestamptz not null default now(),
  locked_until timestamptz
);

-- Every state change appends here in the same transaction (event log + outbox).
create table events (
  id bigserial primary key,
  stream text not null,
  stream_id text not null,
  type text not null,
  data jsonb not null default '{}'::jsonb,
  actor_id uuid,
  at timestamptz not null default now(),
  published_at timestamptz
);
create index events_stream_idx on events(stream, stream_id, id);
create index events_unpublished_idx on events(id) where published_at is null;

-- Append-only: who, when, what, from where, before/after.
create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor_id uuid,
  actor_name text,
  action text not null,
  target_type text,
  target_id text,
  ip text,
  user_agent text,
  before jsonb,
  after jsonb,
  details jsonb
);
create index audit_log_at_idx on audit_log(at desc);
create index audit_log_actor_idx on audit_log(actor_id, at desc);
create index audit_log_target_idx on audit_log(target_type, target_id, at desc);

create function audit_log_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end $$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_immutable();

create table settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);

-- Writes a test or a client acknowledges; used by the crash test and by `hotline doctor`.
create table probe_writes (
  id bigint primary key,
  payload text not null,
  at timestamptz not null default now()
);
