/**
 * The states of both non-INVITE transactions (RFC 3261 §17.1.2 client, §17.2.2 server): the two
 * machines share the same four states and the same allowed moves; only what drives them differs.
 */
export const NonInviteState = {
  Trying: 'trying',
  Proceeding: 'proceeding',
  Completed: 'completed',
  Terminated: 'terminated',
} as const;
export type NonInviteState = (typeof NonInviteState)[keyof typeof NonInviteState];

export const NON_INVITE_MOVES = {
  trying: ['proceeding', 'completed', 'terminated'],
  proceeding: ['completed', 'terminated'],
  completed: ['terminated'],
  terminated: [],
} as const satisfies Record<NonInviteState, readonly NonInviteState[]>;
