import type { ArbitrationDecision } from './case-events.ts';
import type { AttachmentInput, CaseIntake, CloseReason, PartyRole, ReturnReason, Satisfaction } from './case-model.ts';
import type { Duration } from './time-limit.ts';

/** Everything a user (or the portal/Open311 intake) can ask a case to do. */
export type CaseCommand =
  | { type: 'register'; caseId: string; number: string; intake: CaseIntake }
  | { type: 'answer_directly'; answer: string }
  | { type: 'dispatch'; parties: { departmentId: string; role: PartyRole }[]; note?: string }
  | { type: 'sign'; partyId: string }
  | { type: 'return'; partyId: string; reason: ReturnReason; note: string }
  | { type: 'arbitrate'; partyId: string; decision: ArbitrationDecision; departmentId?: string; note?: string }
  | { type: 'redispatch_down'; partyId: string; departmentId: string; dueAt?: number; note?: string }
  | { type: 'request_extension'; partyId: string; extra: Duration; reason: string }
  | { type: 'decide_extension'; requestId: string; approve: boolean; note?: string }
  | { type: 'reply'; partyId: string; content: string; attachments?: AttachmentInput[] }
  | { type: 'review'; partyId: string; accept: boolean; note?: string }
  | { type: 'urge'; partyId?: string; note: string }
  | { type: 'supervise'; partyId?: string; note: string }
  | { type: 'instruct'; text: string }
  | { type: 'record_callback'; reached: boolean; resolved?: boolean; satisfaction?: Satisfaction; note?: string }
  | { type: 'reopen'; chargedPartyId: string; reason: string }
  | { type: 'close'; reason: CloseReason; note?: string }
  | { type: 'link_duplicate'; parentCaseId: string }
  | { type: 'link_incident'; incidentId: string | null }
  | { type: 'link'; kind: 'call' | 'message' | 'recording'; ref: string };

export type CaseCommandType = CaseCommand['type'];

export const MAX_TEXT = 4000;
