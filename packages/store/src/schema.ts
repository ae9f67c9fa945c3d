import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface DepartmentsTable {
  id: string;
  parent_id: string | null;
  code: string;
  name: string;
  name_en: string | null;
  kind: 'center' | 'city' | 'district' | 'street' | 'unit';
  region_code: string | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  department_id: string | null;
  locale: Generated<string>;
  active: Generated<boolean>;
  must_change_password: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_start: Timestamp;
  locked_until: Timestamp | null;
}

export interface EventsTable {
  id: Generated<string>;
  stream: string;
  stream_id: string;
  type: string;
  data: Json;
  actor_id: string | null;
  at: Generated<Date>;
  published_at: Date | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Generated<Date>;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  before: Json | null;
  after: Json | null;
  details: Json | null;
}

export interface SettingsTable {
  key: string;
  value: Json;
  updated_at: Generated<Date>;
}

export interface ProbeWritesTable {
  id: string | number;
  payload: string;
  at: Generated<Date>;
}

/** The foundation tables. Domain packages add theirs with `db.withTables<T>()`. */
export interface Database {
  departments: DepartmentsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_throttle: LoginThrottleTable;
  events: EventsTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  probe_writes: ProbeWritesTable;
}
