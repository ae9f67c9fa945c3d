import { ErrorCode, HotlineError, transition } from '@hotline/core';
import type { CaseEvent, NewParty } from './case-events.ts';
import {
  CASE_TRANSITIONS,
  type CaseState,
  type CaseStatus,
  PARTY_TRANSITIONS,
  type Party,
  type PartyStatus,
} from './case-model.ts';
import { type ClockRules, deadlineFrom, extendDeadline } from './time-limit.ts';
import type { WorkingCalendar } from './working-calendar.ts';

/** What folding needs besides the events: the calendar and clock rules deadlines are computed with. */
export interface ClockContext {
  calendar: WorkingCalendar;
  rules: ClockRules;
}

function newParty(p: NewParty, at: number, round: number, parentPartyId: string | null, dueCap: number | null): Party {
  return {
    id: p.partyId,
    departmentId: p.departmentId,
    role: p.role,
    status: 'to_sign',
    parentPartyId,
    round,
    fallback: p.fallback,
    dispatchedAt: at,
    signClockStart: at,
    signDeadline: at,
    signedAt: null,
    finishDeadline: at,
    dueCap,
    returnCount: 0,
    lastReturn: null,
    repliedAt: null,
    reply: null,
    acceptedAt: null,
    finishedOnTime: null,
    withdrawnAt: null,
  };
}

function party(s: CaseState, id: string): Party {
  const p = s.parties.find((x) => x.id === id);
  if (!p) throw new HotlineError(ErrorCode.Internal, `case ${s.number}: event names unknown party ${id}`);
  return p;
}

function move(p: Party, to: PartyStatus): void {
  p.status = transition(PARTY_TRANSITIONS, p.status, to, `party ${p.id}`);
}

/**
 * Deadlines are never stored as facts: they are recomputed from the parties' clock starts, the
 * case's time limit, approved extensions and the parent chain every time an event is folded.
 */
export function recomputeClocks(s: CaseState, ctx: ClockContext): void {
  const { calendar, rules } = ctx;
  const byId = new Map(s.parties.map((p) => [p.id, p]));
  const done = new Set<string>();
  const compute = (p: Party): void => {
    if (done.has(p.id)) return;
    done.add(p.id);
    const parent = p.parentPartyId ? byId.get(p.parentPartyId) : undefined;
    if (parent) {
      compute(parent);
      const cap = Math.min(p.dueCap ?? parent.finishDeadline, parent.finishDeadline);
      p.finishDeadline = cap;
      p.signDeadline = Math.min(deadlineFrom(calendar, p.signClockStart, s.timeLimit.sign, rules), cap);
      return;
    }
    p.signDeadline = deadlineFrom(calendar, p.signClockStart, s.timeLimit.sign, rules);
    let finish = deadlineFrom(calendar, p.dispatchedAt, s.timeLimit.finish, rules);
    for (const x of s.extensions) {
      if (x.partyId === p.id && x.status === 'approved') finish = extendDeadline(calendar, finish, x.extra);
    }
    p.finishDeadline = finish;
  };
  for (const p of s.parties) compute(p);
}

const ACTIVE: readonly PartyStatus[] = ['to_sign', 'returned', 'in_progress', 'delegated', 'replied'];

/** The case status implied by its parties (see the diagram on `CaseStatus`). */
export function summarizeStatus(s: CaseState): CaseStatus {
  if (s.closedAt !== null) return 'closed';
  if (s.directAnswer !== null) return 'answered_directly';
  const top = s.parties.filter((p) => p.parentPartyId === null && p.status !== 'withdrawn');
  if (top.length === 0) return s.parties.length === 0 ? 'registered' : 'returned';
  if (top.some((p) => p.status === 'returned')) return 'returned';
  if (s.extensions.some((x) => x.status === 'pending' && top.some((p) => p.id === x.partyId))) {
    return 'extension_requested';
  }
  const current = top.filter((p) => ACTIVE.includes(p.status));
  if (current.length > 0 && current.every((p) => p.status === 'to_sign')) {
    return s.round > 1 ? 'reopened' : 'dispatched';
  }
  if (current.some((p) => p.status !== 'replied')) return 'in_progress';
  if (current.length > 0) return 'replied';
  return s.callbacks.some((c) => c.round === s.round) ? 'callback' : 'reviewed';
}

