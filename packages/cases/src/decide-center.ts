import { ErrorCode, HotlineError } from '@hotline/core';
import { type Actor, CENTER_LEADS, CENTER_ROLES, hasRole, type Role } from './actor.ts';
import { type CaseCommand, MAX_TEXT } from './case-commands.ts';
import type { NewParty } from './case-events.ts';
import { type CaseState, type CaseStatus, CLOSE_REASONS, type Party, SATISFACTIONS } from './case-model.ts';
import type { CommandContext, Decision } from './decide.ts';
import { fail } from './decide.ts';

/** Unreached callback attempts after which a case may be closed as unreachable. */
export const MIN_CALLBACK_ATTEMPTS = 3;

const DISPATCHABLE: readonly CaseStatus[] = ['registered', 'dispatched', 'returned', 'in_progress', 'reopened'];

function need(actor: Actor, roles: readonly Role[], what: string): HotlineError | null {
  return hasRole(actor, roles) ? null : fail(ErrorCode.Forbidden, `not allowed to ${what}`);
}

function findParty(s: CaseState, id: string): Party | HotlineError {
  return s.parties.find((p) => p.id === id) ?? fail(ErrorCode.NotFound, `party ${id} not on case ${s.number}`);
}

/** Who supervises a party: the parent department for a re-dispatched child, else the center. */
function supervisorCheck(s: CaseState, p: Party, actor: Actor, centerRoles: readonly Role[]): HotlineError | null {
  if (p.parentPartyId) {
    const parent = s.parties.find((x) => x.id === p.parentPartyId);
    const ok = hasRole(actor, ['department']) && actor.departmentId === parent?.departmentId;
    return ok ? null : fail(ErrorCode.Forbidden, 'only the parent department supervises a re-dispatched party');
  }
  return need(actor, centerRoles, 'supervise this party');
}

function text(v: unknown, field: string): HotlineError | null {
  if (typeof v !== 'string' || v.trim() === '') return fail(ErrorCode.ValidationFailed, `${field}: required`);
  return v.length > MAX_TEXT ? fail(ErrorCode.ValidationFailed, `${field}: longer than ${MAX_TEXT}`) : null;
}

function dispatchable(ctx: CommandContext, departmentId: string): HotlineError | null {
  const d = ctx.departments.get(departmentId);
  if (!d?.active || d.kind === 'center') {
    return fail(ErrorCode.ValidationFailed, `departmentId: unknown or not dispatchable (${departmentId})`);
  }
  return null;
}

const lastReached = (s: CaseState) => s.callbacks.filter((c) => c.round === s.round && c.reached).at(-1);

function decideArbitrate(
  s: CaseState,
  cmd: Extract<CaseCommand, { type: 'arbitrate' }>,
  actor: Actor,
  ctx: CommandContext,
): Decision {
  const p = findParty(s, cmd.partyId);
  if (p instanceof HotlineError) return p;
  const denied = supervisorCheck(s, p, actor, CENTER_LEADS);
  if (denied) return denied;
  if (p.status !== 'returned') return fail(ErrorCode.IllegalTransition, `party is ${p.status}, not returned`);
  const note = cmd.note ?? '';
  const parent = p.parentPartyId ? s.parties.find((x) => x.id === p.parentPartyId) : undefined;
  switch (cmd.decision) {
    case 'reject':
      return [{ type: 'return_arbitrated', partyId: p.id, decision: 'reject', newParty: null, note }];
    case 'take_back':
      if (!parent) return fail(ErrorCode.ValidationFailed, 'take_back applies to re-dispatched parties only');
      return [{ type: 'return_arbitrated', partyId: p.id, decision: 'take_back', newParty: null, note }];
    case 'redispatch':
    case 'fallback': {
      let departmentId = cmd.departmentId;
      if (cmd.decision === 'fallback') {
        if (parent) return fail(ErrorCode.ValidationFailed, 'fallback (兜底) is a center decision');
        departmentId ??= ctx.departments.fallbackFor(s.intake.address.districtCode)?.id;
      }
      if (!departmentId) return fail(ErrorCode.ValidationFailed, 'departmentId: required');
      const bad = dispatchable(ctx, departmentId);
      if (bad) return bad;
      if (departmentId === p.departmentId) return fail(ErrorCode.ValidationFailed, 'departmentId: same department');
      if (parent && !ctx.departments.isDescendant(departmentId, parent.departmentId)) {
        return fail(ErrorCode.Forbidden, 'a department may only re-dispatch down its own chain');
      }
      const newParty: NewParty = {
        partyId: ctx.newId(),
        departmentId,
        role: p.role,
        fallback: cmd.decision === 'fallback',
      };
      return [{ type: 'return_arbitrated', partyId: p.id, decision: cmd.decision, newParty, note }];
    }
    default:
      return fail(ErrorCode.ValidationFailed, 'decision: unknown');
  }
}

