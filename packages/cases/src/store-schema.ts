/** Kysely types of the cases tables (migration 0100_cases.sql). */
export type CaseCategoriesTable = {
  code: string;
  parent_code: string | null;
  name: string;
  name_en: string | null;
  keywords: string[];
  time_limits: unknown;
  active: boolean;
  sort: number;
};

export type CaseCalendarOverridesTable = {
  date: string;
  kind: 'workday' | 'holiday';
  name: string | null;
};

export type CaseNumberSeqTable = {
  prefix: string;
  day: string;
  last: number;
};

export type CaseIncidentsTable = {
  id: string;
  title: string;
  kind: string;
  district_code: string | null;
  street_code: string | null;
  category_prefixes: string[];
  starts_at: Date;
  ends_at: Date | null;
  notice: string;
  status: 'open' | 'resolved';
};

export type CasesRowTable = {
  id: string;
  number: string;
  status: string;
  channel: string;
  type: string;
  category_code: string;
  urgency: string;
  caller_name: string | null;
  caller_phone: string | null;
  confidential: boolean;
  district_code: string | null;
  street_code: string | null;
  address: string;
  lat: number | null;
  lng: number | null;
  description: string;
  round: number;
  parent_case_id: string | null;
  incident_id: string | null;
  open311_token: string | null;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  version: number;
  state: unknown;
};

export type CaseEventsTable = {
  id: string;
  case_id: string;
  seq: number;
  type: string;
  data: unknown;
  actor_id: string | null;
  actor_name: string | null;
  at: Date;
};

export type CasePartiesTable = {
  id: string;
  case_id: string;
  department_id: string;
  role: string;
  status: string;
  parent_party_id: string | null;
  round: number;
  fallback: boolean;
  category_code: string;
  region_code: string | null;
  dispatched_at: Date;
  sign_clock_start: Date;
  sign_deadline: Date;
  sign_warn_at: Date;
  signed_at: Date | null;
  finish_deadline: Date;
  finish_warn_at: Date;
  return_count: number;
  replied_at: Date | null;
  accepted_at: Date | null;
  finished_on_time: boolean | null;
  withdrawn_at: Date | null;
  updated_at: Date;
};

export type CaseRoundsTable = {
  case_id: string;
  round: number;
  department_id: string;
  category_code: string;
  region_code: string | null;
  reviewed_at: Date;
  reached: boolean;
  resolved: boolean | null;
  satisfaction: string | null;
};

export type CaseNotificationsTable = {
  /** bigserial: read as text, never inserted. */
  id: string;
  department_id: string | null;
  case_id: string;
  party_id: string;
  clock: string;
  level: string;
  due_at: Date;
  /** Migration 0102; null on rows written before it. */
  deadline: Date | null;
  created_at: Date;
  /** Unused: read marks are per recipient (case_notification_recipients). */
  read_at: Date | null;
};

/** Migration 0102: one row per user told of a notification, with its own read mark. */
export type CaseNotificationRecipientsTable = {
  user_id: string;
  notification_id: string;
  created_at: Date;
  read_at: Date | null;
};

export type CaseAlertWatermarksTable = {
  name: string;
  scanned_until: Date;
};

export type Open311ClientsTable = {
  id: string;
  name: string;
  key_hash: string;
  active: boolean;
};

/** Migration 0104: uploaded files; `case_id` is set once, by the command that attaches the file. */
export type CaseFilesTable = {
  id: string;
  sha256: string;
  size: number | string;
  content_type: string;
  name: string;
  storage_key: string;
  uploaded_by: string;
  uploaded_at: Date;
  case_id: string | null;
  bound_at: Date | null;
};

export type CasesTables = {
  case_categories: CaseCategoriesTable;
  case_calendar_overrides: CaseCalendarOverridesTable;
  case_number_seq: CaseNumberSeqTable;
  case_incidents: CaseIncidentsTable;
  cases: CasesRowTable;
  case_events: CaseEventsTable;
  case_parties: CasePartiesTable;
  case_rounds: CaseRoundsTable;
  case_notifications: CaseNotificationsTable;
  case_notification_recipients: CaseNotificationRecipientsTable;
  case_alert_watermarks: CaseAlertWatermarksTable;
  open311_clients: Open311ClientsTable;
  case_files: CaseFilesTable;
};
