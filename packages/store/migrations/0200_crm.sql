-- CRM: customers (people and organisations), their phones (normalised key for the screen pop),
-- accounts with an editor-defined schema and their history, the contact timeline, and the
-- black/white/VIP lists used by the ACD.
create table crm_customers (
  id uuid primary key,
  kind text not null check (kind in ('person', 'organization')),
  name text not null,
  id_number text,
  address text,
  email text,
  notes text,
  attributes jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index crm_customers_name_trgm on crm_customers using gin (name public.gin_trgm_ops);
create index crm_customers_id_number on crm_customers (id_number) where id_number is not null;

create table crm_phones (
  customer_id uuid not null references crm_customers(id) on delete cascade,
  phone_key text not null,
  raw text not null,
  label text,
  region text,
  primary key (customer_id, phone_key)
);
create index crm_phones_key on crm_phones (phone_key);

create table crm_account_schemas (
  id text primary key,
  name text not null,
  fields jsonb not null,
  updated_at timestamptz not null default now()
);

create table crm_accounts (
  id uuid primary key,
  customer_id uuid not null references crm_customers(id) on delete cascade,
  schema_id text not null references crm_account_schemas(id),
  account_number text not null,
  data jsonb not null default '{}',
  status text not null default 'active' check (status in ('active', 'closed')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (schema_id, account_number)
);
create index crm_accounts_number on crm_accounts (account_number);
create index crm_accounts_customer on crm_accounts (customer_id);

create table crm_account_history (
  id bigserial primary key,
  account_id uuid not null references crm_accounts(id) on delete cascade,
  at timestamptz not null default now(),
  actor_id uuid,
  before jsonb,
  after jsonb not null,
  reason text
);
create index crm_account_history_account on crm_account_history (account_id, at desc);

create table crm_contacts (
  id bigserial primary key,
  customer_id uuid references crm_customers(id) on delete set null,
  phone_key text,
  channel text not null check (channel in ('call', 'case', 'sms', 'email', 'chat', 'wechat', 'visit')),
  direction text not null check (direction in ('in', 'out', 'internal')),
  ref_type text,
  ref_id text,
  summary text not null default '',
  at timestamptz not null default now(),
  actor_id uuid,
  data jsonb not null default '{}'
);
create index crm_contacts_customer on crm_contacts (customer_id, at desc);
create index crm_contacts_phone on crm_contacts (phone_key, at desc);

create table crm_list_entries (
  id uuid primary key,
  list text not null check (list in ('black', 'white', 'vip')),
  phone_key text not null,
  customer_id uuid references crm_customers(id) on delete set null,
  reason text not null,
  action text check (action in ('reject', 'hangup', 'warn', 'priority', 'direct')),
  priority integer not null default 0,
  expires_at timestamptz,
  created_by uuid,
  created_at timestamptz not null default now(),
  removed_at timestamptz,
  removed_by uuid,
  removed_reason text
);
create unique index crm_list_entries_active on crm_list_entries (list, phone_key) where removed_at is null;
create index crm_list_entries_phone on crm_list_entries (phone_key);