function decideClose(s: CaseState, cmd: Extract<CaseCommand, { type: 'close' }>, actor: Actor): Decision {
  const denied = need(actor, CENTER_ROLES, 'close cases');
  if (denied) return denied;
  if (!CLOSE_REASONS.includes(cmd.reason)) return fail(ErrorCode.ValidationFailed, 'reason: unknown');
  const ok = (): Decision => [{ type: 'closed', reason: cmd.reason, note: cmd.note ?? '' }];
  switch (cmd.reason) {
    case 'answered':
      return s.status === 'answered_directly' ? ok() : fail(ErrorCode.IllegalTransition, 'not answered directly');
    case 'satisfied': {
      const r = lastReached(s);
      const good = r && r.resolved !== null && r.satisfaction !== null && r.satisfaction !== 'dissatisfied';
      return s.status === 'callback' && good
        ? ok()
        : fail(ErrorCode.IllegalTransition, 'needs a reached callback with a satisfied answer');
    }
    case 'unreachable': {
      const tries = s.callbacks.filter((c) => c.round === s.round && !c.reached).length;
      return s.status === 'callback' && tries >= MIN_CALLBACK_ATTEMPTS && !lastReached(s)
        ? ok()
        : fail(ErrorCode.IllegalTransition, `needs ${MIN_CALLBACK_ATTEMPTS} unreached callback attempts`);
    }
    case 'finished': {
      const denied = need(actor, CENTER_LEADS, 'close without a satisfied callback');
      if (denied) return denied;
      return s.status === 'reviewed' || s.status === 'callback'
        ? ok()
        : fail(ErrorCode.IllegalTransition, 'replies are not all accepted yet');
    }
    default:
      return need(actor, CENTER_LEADS, 'withdraw a case') ?? ok();
  }
}

