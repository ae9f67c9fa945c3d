import {
  CALL_CONTROL_REVISION,
  CALL_CONTROL_VERSION,
  type CallControlEvent,
  type CommandInput,
  parseSwitchFrame,
  type Reply,
  type Snapshot,
} from '@hotline/contracts';
import { newId, Signal } from '@hotline/core';
import { WebSocket } from 'ws';

/** Back-off between reconnection attempts to the switch. */
export const RECONNECT_MIN_MS = 250;
export const RECONNECT_MAX_MS = 5_000;
/** A command without reply after this long is failed locally (the switch may still run it once). */
export const COMMAND_TIMEOUT_MS = 15_000;

export interface CallControlClientOptions {
  url: string;
  token: string;
  name?: string;
  /**
   * Stores an event (CDR, recording, alert …). The client acknowledges the event only after this
   * resolves, so an event whose storing was cut by a crash is replayed by the switch.
   */
  onEvent: (e: CallControlEvent) => Promise<void>;
  log?: (level: 'info' | 'warn', msg: string, data?: Record<string, unknown>) => void;
}

/**
 * Control's side of the call-control protocol: keeps a WebSocket to the switch (reconnecting with
 * back-off), says hello with the shared token, receives the snapshot, stores and acknowledges
 * events in order, and sends commands answered by id. Commands still waiting when the link drops
 * are sent again with the same id after reconnecting — the switch runs each id once.
 */
export class CallControlClient {
  readonly snapshot = new Signal<[Snapshot]>();
  readonly connected = new Signal<[boolean]>();
  readonly #o: CallControlClientOptions;
  #ws: WebSocket | null = null;
  #open = false;
  #stopped = false;
  #backoff = RECONNECT_MIN_MS;
  #chain: Promise<void> = Promise.resolve();
  readonly #pending = new Map<string, { frame: string; resolve: (r: Reply) => void; timer: NodeJS.Timeout }>();
  lastSnapshot: Snapshot | null = null;

  constructor(o: CallControlClientOptions) {
    this.#o = o;
  }

  get isOpen(): boolean {
    return this.#open;
  }

  start(): void {
    this.#stopped = false;
    this.#connect();
  }

  #connect(): void {
    if (this.#stopped) return;
    const ws = new WebSocket(this.#o.url);
    this.#ws = ws;
    ws.on('open', () => {
      this.#backoff = RECONNECT_MIN_MS;
      ws.send(
        JSON.stringify({
          v: CALL_CONTROL_VERSION,
          id: newId(),
          ts: Date.now(),
          type: 'hello',
          token: this.#o.token,
          name: this.#o.name ?? 'control',
          revision: CALL_CONTROL_REVISION,
        }),
      );
    });
    ws.on('message', (data) => this.#frame(data.toString()));
    ws.on('error', () => undefined);
    ws.on('close', () => {
      const was = this.#open;
      this.#open = false;
      this.#ws = null;
      if (was) this.connected.emit(false);
      if (this.#stopped) return;
      setTimeout(() => this.#connect(), this.#backoff);
      this.#backoff = Math.min(RECONNECT_MAX_MS, this.#backoff * 2);
    });
  }

  #frame(text: string): void {
    const p = parseSwitchFrame(text);
    if (!p.ok) {
      this.#o.log?.('warn', 'call-control: bad frame from switch', { error: p.error });
      // An event type from a newer switch: acknowledged in order, so it cannot wedge the queue.
      const seq = p.unknownEventSeq;
      if (seq !== undefined) this.#chain = this.#chain.then(() => this.#ack(seq));
      return;
    }
    const m = p.msg;
    if (m.type === 'welcome') {
      this.#open = true;
      this.lastSnapshot = m.snapshot;
      this.connected.emit(true);
      this.snapshot.emit(m.snapshot);
      for (const c of this.#pending.values()) this.#ws?.send(c.frame);
      return;
    }
    if (m.type === 'reply') {
      const c = this.#pending.get(m.re);
      if (!c) return;
      clearTimeout(c.timer);
      this.#pending.delete(m.re);
      c.resolve(m);
      return;
    }
    // Events are stored one after another, then acknowledged (at-least-once, stored idempotently).
    this.#chain = this.#chain.then(async () => {
      try {
        await this.#o.onEvent(m);
        this.#ack(m.seq);
      } catch (e) {
        this.#o.log?.('warn', 'call-control: storing an event failed; it will be replayed', {
          seq: m.seq,
          error: String(e),
        });
        this.#ws?.close();
      }
    });
  }

  #ack(seq: number): void {
    this.#ws?.send(
      JSON.stringify({ v: CALL_CONTROL_VERSION, id: newId(), ts: Date.now(), type: 'event.ack', upTo: seq }),
    );
  }

  /** Sends a command; resolves with the switch's reply (ok or a coded error). */
  command(body: CommandInput, id: string = newId()): Promise<Reply> {
    const frame = JSON.stringify({ v: CALL_CONTROL_VERSION, id, ts: Date.now(), ...body });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        resolve({
          v: CALL_CONTROL_VERSION,
          id: newId(),
          ts: Date.now(),
          type: 'reply',
          re: id,
          ok: false,
          error: { code: 'unavailable', message: 'no reply from the switch' },
        });
      }, COMMAND_TIMEOUT_MS);
      this.#pending.set(id, { frame, resolve, timer });
      if (this.#open) this.#ws?.send(frame);
    });
  }

  /** Waits for the stored events so far (tests and shutdown). */
  drained(): Promise<void> {
    return this.#chain;
  }

  stop(): void {
    this.#stopped = true;
    this.#ws?.close();
    for (const c of this.#pending.values()) clearTimeout(c.timer);
  }
}
