import type { Scheduler, TimerHandle } from '@hotline/core';
import { Signal, type TransitionTable, transition } from '@hotline/core';
import type { SipMessage } from '../message/sip-message.ts';
import type { Timers } from './timers.ts';

/** What a transaction needs from the world: a clock, its timer values, and a way to send. */
export interface TransactionContext {
  readonly scheduler: Scheduler;
  readonly timers: Timers;
  /** Whether the transport is reliable (no retransmissions, §17.1.1.2). */
  readonly reliable: boolean;
  /** Sends a message to the peer of this transaction. Returns false on a transport error. */
  readonly send: (msg: SipMessage) => boolean;
}

/** Shared machinery: a state kept by `transition()` over a table, named timers, and signals. */
export abstract class TransactionBase<S extends string> {
  readonly stateChanged = new Signal<[S, S]>();
  readonly terminated = new Signal<[]>();
  protected readonly ctx: TransactionContext;
  #state: S;
  readonly #table: TransitionTable<S>;
  readonly #timers = new Map<string, TimerHandle>();
  readonly #what: string;

  protected constructor(ctx: TransactionContext, table: TransitionTable<S>, initial: S, what: string) {
    this.ctx = ctx;
    this.#table = table;
    this.#state = initial;
    this.#what = what;
  }

  get state(): S {
    return this.#state;
  }

  protected move(to: S): void {
    const from = this.#state;
    this.#state = transition(this.#table, from, to, this.#what);
    this.stateChanged.emit(from, to);
    if (to === ('terminated' as S)) {
      for (const t of this.#timers.values()) t.cancel();
      this.#timers.clear();
      this.terminated.emit();
    }
  }

  /** Ends the transaction now (endpoint shutdown): timers cancelled, state Terminated. */
  dispose(): void {
    if (this.#state !== ('terminated' as S)) this.move('terminated' as S);
  }

  protected startTimer(name: string, ms: number, fn: () => void): void {
    this.#timers.get(name)?.cancel();
    this.#timers.set(
      name,
      this.ctx.scheduler.setTimeout(() => {
        this.#timers.delete(name);
        fn();
      }, ms),
    );
  }

  protected stopTimer(name: string): void {
    this.#timers.get(name)?.cancel();
    this.#timers.delete(name);
  }

  /** Zero-length timers (reliable transports) end the state at once rather than via the scheduler. */
  protected after(name: string, ms: number, fn: () => void): void {
    if (ms <= 0) fn();
    else this.startTimer(name, ms, fn);
  }
}