/** Center-side commands: dispatch, arbitration, review, extensions, notices, callback, reopen, close, links. */
export function decideCenter(s: CaseState, cmd: CaseCommand, actor: Actor, now: number, ctx: CommandContext): Decision {
  void now;
  switch (cmd.type) {
    case 'answer_directly':
      return (
        need(actor, CENTER_ROLES, 'answer cases') ??
        (s.status === 'registered' ? null : fail(ErrorCode.IllegalTransition, `case is ${s.status}`)) ??
        text(cmd.answer, 'answer') ?? [{ type: 'answered_directly', answer: cmd.answer }]
      );
    case 'dispatch': {
      const denied = need(actor, CENTER_ROLES, 'dispatch cases');
      if (denied) return denied;
      if (!DISPATCHABLE.includes(s.status))
        return fail(ErrorCode.IllegalTransition, `cannot dispatch a ${s.status} case`);
      if (!Array.isArray(cmd.parties) || cmd.parties.length === 0 || cmd.parties.length > 10) {
        return fail(ErrorCode.ValidationFailed, 'parties: 1 to 10 departments');
      }
      const active = s.parties.filter((p) => p.status !== 'withdrawn' && p.status !== 'done' && !p.parentPartyId);
      const leads =
        cmd.parties.filter((p) => p.role === 'lead').length + active.filter((p) => p.role === 'lead').length;
      if (leads !== 1) return fail(ErrorCode.ValidationFailed, 'exactly one lead (主办) department is required');
      const ids = [...active.map((p) => p.departmentId), ...cmd.parties.map((p) => p.departmentId)];
      if (new Set(ids).size !== ids.length) return fail(ErrorCode.ValidationFailed, 'a department appears twice');
      for (const p of cmd.parties) {
        if (p.role !== 'lead' && p.role !== 'co') return fail(ErrorCode.ValidationFailed, 'role: lead or co');
        const bad = dispatchable(ctx, p.departmentId);
        if (bad) return bad;
      }
      const parties = cmd.parties.map((p) => ({
        partyId: ctx.newId(),
        departmentId: p.departmentId,
        role: p.role,
        fallback: false,
      }));
      return [{ type: 'dispatched', parties, note: cmd.note ?? '' }];
    }
    case 'arbitrate':
      return decideArbitrate(s, cmd, actor, ctx);
    case 'decide_extension': {
      const denied = need(actor, CENTER_LEADS, 'decide extensions');
      if (denied) return denied;
      const x = s.extensions.find((r) => r.id === cmd.requestId);
      if (!x) return fail(ErrorCode.NotFound, 'extension request not found');
      if (x.status !== 'pending') return fail(ErrorCode.IllegalTransition, `extension already ${x.status}`);
      return [{ type: 'extension_decided', requestId: x.id, approved: cmd.approve === true, note: cmd.note ?? '' }];
    }
    case 'review': {
      const p = findParty(s, cmd.partyId);
      if (p instanceof HotlineError) return p;
      const denied = supervisorCheck(s, p, actor, CENTER_ROLES);
      if (denied) return denied;
      if (p.status !== 'replied') return fail(ErrorCode.IllegalTransition, `party is ${p.status}, not replied`);
      if (!cmd.accept) {
        const bad = text(cmd.note, 'note');
        if (bad) return bad;
      }
      return [{ type: 'reply_reviewed', partyId: p.id, accepted: cmd.accept === true, note: cmd.note ?? '' }];
    }
    case 'urge':
    case 'supervise': {
      const roles: readonly Role[] = cmd.type === 'urge' ? CENTER_ROLES : [...CENTER_LEADS, 'leader'];
      const bad = need(actor, roles, cmd.type) ?? text(cmd.note, 'note');
      if (bad) return bad;
      if (cmd.partyId !== undefined) {
        const p = findParty(s, cmd.partyId);
        if (p instanceof HotlineError) return p;
      }
      const type = cmd.type === 'urge' ? ('urged' as const) : ('supervised' as const);
      return [{ type, partyId: cmd.partyId ?? null, note: cmd.note }];
    }
    case 'instruct':
      return (
        need(actor, ['leader', 'admin'], 'give instructions') ??
        text(cmd.text, 'text') ?? [{ type: 'instructed', text: cmd.text }]
      );
    case 'record_callback': {
      const denied = need(actor, [...CENTER_ROLES, 'qa'], 'record callbacks');
      if (denied) return denied;
      if (s.status !== 'reviewed' && s.status !== 'callback') {
        return fail(ErrorCode.IllegalTransition, `callback needs accepted replies; case is ${s.status}`);
      }
      if (s.callbacks.some((c) => c.round === s.round && c.reached)) {
        return fail(ErrorCode.Conflict, 'this round already has a reached callback');
      }
      if (cmd.reached && (typeof cmd.resolved !== 'boolean' || !SATISFACTIONS.includes(cmd.satisfaction!))) {
        return fail(ErrorCode.ValidationFailed, 'a reached callback records resolved and satisfaction');
      }
      return [
        {
          type: 'callback_recorded',
          reached: cmd.reached === true,
          resolved: cmd.reached ? (cmd.resolved ?? null) : null,
          satisfaction: cmd.reached ? (cmd.satisfaction ?? null) : null,
          note: cmd.note ?? '',
        },
      ];
    }
    case 'reopen': {
      const denied = need(actor, CENTER_ROLES, 'reopen cases') ?? text(cmd.reason, 'reason');
      if (denied) return denied;
      if (s.status !== 'callback' && s.status !== 'reviewed')
        return fail(ErrorCode.IllegalTransition, `case is ${s.status}`);
      const r = lastReached(s);
      const unhappy = r && (r.satisfaction === 'dissatisfied' || r.resolved === false);
      if (!unhappy && !hasRole(actor, CENTER_LEADS)) {
        return fail(ErrorCode.Forbidden, 'without a dissatisfied callback only a supervisor may reopen');
      }
      const p = findParty(s, cmd.chargedPartyId);
      if (p instanceof HotlineError) return p;
      if (p.status !== 'done' || p.parentPartyId !== null || p.round !== s.round) {
        return fail(ErrorCode.ValidationFailed, 'chargedPartyId: a finished top-level party of this round');
      }
      return [
        {
          type: 'reopened',
          chargedPartyId: p.id,
          partyId: ctx.newId(),
          departmentId: p.departmentId,
          reason: cmd.reason,
        },
      ];
    }
    case 'close':
      return decideClose(s, cmd, actor);
    case 'link_duplicate':
      if (cmd.parentCaseId === s.id) return fail(ErrorCode.ValidationFailed, 'a case cannot duplicate itself');
      return need(actor, CENTER_ROLES, 'link cases') ?? [{ type: 'duplicate_linked', parentCaseId: cmd.parentCaseId }];
    case 'link_incident':
      return need(actor, CENTER_ROLES, 'link incidents') ?? [{ type: 'incident_linked', incidentId: cmd.incidentId }];
    case 'link':
      if (!['call', 'message', 'recording'].includes(cmd.kind) || typeof cmd.ref !== 'string' || cmd.ref === '') {
        return fail(ErrorCode.ValidationFailed, 'link: kind and ref required');
      }
      if (s.links.some((l) => l.kind === cmd.kind && l.ref === cmd.ref)) {
        return fail(ErrorCode.Conflict, `link: this ${cmd.kind} is already linked`);
      }
      return need(actor, CENTER_ROLES, 'link records') ?? [{ type: 'linked', kind: cmd.kind, ref: cmd.ref }];
    default:
      return fail(ErrorCode.Forbidden, `not allowed: ${cmd.type}`);
  }
}