function applyEvent(s: CaseState, e: CaseEvent): void {
  switch (e.type) {
    case 'registered':
      throw new HotlineError(ErrorCode.Internal, `case ${s.number}: registered twice`);
    case 'answered_directly':
      s.directAnswer = e.answer;
      return;
    case 'dispatched':
      for (const p of e.parties) s.parties.push(newParty(p, e.at, s.round, null, null));
      return;
    case 'signed': {
      const p = party(s, e.partyId);
      move(p, 'in_progress');
      p.signedAt = e.at;
      return;
    }
    case 'returned': {
      const p = party(s, e.partyId);
      move(p, 'returned');
      p.returnCount++;
      p.lastReturn = { reason: e.reason, note: e.note, at: e.at };
      return;
    }
    case 'return_arbitrated': {
      const p = party(s, e.partyId);
      if (e.decision === 'reject') {
        move(p, 'to_sign');
        p.signClockStart = e.at;
        return;
      }
      move(p, 'withdrawn');
      p.withdrawnAt = e.at;
      const parent = p.parentPartyId ? party(s, p.parentPartyId) : null;
      if (e.newParty) s.parties.push(newParty(e.newParty, e.at, p.round, p.parentPartyId, p.dueCap));
      else if (parent) move(parent, 'in_progress');
      return;
    }
    case 'redispatched_down': {
      const from = party(s, e.fromPartyId);
      move(from, 'delegated');
      const child = newParty(
        { partyId: e.partyId, departmentId: e.departmentId, role: from.role, fallback: false },
        e.at,
        from.round,
        from.id,
        e.dueAt,
      );
      s.parties.push(child);
      return;
    }
    case 'extension_requested':
      s.extensions.push({
        id: e.requestId,
        partyId: e.partyId,
        extra: e.extra,
        reason: e.reason,
        requestedAt: e.at,
        status: 'pending',
        decidedAt: null,
        note: null,
      });
      return;
    case 'extension_decided': {
      const x = s.extensions.find((r) => r.id === e.requestId);
      if (!x) throw new HotlineError(ErrorCode.Internal, `case ${s.number}: unknown extension ${e.requestId}`);
      x.status = e.approved ? 'approved' : 'refused';
      x.decidedAt = e.at;
      x.note = e.note;
      return;
    }
    case 'replied': {
      const p = party(s, e.partyId);
      move(p, 'replied');
      p.repliedAt = e.at;
      p.reply = { content: e.content, attachments: e.attachments };
      return;
    }
    case 'reply_reviewed': {
      const p = party(s, e.partyId);
      if (!e.accepted) {
        move(p, 'in_progress');
        return;
      }
      move(p, 'done');
      p.acceptedAt = e.at;
      p.finishedOnTime = p.repliedAt !== null && p.repliedAt <= p.finishDeadline;
      if (p.parentPartyId) {
        const parent = party(s, p.parentPartyId);
        if (parent.status === 'delegated') move(parent, 'in_progress');
      }
      return;
    }
    case 'urged':
    case 'supervised':
      s.notices.push({
        kind: e.type === 'urged' ? 'urge' : 'supervise',
        at: e.at,
        actorId: e.actorId,
        partyId: e.partyId,
        text: e.note,
      });
      return;
    case 'instructed':
      s.notices.push({ kind: 'instruction', at: e.at, actorId: e.actorId, partyId: null, text: e.text });
      return;
    case 'callback_recorded':
      s.callbacks.push({
        at: e.at,
        round: s.round,
        reached: e.reached,
        resolved: e.resolved,
        satisfaction: e.satisfaction,
        note: e.note,
      });
      return;
    case 'reopened': {
      const charged = party(s, e.chargedPartyId);
      s.round++;
      s.parties.push(
        newParty(
          { partyId: e.partyId, departmentId: e.departmentId, role: charged.role, fallback: false },
          e.at,
          s.round,
          null,
          null,
        ),
      );
      return;
    }
    case 'closed':
      s.closedAt = e.at;
      s.closeReason = e.reason;
      for (const p of s.parties) {
        if (ACTIVE.includes(p.status)) {
          p.status = 'withdrawn';
          p.withdrawnAt = e.at;
        }
      }
      return;
    case 'duplicate_linked':
      s.parentCaseId = e.parentCaseId;
      return;
    case 'incident_linked':
      s.incidentId = e.incidentId;
      return;
    case 'linked':
      s.links.push({ kind: e.kind, ref: e.ref });
      return;
  }
}

function cloneState(s: CaseState): CaseState {
  return structuredClone(s);
}

/** Folds one event into a state (a new object; the input is untouched). */
export function evolve(state: CaseState | null, e: CaseEvent, ctx: ClockContext): CaseState {
  if (state === null) {
    if (e.type !== 'registered')
      throw new HotlineError(ErrorCode.Internal, `first event must be registered, got ${e.type}`);
    const s: CaseState = {
      id: e.caseId,
      number: e.number,
      status: 'registered',
      intake: structuredClone(e.intake),
      timeLimit: structuredClone(e.timeLimit),
      createdAt: e.at,
      updatedAt: e.at,
      version: 1,
      round: 1,
      parties: [],
      extensions: [],
      callbacks: [],
      notices: [],
      directAnswer: null,
      parentCaseId: null,
      incidentId: null,
      links: [],
      closedAt: null,
      closeReason: null,
    };
    return s;
  }
  const s = cloneState(state);
  applyEvent(s, e);
  recomputeClocks(s, ctx);
  const next = summarizeStatus(s);
  if (next !== s.status) s.status = transition(CASE_TRANSITIONS, s.status, next, `case ${s.number}`);
  s.updatedAt = e.at;
  s.version++;
  return s;
}

/** Rebuilds a case from its whole log. */
export function replay(events: readonly CaseEvent[], ctx: ClockContext): CaseState {
  let s: CaseState | null = null;
  for (const e of events) s = evolve(s, e, ctx);
  if (!s) throw new HotlineError(ErrorCode.Internal, 'empty case log');
  return s;
}
