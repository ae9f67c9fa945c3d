import type { TransitionTable } from '@hotline/core';
import type { Duration, TimeLimit } from './time-limit.ts';

/** 诉求类型: what the caller wants. */
export const CaseType = {
  Consultation: 'consultation', // 咨询
  Complaint: 'complaint', // 投诉
  Report: 'report', // 举报
  Repair: 'repair', // 报修
  Suggestion: 'suggestion', // 建议
  Help: 'help', // 求助
  Praise: 'praise', // 表扬
} as const;
export type CaseType = (typeof CaseType)[keyof typeof CaseType];
export const CASE_TYPES: readonly CaseType[] = Object.values(CaseType);

export const Channel = {
  Phone: 'phone',
  Web: 'web',
  Open311: 'open311',
  Sms: 'sms',
  Email: 'email',
  Wechat: 'wechat',
  Walkin: 'walkin',
  Inspector: 'inspector',
} as const;
export type Channel = (typeof Channel)[keyof typeof Channel];
export const CHANNELS: readonly Channel[] = Object.values(Channel);

/** 紧急程度: drives the time limit together with the category. */
export const Urgency = { Normal: 'normal', Urgent: 'urgent', Critical: 'critical' } as const;
export type Urgency = (typeof Urgency)[keyof typeof Urgency];
export const URGENCIES: readonly Urgency[] = Object.values(Urgency);

/**
 * Case status (ARCHITECTURE §5), a summary of the parties' states:
 *
 *   registered ─┬─> answered_directly ──> closed
 *               └─> dispatched ─┬─> in_progress ⇄ extension_requested
 *                               └─> returned ──(arbitration)──> dispatched | in_progress
 *   in_progress ──> replied ──(review: accept)──> reviewed ──> callback ─┬─> closed
 *               <──(review: send back)──                                 └─> reopened ──> in_progress
 *
 * urge (催单), supervise (督办) and leader instruction (批示) are events, never states.
 */
export const CaseStatus = {
  Registered: 'registered',
  AnsweredDirectly: 'answered_directly',
  Dispatched: 'dispatched',
  Returned: 'returned',
  InProgress: 'in_progress',
  ExtensionRequested: 'extension_requested',
  Replied: 'replied',
  Reviewed: 'reviewed',
  Callback: 'callback',
  Reopened: 'reopened',
  Closed: 'closed',
} as const;
export type CaseStatus = (typeof CaseStatus)[keyof typeof CaseStatus];

const S = CaseStatus;
const WORKING = [S.Dispatched, S.Returned, S.InProgress, S.ExtensionRequested, S.Replied] as const;
/** Allowed case-status moves. Party-driven moves may skip a summary state (e.g. one party signs while another returns). */
export const CASE_TRANSITIONS: TransitionTable<CaseStatus> = {
  registered: [S.AnsweredDirectly, S.Dispatched, S.Closed],
  answered_directly: [S.Closed],
  dispatched: [...WORKING, S.Closed],
  returned: [...WORKING, S.Closed],
  in_progress: [...WORKING, S.Reviewed, S.Closed],
  extension_requested: [...WORKING, S.Reviewed, S.Closed],
  replied: [...WORKING, S.Reviewed, S.Closed],
  reviewed: [S.Callback, S.Reopened, S.Closed, S.Dispatched, S.InProgress],
  callback: [S.Reopened, S.Closed],
  reopened: [...WORKING, S.Closed],
  closed: [],
};

/** 主办 (lead) answers for the case; 协办 (co) departments help and reply separately. */
export const PartyRole = { Lead: 'lead', Co: 'co' } as const;
export type PartyRole = (typeof PartyRole)[keyof typeof PartyRole];

/**
 * One department's assignment on a case (one row per dispatch; a reopen creates a new one).
 *
 *   to_sign ─┬─ sign ──> in_progress ─┬─ reply ──> replied ─┬─ accept ──> done ── (reopen: new party)
 *            └─ return ─> returned    ├─ re-dispatch down ─> delegated ─(child done / taken back)─> in_progress
 *   returned ─ reject ──> to_sign     └─ (send back) <──────┘
 *   returned ─ redispatch | fallback | take back ──> withdrawn
 */
export const PartyStatus = {
  ToSign: 'to_sign',
  Returned: 'returned',
  InProgress: 'in_progress',
  Delegated: 'delegated',
  Replied: 'replied',
  Done: 'done',
  Withdrawn: 'withdrawn',
} as const;
export type PartyStatus = (typeof PartyStatus)[keyof typeof PartyStatus];

const P = PartyStatus;
export const PARTY_TRANSITIONS: TransitionTable<PartyStatus> = {
  to_sign: [P.InProgress, P.Returned, P.Withdrawn],
  returned: [P.ToSign, P.Withdrawn],
  in_progress: [P.Replied, P.Delegated, P.Withdrawn],
  delegated: [P.InProgress, P.Withdrawn],
  replied: [P.Done, P.InProgress, P.Withdrawn],
  done: [],
  withdrawn: [],
};

