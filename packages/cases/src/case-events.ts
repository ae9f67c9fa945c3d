import type { Attachment, CaseIntake, CloseReason, PartyRole, ReturnReason, Satisfaction } from './case-model.ts';
import type { Duration, TimeLimit } from './time-limit.ts';

/** 仲裁: the center's (or, for a re-dispatched child, the parent department's) ruling on a return. */
export type ArbitrationDecision = 'reject' | 'redispatch' | 'fallback' | 'take_back';

export interface NewParty {
  partyId: string;
  departmentId: string;
  role: PartyRole;
  fallback: boolean;
}

export type CaseEventBody =
  | { type: 'registered'; caseId: string; number: string; intake: CaseIntake; timeLimit: TimeLimit }
  | { type: 'answered_directly'; answer: string }
  | { type: 'dispatched'; parties: NewParty[]; note: string }
  | { type: 'signed'; partyId: string }
  | { type: 'returned'; partyId: string; reason: ReturnReason; note: string }
  | {
      type: 'return_arbitrated';
      partyId: string;
      decision: ArbitrationDecision;
      newParty: NewParty | null;
      note: string;
    }
  | {
      type: 'redispatched_down';
      fromPartyId: string;
      partyId: string;
      departmentId: string;
      dueAt: number | null;
      note: string;
    }
  | { type: 'extension_requested'; requestId: string; partyId: string; extra: Duration; reason: string }
  | { type: 'extension_decided'; requestId: string; approved: boolean; note: string }
  | { type: 'replied'; partyId: string; content: string; attachments: Attachment[] }
  | { type: 'reply_reviewed'; partyId: string; accepted: boolean; note: string }
  | { type: 'urged'; partyId: string | null; note: string }
  | { type: 'supervised'; partyId: string | null; note: string }
  | { type: 'instructed'; text: string }
  | {
      type: 'callback_recorded';
      reached: boolean;
      resolved: boolean | null;
      satisfaction: Satisfaction | null;
      note: string;
    }
  | { type: 'reopened'; chargedPartyId: string; partyId: string; departmentId: string; reason: string }
  | { type: 'closed'; reason: CloseReason; note: string }
  | { type: 'duplicate_linked'; parentCaseId: string }
  | { type: 'incident_linked'; incidentId: string | null }
  | { type: 'linked'; kind: 'call' | 'message' | 'recording'; ref: string };

/** One entry of a case's event log (case_events). State is a fold of these; so are deadlines and metrics. */
export type CaseEvent = CaseEventBody & { at: number; actorId: string; actorName: string };

export type CaseEventType = CaseEvent['type'];
