-- Work orders (工单). The truth is case_events (a fold of them is the case); cases.state is the
-- folded snapshot and the typed columns/party rows are projections for queues and metrics, all
-- written in the same transaction as the events.

create table case_categories (
  code text primary key,
  parent_code text references case_categories(code),
  name text not null,
  name_en text,
  keywords text[] not null default '{}',
  time_limits jsonb not null default '{}'::jsonb,
  active boolean not null default true,
  sort integer not null default 0
);
create index case_categories_parent_idx on case_categories(parent_code);

-- Admin corrections to the statutory working-day calendar.
create table case_calendar_overrides (
  date date primary key,
  kind text not null check (kind in ('workday', 'holiday')),
  name text,
  updated_at timestamptz not null default now()
);

-- Per-day case number sequence (12319-20261121-0001).
create table case_number_seq (
  prefix text not null,
  day date not null,
  last integer not null,
  primary key (prefix, day)
);

create table case_incidents (
  id uuid primary key,
  title text not null,
  kind text not null,
  district_code text,
  street_code text,
  category_prefixes text[] not null default '{}',
  starts_at timestamptz not null,
  ends_at timestamptz,
  notice text not null default '',
  status text not null default 'open' check (status in ('open', 'resolved')),
  created_at timestamptz not null default now()
);

create table cases (
  id uuid primary key,
  number text not null unique,
  status text not null,
  channel text not null,
  type text not null,
  category_code text not null,
  urgency text not null,
  caller_name text,
  caller_phone text,
  confidential boolean not null default false,
  district_code text,
  street_code text,
  address text not null default '',
  lat double precision,
  lng double precision,
  description text not null,
  round integer not null default 1,
  parent_case_id uuid references cases(id),
  incident_id uuid references case_incidents(id),
  open311_token text unique,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  closed_at timestamptz,
  version integer not null,
  state jsonb not null
);
create index cases_created_idx on cases(created_at);
create index cases_status_idx on cases(status, updated_at desc);
create index cases_caller_phone_idx on cases(caller_phone, created_at desc);
create index cases_category_created_idx on cases(category_code, created_at);
create index cases_parent_idx on cases(parent_case_id) where parent_case_id is not null;
create index cases_incident_idx on cases(incident_id) where incident_id is not null;

create table case_events (
  id bigserial primary key,
  case_id uuid not null references cases(id),
  seq integer not null,
  type text not null,
  data jsonb not null,
  actor_id uuid,
  actor_name text,
  at timestamptz not null,
  unique (case_id, seq)
);

create function case_events_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'case_events is append-only';
end $$;
create trigger case_events_no_update before update or delete on case_events
  for each row execute function case_events_immutable();

-- One row per department assignment (a reopen adds a new one). Queues and 签收/办结/退单 metrics.
create table case_parties (
  id uuid primary key,
  case_id uuid not null references cases(id),
  department_id uuid not null references departments(id),
  role text not null check (role in ('lead', 'co')),
  status text not null,
  parent_party_id uuid references case_parties(id),
  round integer not null,
  fallback boolean not null default false,
  category_code text not null,
  region_code text,
  dispatched_at timestamptz not null,
  sign_clock_start timestamptz not null,
  sign_deadline timestamptz not null,
  sign_warn_at timestamptz not null,
  signed_at timestamptz,
  finish_deadline timestamptz not null,
  finish_warn_at timestamptz not null,
  return_count integer not null default 0,
  replied_at timestamptz,
  accepted_at timestamptz,
  finished_on_time boolean,
  withdrawn_at timestamptz,
  updated_at timestamptz not null
);
-- Department queues: to sign / in progress / returned ordered by deadline.
create index case_parties_queue_idx on case_parties(department_id, status, finish_deadline);
create index case_parties_case_idx on case_parties(case_id);
-- Metrics by dispatch period.
create index case_parties_dispatched_idx on case_parties(dispatched_at);

-- One row per handling round whose replies were all accepted: callback metrics.
create table case_rounds (
  case_id uuid not null references cases(id),
  round integer not null,
  department_id uuid not null references departments(id),
  category_code text not null,
  region_code text,
  reviewed_at timestamptz not null,
  reached boolean not null,
  resolved boolean,
  satisfaction text,
  primary key (case_id, round)
);
create index case_rounds_reviewed_idx on case_rounds(reviewed_at);

-- In-app deadline warnings and breaches (SMS/email later, via channels).
create table case_notifications (
  id bigserial primary key,
  department_id uuid references departments(id),
  case_id uuid not null references cases(id),
  party_id uuid not null,
  clock text not null,
  level text not null,
  due_at timestamptz not null,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  unique (party_id, clock, level, due_at)
);
create index case_notifications_dept_idx on case_notifications(department_id, created_at desc);

-- Open311 GeoReport v2 API keys (POST requests); only the sha256 is stored.
create table open311_clients (
  id uuid primary key,
  name text not null,
  key_hash text not null unique,
  active boolean not null default true,
  created_at timestamptz not null default now()
);
