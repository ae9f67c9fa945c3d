import { ErrorCode, HotlineError } from './errors.ts';

/**
 * Allowed moves written as data. `transition()` is the only way to change state: it returns the
 * new state or throws `illegal_transition` naming both ends, so a stuck or skipped state is loud.
 */
export type TransitionTable<S extends string> = Readonly<Record<S, readonly S[]>>;

export function canTransition<S extends string>(table: TransitionTable<S>, from: S, to: S): boolean {
  return table[from].includes(to);
}

export function transition<S extends string>(table: TransitionTable<S>, from: S, to: S, what = 'state'): S {
  if (!canTransition(table, from, to)) {
    throw new HotlineError(ErrorCode.IllegalTransition, `${what}: ${from} → ${to} is not allowed`, { from, to });
  }
  return to;
}