/** 退单原因: coded reasons for a return. */
export const ReturnReason = {
  NotOurDuty: 'not_our_duty', // 非本单位职责
  NotOurArea: 'not_our_area', // 非本辖区
  InfoIncomplete: 'info_incomplete', // 信息不全无法办理
  Duplicate: 'duplicate', // 重复件
  LegalProcess: 'legal_process', // 应通过司法/行政复议等途径解决
  Other: 'other',
} as const;
export type ReturnReason = (typeof ReturnReason)[keyof typeof ReturnReason];
export const RETURN_REASONS: readonly ReturnReason[] = Object.values(ReturnReason);

/** 回访满意度. */
export const Satisfaction = {
  Satisfied: 'satisfied', // 满意
  BasicallySatisfied: 'basically_satisfied', // 基本满意
  Dissatisfied: 'dissatisfied', // 不满意
} as const;
export type Satisfaction = (typeof Satisfaction)[keyof typeof Satisfaction];
export const SATISFACTIONS: readonly Satisfaction[] = Object.values(Satisfaction);

export interface Address {
  text: string;
  districtCode: string | null;
  streetCode: string | null;
  community: string | null;
  lat: number | null;
  lng: number | null;
}

export interface Caller {
  name: string | null;
  phone: string | null;
  /** 保密: the number is masked for department users. */
  confidential: boolean;
}

/**
 * 附件: an uploaded file bound to the case (`fileId`, with the upload's size and type), or an
 * external link (`url`, e.g. an Open311 `media_url`). Events written before uploads existed carry
 * only `url`.
 */
export interface Attachment {
  kind: 'file' | 'recording' | 'image';
  name: string;
  fileId?: string;
  size?: number;
  contentType?: string;
  url?: string;
}

/** What a command may carry: a reference to an upload (resolved by the repository) or a link. */
export type AttachmentInput = { fileId: string } | Attachment;

export interface CaseIntake {
  channel: Channel;
  type: CaseType;
  categoryCode: string;
  urgency: Urgency;
  caller: Caller;
  address: Address;
  description: string;
  expectation: string | null;
  attachments: Attachment[];
}

export interface Party {
  id: string;
  departmentId: string;
  role: PartyRole;
  status: PartyStatus;
  /** The party this one was re-dispatched from (city → district → street), or null. */
  parentPartyId: string | null;
  /** Round of handling: 1, or 2+ after a reopen (重办). */
  round: number;
  fallback: boolean;
  dispatchedAt: number;
  /** Start of the current sign clock (dispatch, or a rejected return). */
  signClockStart: number;
  signDeadline: number;
  signedAt: number | null;
  finishDeadline: number;
  /** Limit set by the parent when re-dispatching down (≤ the parent's deadline), else null. */
  dueCap: number | null;
  returnCount: number;
  lastReturn: { reason: ReturnReason; note: string; at: number } | null;
  repliedAt: number | null;
  reply: { content: string; attachments: Attachment[] } | null;
  acceptedAt: number | null;
  /** The finished reply's submission time ≤ finish deadline (set when the reply is accepted). */
  finishedOnTime: boolean | null;
  withdrawnAt: number | null;
}

export interface ExtensionRequest {
  id: string;
  partyId: string;
  extra: Duration;
  reason: string;
  requestedAt: number;
  status: 'pending' | 'approved' | 'refused';
  decidedAt: number | null;
  note: string | null;
}

export interface CallbackAttempt {
  at: number;
  round: number;
  reached: boolean;
  resolved: boolean | null;
  satisfaction: Satisfaction | null;
  note: string;
}

export interface CaseNotice {
  kind: 'urge' | 'supervise' | 'instruction';
  at: number;
  actorId: string;
  partyId: string | null;
  text: string;
}

export interface CaseState {
  id: string;
  number: string;
  status: CaseStatus;
  intake: CaseIntake;
  timeLimit: TimeLimit;
  createdAt: number;
  updatedAt: number;
  /** Number of events folded into this state (optimistic concurrency). */
  version: number;
  round: number;
  parties: Party[];
  extensions: ExtensionRequest[];
  callbacks: CallbackAttempt[];
  notices: CaseNotice[];
  directAnswer: string | null;
  parentCaseId: string | null;
  incidentId: string | null;
  links: { kind: 'call' | 'message' | 'recording'; ref: string }[];
  closedAt: number | null;
  closeReason: CloseReason | null;
}

export const CloseReason = {
  Satisfied: 'satisfied',
  Answered: 'answered',
  Unreachable: 'unreachable',
  Duplicate: 'duplicate',
  Withdrawn: 'withdrawn',
  Finished: 'finished',
} as const;
export type CloseReason = (typeof CloseReason)[keyof typeof CloseReason];
export const CLOSE_REASONS: readonly CloseReason[] = Object.values(CloseReason);
