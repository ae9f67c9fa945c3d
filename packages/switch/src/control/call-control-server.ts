import { timingSafeEqual } from 'node:crypto';
import {
  CALL_CONTROL_REVISION,
  CALL_CONTROL_VERSION,
  type CallControlCommand,
  type CallControlErrorCode,
  type CallControlEvent,
  parseControlFrame,
  type Snapshot,
} from '@hotline/contracts';
import { isHotlineError, newId, type Scheduler, Signal } from '@hotline/core';
import type { EventJournal } from './event-journal.ts';

/** One connection from a control process (a WebSocket, or the in-process loopback). */
export interface ControlSession {
  send(text: string): void;
  close(code: number, reason: string): void;
  onMessage(fn: (text: string) => void): void;
  onClose(fn: () => void): void;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type EventBody = DistributiveOmit<CallControlEvent, 'v' | 'id' | 'ts' | 'seq'>;
export type SnapshotBody = Omit<Snapshot, 'v' | 'id' | 'ts' | 'type' | 'lastSeq'>;

/** Close codes (4000–4999 are the application's, RFC 6455 §7.4.2). */
export const CLOSE_UNAUTHENTICATED = 4401;
export const CLOSE_BAD_FRAME = 4400;
export const HELLO_TIMEOUT_MS = 5_000;
/** Command ids remembered for idempotency (FIFO). */
export const REMEMBERED_COMMANDS = 20_000;
/** Unacknowledged events kept for replay; beyond this the oldest are dropped (and counted). */
export const MAX_UNACKED_EVENTS = 200_000;

export interface CallControlServerOptions {
  token: string;
  scheduler: Scheduler;
  handle: (cmd: CallControlCommand) => Promise<unknown>;
  snapshot: () => SnapshotBody;
  /** Keeps unacknowledged events on disk across a switch crash (decision 0306). */
  journal?: EventJournal;
  log?: (level: 'info' | 'warn', msg: string, data?: Record<string, unknown>) => void;
}

type ReplyBody = { ok: true; result?: unknown } | { ok: false; error: { code: CallControlErrorCode; message: string } };

const KNOWN_CODES = new Set<string>([
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'not_found',
  'conflict',
  'illegal_transition',
  'unavailable',
  'forbidden',
  'internal',
]);

/**
 * The switch side of the call-control protocol: authenticates control sessions (`hello` with the
 * shared token), answers every command once per id (a repeated id gets the stored reply), sends a
 * full snapshot on (re)connect and keeps events until control acknowledges them.
 */
export class CallControlServer {
  /** Number of authenticated control sessions changed. */
  readonly controlsChanged = new Signal<[number]>();
  readonly #opts: CallControlServerOptions;
  readonly #sessions = new Set<ControlSession>();
  readonly #replies = new Map<string, Promise<ReplyBody>>();
  readonly #unacked: CallControlEvent[] = [];
  #seq = 0;
  dropped = 0;

  constructor(opts: CallControlServerOptions) {
    this.#opts = opts;
    if (opts.journal) {
      // Events a crashed switch had not got acknowledged are sent again; seq continues.
      const { events, lastSeq } = opts.journal.load();
      this.#unacked.push(...events);
      this.#seq = lastSeq;
      if (events.length > 0) opts.log?.('info', 'call-control: pending events restored', { events: events.length });
    }
  }

  get controlCount(): number {
    return this.#sessions.size;
  }

  get lastSeq(): number {
    return this.#seq;
  }

  get unackedCount(): number {
    return this.#unacked.length;
  }

