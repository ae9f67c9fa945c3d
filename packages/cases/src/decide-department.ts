import { ErrorCode, HotlineError } from '@hotline/core';
import { type Actor, hasRole } from './actor.ts';
import { attachmentProblems } from './case-attachments.ts';
import { type CaseCommand, MAX_TEXT } from './case-commands.ts';
import { type Attachment, type CaseState, type Party, RETURN_REASONS } from './case-model.ts';
import type { CommandContext, Decision } from './decide.ts';
import { fail } from './decide.ts';
import { isValidDuration } from './time-limit.ts';

/** The party a department user acts for: it must exist and belong to the user's department. */
export function ownParty(s: CaseState, partyId: string, actor: Actor): Party | HotlineError {
  const p = s.parties.find((x) => x.id === partyId);
  if (!p) return fail(ErrorCode.NotFound, `party ${partyId} not on case ${s.number}`);
  if (!hasRole(actor, ['department']) || actor.departmentId !== p.departmentId) {
    return fail(ErrorCode.Forbidden, 'only the assigned department may do this');
  }
  return p;
}

function needStatus(p: Party, allowed: readonly Party['status'][], what: string): HotlineError | null {
  return allowed.includes(p.status)
    ? null
    : fail(ErrorCode.IllegalTransition, `cannot ${what}: party is ${p.status}`, { status: p.status });
}

function text(s: unknown, field: string, required = true): HotlineError | null {
  if (typeof s !== 'string') return fail(ErrorCode.ValidationFailed, `${field}: required`);
  if (required && s.trim() === '') return fail(ErrorCode.ValidationFailed, `${field}: required`);
  if (s.length > MAX_TEXT) return fail(ErrorCode.ValidationFailed, `${field}: longer than ${MAX_TEXT}`);
  return null;
}

/** Commands a department performs on its own party: sign, return, reply, extend, re-dispatch down. Null = not ours. */
export function decideDepartment(
  s: CaseState,
  cmd: CaseCommand,
  actor: Actor,
  now: number,
  ctx: CommandContext,
): Decision | null {
  switch (cmd.type) {
    case 'sign': {
      const p = ownParty(s, cmd.partyId, actor);
      if (p instanceof HotlineError) return p;
      return needStatus(p, ['to_sign'], 'sign') ?? [{ type: 'signed', partyId: p.id }];
    }
    case 'return': {
      const p = ownParty(s, cmd.partyId, actor);
      if (p instanceof HotlineError) return p;
      const bad =
        needStatus(p, ['to_sign'], 'return') ??
        (RETURN_REASONS.includes(cmd.reason) ? null : fail(ErrorCode.ValidationFailed, 'reason: unknown code')) ??
        text(cmd.note, 'note');
      return bad ?? [{ type: 'returned', partyId: p.id, reason: cmd.reason, note: cmd.note }];
    }
    case 'reply': {
      const p = ownParty(s, cmd.partyId, actor);
      if (p instanceof HotlineError) return p;
      const bad = needStatus(p, ['in_progress'], 'reply') ?? text(cmd.content, 'content');
      if (bad) return bad;
      const attachments = cmd.attachments ?? [];
      const problems = attachmentProblems(attachments);
      if (problems.length > 0) return fail(ErrorCode.ValidationFailed, problems.join('; '), { problems });
      return [{ type: 'replied', partyId: p.id, content: cmd.content, attachments: attachments as Attachment[] }];
    }
    case 'request_extension': {
      const p = ownParty(s, cmd.partyId, actor);
      if (p instanceof HotlineError) return p;
      const bad = needStatus(p, ['in_progress', 'delegated'], 'request an extension') ?? text(cmd.reason, 'reason');
      if (bad) return bad;
      if (p.parentPartyId) {
        return fail(ErrorCode.IllegalTransition, 'a re-dispatched party works within its parent deadline');
      }
      if (!isValidDuration(cmd.extra)) return fail(ErrorCode.ValidationFailed, 'extra: invalid duration');
      if (s.extensions.some((x) => x.partyId === p.id && x.status === 'pending')) {
        return fail(ErrorCode.Conflict, 'an extension request is already pending');
      }
      // 延期 must be requested before the deadline expires.
      if (now > p.finishDeadline) return fail(ErrorCode.IllegalTransition, 'the finish deadline has already passed');
      return [
        { type: 'extension_requested', requestId: ctx.newId(), partyId: p.id, extra: cmd.extra, reason: cmd.reason },
      ];
    }
    case 'redispatch_down': {
      const p = ownParty(s, cmd.partyId, actor);
      if (p instanceof HotlineError) return p;
      const bad = needStatus(p, ['in_progress'], 're-dispatch');
      if (bad) return bad;
      const target = ctx.departments.get(cmd.departmentId);
      if (!target?.active) return fail(ErrorCode.ValidationFailed, 'departmentId: unknown or inactive');
      if (!ctx.departments.isDescendant(target.id, p.departmentId)) {
        return fail(ErrorCode.Forbidden, 'a department may only re-dispatch down its own chain');
      }
      if (cmd.dueAt !== undefined && (cmd.dueAt > p.finishDeadline || cmd.dueAt <= now)) {
        return fail(ErrorCode.ValidationFailed, 'dueAt: must lie between now and the parent deadline');
      }
      return [
        {
          type: 'redispatched_down',
          fromPartyId: p.id,
          partyId: ctx.newId(),
          departmentId: target.id,
          dueAt: cmd.dueAt ?? null,
          note: cmd.note ?? '',
        },
      ];
    }
    default:
      return null;
  }
}
