-- Files attached to work orders (工单附件). An upload is stored on disk under the data directory,
-- content-addressed by its SHA-256 (files/ab/abcdef…), and gets a row here. `case_id` stays null
-- until a register or reply command attaches the file; that command binds it in its own
-- transaction, and a bound file never moves to another case.
create table case_files (
  id uuid primary key,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint not null check (size > 0),
  content_type text not null,
  name text not null check (length(name) between 1 and 200),
  storage_key text not null,
  uploaded_by uuid not null references users(id),
  uploaded_at timestamptz not null default now(),
  case_id uuid references cases(id),
  bound_at timestamptz,
  check ((case_id is null) = (bound_at is null))
);
create index case_files_case_idx on case_files (case_id) where case_id is not null;
create index case_files_unbound_idx on case_files (uploaded_by, uploaded_at) where case_id is null;