  attach(session: ControlSession): void {
    let authed = false;
    const timer = this.#opts.scheduler.setTimeout(() => {
      if (!authed) session.close(CLOSE_UNAUTHENTICATED, 'no hello');
    }, HELLO_TIMEOUT_MS);
    session.onClose(() => {
      timer.cancel();
      if (this.#sessions.delete(session)) this.controlsChanged.emit(this.#sessions.size);
    });
    session.onMessage((text) => {
      const parsed = parseControlFrame(text);
      if (!parsed.ok) {
        const id = safeId(text);
        if (authed && id)
          this.#send(session, {
            type: 'reply',
            re: id,
            ok: false,
            error: { code: 'validation_failed', message: parsed.error },
          });
        else session.close(CLOSE_BAD_FRAME, parsed.error.slice(0, 100));
        return;
      }
      const msg = parsed.msg;
      if (!authed) {
        if (msg.type !== 'hello' || !sameToken(msg.token, this.#opts.token)) {
          this.#opts.log?.('warn', 'call-control: rejected a session (bad or missing token)');
          session.close(CLOSE_UNAUTHENTICATED, 'unauthenticated');
          return;
        }
        authed = true;
        timer.cancel();
        this.#sessions.add(session);
        this.#opts.log?.('info', 'call-control: control connected', { name: msg.name });
        this.#send(session, { type: 'welcome', snapshot: this.snapshot(), revision: CALL_CONTROL_REVISION });
        for (const e of this.#unacked) session.send(JSON.stringify(e));
        this.controlsChanged.emit(this.#sessions.size);
        return;
      }
      if (msg.type === 'hello') return;
      if (msg.type === 'event.ack') {
        this.ack(msg.upTo);
        return;
      }
      void this.#command(msg).then((r) => this.#send(session, { type: 'reply', re: msg.id, ...r }));
    });
  }

  /** Runs a command once per id; the in-process embedded mode calls this directly. */
  #command(cmd: CallControlCommand): Promise<ReplyBody> {
    const known = this.#replies.get(cmd.id);
    if (known) return known;
    const p = this.#opts.handle(cmd).then(
      (result): ReplyBody => (result === undefined ? { ok: true } : { ok: true, result }),
      (e: unknown): ReplyBody => {
        if (isHotlineError(e) && KNOWN_CODES.has(e.code))
          return { ok: false, error: { code: e.code as CallControlErrorCode, message: e.message } };
        this.#opts.log?.('warn', 'call-control: command failed', { type: cmd.type, error: String(e) });
        return { ok: false, error: { code: 'internal', message: 'internal error' } };
      },
    );
    this.#replies.set(cmd.id, p);
    if (this.#replies.size > REMEMBERED_COMMANDS) {
      const first = this.#replies.keys().next().value;
      if (first !== undefined) this.#replies.delete(first);
    }
    return p;
  }

  snapshot(): Snapshot {
    return {
      v: CALL_CONTROL_VERSION,
      id: newId(),
      ts: this.#opts.scheduler.now(),
      type: 'snapshot',
      ...this.#opts.snapshot(),
      lastSeq: this.#seq,
    };
  }

  /** Queues an event for every control and keeps it until acknowledged. */
  emit(body: EventBody): void {
    const e = {
      v: CALL_CONTROL_VERSION,
      id: newId(),
      ts: this.#opts.scheduler.now(),
      seq: ++this.#seq,
      ...body,
    } as CallControlEvent;
    this.#opts.journal?.append(e);
    this.#unacked.push(e);
    if (this.#unacked.length > MAX_UNACKED_EVENTS) {
      this.#unacked.shift();
      this.dropped++;
    }
    const text = JSON.stringify(e);
    for (const s of this.#sessions) s.send(text);
  }

  ack(upTo: number): void {
    let n = 0;
    while (n < this.#unacked.length && (this.#unacked[n] as CallControlEvent).seq <= upTo) n++;
    if (n === 0) return;
    this.#unacked.splice(0, n);
    this.#opts.journal?.ack(upTo, this.#unacked, n);
  }

  #send(session: ControlSession, body: Record<string, unknown>): void {
    session.send(JSON.stringify({ v: CALL_CONTROL_VERSION, id: newId(), ts: this.#opts.scheduler.now(), ...body }));
  }

  closeAll(): void {
    for (const s of this.#sessions) s.close(1001, 'switch stopping');
  }
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function safeId(text: string): string | null {
  try {
    const j = JSON.parse(text) as { id?: unknown };
    return typeof j.id === 'string' && j.id.length <= 64 ? j.id : null;
  } catch {
    return null;
  }
}
