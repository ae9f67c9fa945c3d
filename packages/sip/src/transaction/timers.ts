/**
 * RFC 3261 §17 timer values (Table 4), all derived from T1/T2/T4, plus RFC 6026's L and M.
 * On reliable transports the wait timers D, I, J, K are zero (§17.1.1.2, §17.2.1, §17.2.2, §17.1.2.2).
 */
export interface TimerBase {
  /** RTT estimate, default 500 ms. */
  readonly T1: number;
  /** Maximum retransmit interval for non-INVITE requests and INVITE responses, default 4 s. */
  readonly T2: number;
  /** Maximum duration a message remains in the network, default 5 s. */
  readonly T4: number;
}

export const DEFAULT_TIMER_BASE: TimerBase = { T1: 500, T2: 4000, T4: 5000 };

export interface Timers {
  /** INVITE request retransmit interval (UDP), doubles. */
  readonly A: number;
  /** INVITE transaction timeout. */
  readonly B: number;
  /** Wait time for response retransmits (INVITE client, Completed). */
  readonly D: number;
  /** Non-INVITE request retransmit interval (UDP), doubles up to T2. */
  readonly E: number;
  /** Non-INVITE transaction timeout. */
  readonly F: number;
  /** INVITE response retransmit interval, doubles up to T2. */
  readonly G: number;
  /** Wait time for ACK receipt. */
  readonly H: number;
  /** Wait time for ACK retransmits. */
  readonly I: number;
  /** Wait time for non-INVITE request retransmits. */
  readonly J: number;
  /** Wait time for response retransmits (non-INVITE client, Completed). */
  readonly K: number;
  /** RFC 6026: INVITE server Accepted state, absorbs INVITE retransmissions after 2xx. */
  readonly L: number;
  /** RFC 6026: INVITE client Accepted state, passes 2xx retransmissions to the TU. */
  readonly M: number;
  readonly T2: number;
}

export function timersFor(base: TimerBase, reliable: boolean): Timers {
  const { T1, T2, T4 } = base;
  return {
    A: T1,
    B: 64 * T1,
    D: reliable ? 0 : Math.max(32_000, 64 * T1),
    E: T1,
    F: 64 * T1,
    G: T1,
    H: 64 * T1,
    I: reliable ? 0 : T4,
    J: reliable ? 0 : 64 * T1,
    K: reliable ? 0 : T4,
    L: 64 * T1,
    M: 64 * T1,
    T2,
  };
}
