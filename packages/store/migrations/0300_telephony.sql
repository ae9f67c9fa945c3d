-- Telephony (issue 5): the switch's configuration as control keeps it (pushed to the switch over
-- call-control and cached there), and what the switch reports: CDRs per leg, recordings, alerts.
-- Every reported row is keyed by the switch's event id or leg id, so a replayed event after a
-- control crash is stored once.
create table sip_extensions (
  extension text primary key,
  password text not null,
  display_name text not null default '',
  permission text not null default 'internal'
    check (permission in ('internal', 'local', 'national', 'international')),
  user_id uuid references users(id) on delete set null,
  created_at timestamptz not null default now()
);

create table sip_trunks (
  id text primary key,
  name text not null default '',
  host text not null,
  port integer not null default 5060,
  transport text not null default 'udp' check (transport in ('udp', 'tcp')),
  allow_from text[] not null default '{}',
  inbound_user text,
  inbound_password text,
  username text,
  password text,
  caller_id text not null default '',
  area_code text not null default '',
  max_calls integer not null default 30,
  created_at timestamptz not null default now()
);

create table sip_dids (
  did text primary key,
  target jsonb not null,
  record boolean not null default true,
  created_at timestamptz not null default now()
);

create table sip_outbound_routes (
  id serial primary key,
  pattern text not null,
  trunk_id text not null references sip_trunks(id) on delete cascade,
  position integer not null default 0
);

create table call_cdrs (
  leg_id text primary key,
  event_id text not null unique,
  switch_id text not null,
  call_id text not null,
  direction text not null check (direction in ('inbound', 'outbound')),
  caller text not null,
  callee text not null,
  trunk_id text,
  extension text,
  started_at timestamptz not null,
  answered_at timestamptz,
  ended_at timestamptz not null,
  sip_status integer not null,
  q850_cause integer not null,
  cause_text text not null,
  hangup_by text not null,
  bridge_ids text[] not null default '{}',
  stored_at timestamptz not null default now()
);
create index call_cdrs_started on call_cdrs (started_at desc);
create index call_cdrs_caller on call_cdrs (caller);
create index call_cdrs_callee on call_cdrs (callee);

create table call_recordings (
  id text primary key,
  event_id text not null unique,
  switch_id text not null,
  bridge_id text,
  leg_ids text[] not null,
  path text not null,
  duration_ms integer not null,
  bytes bigint not null,
  sha256 text not null,
  started_at timestamptz not null,
  stored_at timestamptz not null default now()
);
create index call_recordings_started on call_recordings (started_at desc);

create table telephony_alerts (
  event_id text primary key,
  switch_id text not null,
  kind text not null,
  source text not null,
  detail text not null,
  at timestamptz not null
);
create index telephony_alerts_at on telephony_alerts (at desc);
