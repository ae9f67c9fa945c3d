import { ErrorCode, HotlineError } from '@hotline/core';
import { type Actor, hasRole } from './actor.ts';
import type { CaseCommand } from './case-commands.ts';
import type { CaseEvent, CaseEventBody } from './case-events.ts';
import { type ClockContext, evolve } from './case-evolve.ts';
import type { CaseState } from './case-model.ts';
import type { CategoryTree } from './category-tree.ts';
import { decideCenter } from './decide-center.ts';
import { decideDepartment } from './decide-department.ts';
import { decideRegister } from './decide-register.ts';
import type { DepartmentTree } from './department-tree.ts';

/** Everything a decision may consult besides the case itself: all pure data. */
export interface CommandContext extends ClockContext {
  categories: CategoryTree;
  departments: DepartmentTree;
  /** Id source for parties and extension requests (deterministic in tests). */
  newId: () => string;
}

export type CommandResult = { ok: true; state: CaseState; events: CaseEvent[] } | { ok: false; error: HotlineError };

/** Decision helpers return the event bodies to append, or a coded error. */
export type Decision = CaseEventBody[] | HotlineError;

export function fail(code: HotlineError['code'], message: string, details?: unknown): HotlineError {
  return new HotlineError(code, message, details);
}

/**
 * `(caseState, command, actor, now) → { newState, events[] } | error`. Validates the role and
 * ownership, then folds the produced events so the returned state is exactly "log + events".
 */
export function decide(
  state: CaseState | null,
  cmd: CaseCommand,
  actor: Actor,
  now: number,
  ctx: CommandContext,
): CommandResult {
  let decision: Decision;
  if (cmd.type === 'register') {
    decision = state === null ? decideRegister(cmd, actor, ctx) : fail(ErrorCode.Conflict, 'case already exists');
  } else if (state === null) {
    decision = fail(ErrorCode.NotFound, 'case not found');
  } else if (state.status === 'closed' && cmd.type !== 'link') {
    decision = fail(ErrorCode.IllegalTransition, `case ${state.number} is closed`);
  } else if (hasRole(actor, ['public'])) {
    decision = fail(ErrorCode.Forbidden, 'the public may only register cases');
  } else {
    decision = decideDepartment(state, cmd, actor, now, ctx) ?? decideCenter(state, cmd, actor, now, ctx);
  }
  if (decision instanceof HotlineError) return { ok: false, error: decision };
  const events: CaseEvent[] = decision.map((b) => ({ ...b, at: now, actorId: actor.id, actorName: actor.name }));
  let s = state;
  try {
    for (const e of events) s = evolve(s, e, ctx);
  } catch (e) {
    if (e instanceof HotlineError) return { ok: false, error: e };
    throw e;
  }
  if (!s) return { ok: false, error: fail(ErrorCode.Internal, 'no state') };
  return { ok: true, state: s, events };
}
