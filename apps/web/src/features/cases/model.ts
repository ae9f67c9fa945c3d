/**
 * The work-order JSON as the API returns it (`@hotline/cases` CaseState through viewFor), typed for
 * the pages. Only the fields the screens read.
 */
export type Duration = { unit: 'hours' | 'working_days' | 'days'; amount: number };
export type TimeLimit = { sign: Duration; finish: Duration };
export type Urgency = 'normal' | 'urgent' | 'critical';

/** An uploaded file (`fileId`, with its size and type) or an external link (`url`). */
export interface Attachment {
  kind: 'file' | 'recording' | 'image';
  name: string;
  fileId?: string;
  size?: number;
  contentType?: string;
  url?: string;
}

export interface Party {
  id: string;
  departmentId: string;
  role: 'lead' | 'co';
  status: 'to_sign' | 'returned' | 'in_progress' | 'delegated' | 'replied' | 'done' | 'withdrawn';
  parentPartyId: string | null;
  round: number;
  fallback: boolean;
  dispatchedAt: number;
  signDeadline: number;
  signedAt: number | null;
  finishDeadline: number;
  returnCount: number;
  lastReturn: { reason: string; note: string; at: number } | null;
  repliedAt: number | null;
  reply: { content: string; attachments?: Attachment[] } | null;
  acceptedAt: number | null;
  finishedOnTime: boolean | null;
}

export interface CaseView {
  id: string;
  number: string;
  status: string;
  intake: {
    channel: string;
    type: string;
    categoryCode: string;
    urgency: Urgency;
    caller: { name: string | null; phone: string | null; confidential: boolean };
    address: { text: string; districtCode: string | null; streetCode: string | null; community: string | null };
    description: string;
    expectation: string | null;
    attachments: Attachment[];
  };
  timeLimit: TimeLimit;
  createdAt: number;
  round: number;
  parties: Party[];
  extensions: {
    id: string;
    partyId: string;
    extra: Duration;
    reason: string;
    status: 'pending' | 'approved' | 'refused';
  }[];
  callbacks: {
    at: number;
    round: number;
    reached: boolean;
    resolved: boolean | null;
    satisfaction: string | null;
    note: string;
  }[];
  directAnswer: string | null;
  parentCaseId: string | null;
  incidentId: string | null;
  links: { kind: 'call' | 'message' | 'recording'; ref: string }[];
  closedAt: number | null;
  closeReason: string | null;
}

export interface CaseEvent {
  type: string;
  at: number;
  actorName: string;
  [k: string]: unknown;
}

export interface QueueItem {
  caseId: string;
  number: string;
  caseStatus: string;
  categoryCode: string;
  urgency: Urgency;
  description: string;
  createdAt: number;
  partyId: string | null;
  partyStatus: string | null;
  role: string | null;
  signDeadline: number | null;
  finishDeadline: number | null;
  departments?: { name: string; role: string; status: string }[];
}

export interface Category {
  code: string;
  parentCode: string | null;
  name: string;
  nameEn: string | null;
  timeLimits: Partial<Record<Urgency, TimeLimit>>;
  active: boolean;
}

export interface Department {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  kind: 'center' | 'city' | 'district' | 'street' | 'unit';
  regionCode: string | null;
  active: boolean;
}

export interface Catalog {
  categories: Category[];
  departments: Department[];
  calendarYears: number[];
  defaultLimits: Record<Urgency, TimeLimit>;
}

export const CASE_TYPES = ['complaint', 'consultation', 'report', 'repair', 'suggestion', 'help', 'praise'] as const;
export const CHANNELS = ['phone', 'web', 'wechat', 'sms', 'email', 'walkin', 'inspector', 'open311'] as const;
export const URGENCIES: Urgency[] = ['normal', 'urgent', 'critical'];
export const RETURN_REASONS = [
  'not_our_duty',
  'not_our_area',
  'info_incomplete',
  'duplicate',
  'legal_process',
  'other',
] as const;
export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
/** Unreached attempts after which "unreachable" may close a case (MIN_CALLBACK_ATTEMPTS in @hotline/cases). */
export const MIN_CALLBACK_ATTEMPTS = 3;

/** Party states whose clocks still run. */
export const OPEN_PARTY: Party['status'][] = ['to_sign', 'in_progress', 'delegated', 'returned', 'replied'];

export type ClockLevel = 'ok' | 'due_soon' | 'overdue' | 'stopped';
/** Warning share of a clock's span (DEFAULT_CLOCK_RULES.warnShare). */
export const WARN_SHARE = 0.8;

export function clockLevel(start: number, deadline: number, now: number): ClockLevel {
  if (now > deadline) return 'overdue';
  if (now >= start + (deadline - start) * WARN_SHARE) return 'due_soon';
  return 'ok';
}

const HOUR = 3_600_000;
/** Remaining (or overrun) time as days/hours/minutes parts. */
export function span(ms: number): { d: number; h: number; m: number } {
  const a = Math.abs(ms);
  return {
    d: Math.floor(a / (24 * HOUR)),
    h: Math.floor((a % (24 * HOUR)) / HOUR),
    m: Math.floor((a % HOUR) / 60_000),
  };
}

/**
 * yyyy-MM-dd HH:mm in China time, whatever the browser's zone. Day-based deadlines end at 24:00
 * local, so an instant at exactly midnight is shown as 24:00 of the day before (as on a notice).
 */
export function fmtTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  const local = ms + 8 * HOUR;
  const midnight = local % (24 * HOUR) === 0;
  const d = new Date(midnight ? local - 1 : local);
  const p = (n: number) => String(n).padStart(2, '0');
  const hm = midnight ? '24:00' : `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${hm}`;
}

/** A district/street department's name as a place name: 东城区人民政府 → 东城区. */
export { placeName } from '../../shared/case-catalog.ts';

export const URGENCY_COLOR: Record<Urgency, string> = { normal: 'default', urgent: 'orange', critical: 'red' };
