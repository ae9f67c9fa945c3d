import {
  CALL_CONTROL_VERSION,
  type CallControlEvent,
  type CommandInput,
  parseSwitchFrame,
  type Reply,
  type Snapshot,
} from '@hotline/contracts';
import { newId } from '@hotline/core';
import { WebSocket } from 'ws';
import type { LoopbackClient } from './loopback.ts';

/** A minimal control for tests: hello, commands with replies, events with waiting and acks. */
export class TestControl {
  readonly events: CallControlEvent[] = [];
  readonly snapshots: Snapshot[] = [];
  readonly #replies = new Map<string, (r: Reply) => void>();
  readonly #waiters = new Set<() => void>();
  readonly #send: (t: string) => void;
  closed = false;
  autoAck = true;

  constructor(link: Pick<LoopbackClient, 'send' | 'onMessage' | 'onClose'>, token: string) {
    this.#send = link.send;
    link.onClose(() => {
      this.closed = true;
      this.#wake();
    });
    link.onMessage((text) => {
      const p = parseSwitchFrame(text);
      if (!p.ok) throw new Error(`bad frame from switch: ${p.error}`);
      const m = p.msg;
      if (m.type === 'welcome') this.snapshots.push(m.snapshot);
      else if (m.type === 'reply') this.#replies.get(m.re)?.(m);
      else {
        this.events.push(m);
        if (this.autoAck) this.raw({ type: 'event.ack', upTo: m.seq });
      }
      this.#wake();
    });
    this.raw({ type: 'hello', token, name: 'test' });
  }

  static ws(url: string, token: string): Promise<TestControl> {
    const ws = new WebSocket(url);
    return new Promise((resolve, reject) => {
      ws.once('error', reject);
      ws.once('open', () => {
        const c = new TestControl(
          {
            send: (t) => ws.send(t),
            onMessage: (fn) => ws.on('message', (d) => fn(d.toString())),
            onClose: (fn) => ws.on('close', fn),
          },
          token,
        );
        (c as { close?: () => void }).close = () => ws.terminate();
        resolve(c);
      });
    });
  }

  raw(body: Record<string, unknown>, id = newId()): string {
    this.#send(JSON.stringify({ v: CALL_CONTROL_VERSION, id, ts: Date.now(), ...body }));
    return id;
  }

  command(body: CommandInput, id = newId()): Promise<Reply> {
    return new Promise((resolve) => {
      this.#replies.set(id, resolve);
      this.raw(body as Record<string, unknown>, id);
    });
  }

  #wake(): void {
    for (const w of [...this.#waiters]) w();
  }

  /** Resolves with the first event (already received or future) matching `pred`. */
  waitEvent<T extends CallControlEvent['type']>(
    type: T,
    pred: (e: Extract<CallControlEvent, { type: T }>) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<Extract<CallControlEvent, { type: T }>> {
    const find = () =>
      this.events.find((e): e is Extract<CallControlEvent, { type: T }> => e.type === type && pred(e as never));
    return new Promise((resolve, reject) => {
      const hit = find();
      if (hit) return resolve(hit);
      const t = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`timeout waiting for ${type}`));
      }, timeoutMs);
      const check = () => {
        const e = find();
        if (!e) return;
        clearTimeout(t);
        this.#waiters.delete(check);
        resolve(e);
      };
      this.#waiters.add(check);
    });
  }

  waitSnapshot(timeoutMs = 5000): Promise<Snapshot> {
    return new Promise((resolve, reject) => {
      if (this.snapshots[0]) return resolve(this.snapshots[0]);
      const t = setTimeout(() => reject(new Error('no snapshot')), timeoutMs);
      const check = () => {
        if (!this.snapshots[0]) return;
        clearTimeout(t);
        this.#waiters.delete(check);
        resolve(this.snapshots[0]);
      };
      this.#waiters.add(check);
    });
  }
}
