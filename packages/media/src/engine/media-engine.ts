import { cpus } from 'node:os';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import { ErrorCode, HotlineError, newId, Signal } from '@hotline/core';
import type { BridgeMember } from '../mixer.ts';
import { repairRecordingsIn } from '../recording-file.ts';
import type { MediaDirection } from '../sdp.ts';
import type {
  CodecSettings,
  CommandReply,
  EndpointStats,
  MediaEvent,
  PlaySpec,
  RecordChannels,
  RemoteAddress,
  WorkerCommand,
  WorkerConfig,
  WorkerLoad,
  WorkerToMain,
} from './protocol.ts';

export interface MediaEngineOptions {
  /** Worker threads; default: one per CPU core. */
  workers?: number;
  /** Address the RTP sockets bind to (default 0.0.0.0). */
  bindAddress?: string;
  /** RTP port range [portMin, portMax), split evenly between workers (default 30000–40000). */
  portMin?: number;
  portMax?: number;
  /** Silence on the wire before `deadMedia` (default 30 s). */
  deadMediaMs?: number;
  /** Recordings directory: WAV files left inconsistent by a crash are repaired at start. */
  recordingsDir?: string;
  /**
   * Nice value (-20…19) for each worker thread; unset = inherit. Media is soft real-time: on a box
   * shared with batch work give the workers a head start (e.g. -10; needs CAP_SYS_NICE). Whether it
   * was granted shows in `load()`.
   */
  workerPriority?: number;
}

export const DEFAULT_RTP_PORT_MIN = 30000;
export const DEFAULT_RTP_PORT_MAX = 40000;

const CODE_OF: Record<Extract<CommandReply, { ok: false }>['code'], ErrorCode> = {
  not_found: ErrorCode.NotFound,
  conflict: ErrorCode.Conflict,
  unavailable: ErrorCode.Unavailable,
  bad_request: ErrorCode.BadRequest,
  internal: ErrorCode.Internal,
};

interface WorkerHandle {
  worker: Worker;
  port: MessagePort;
  endpoints: number;
  pending: Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>;
}

/**
 * The main-thread face of the media engine. It never touches a packet: it places endpoints on
 * workers (each owning a slice of the port range), forwards commands over MessagePorts and
 * re-emits the workers' events on `events`.
 */
export class MediaEngine {
  readonly events = new Signal<[MediaEvent]>();
  /** Endpoints whose media was repaired at start-up (paths of recordings fixed after a crash). */
  repaired: string[] = [];
  readonly #opts: Required<Omit<MediaEngineOptions, 'recordingsDir' | 'workerPriority'>> & {
    recordingsDir?: string;
    workerPriority?: number;
  };
  readonly #workers: WorkerHandle[] = [];
  readonly #where = new Map<string, WorkerHandle>();
  readonly #recordingWorker = new Map<string, WorkerHandle>();
  #seq = 0;

  constructor(opts: MediaEngineOptions = {}) {
    const o = {
      workers: opts.workers ?? Math.max(1, cpus().length),
      bindAddress: opts.bindAddress ?? '0.0.0.0',
      portMin: opts.portMin ?? DEFAULT_RTP_PORT_MIN,
      portMax: opts.portMax ?? DEFAULT_RTP_PORT_MAX,
      deadMediaMs: opts.deadMediaMs ?? 30_000,
    };
    if (o.portMax - o.portMin < 4 * o.workers)
      throw new HotlineError(ErrorCode.ConfigInvalid, 'RTP port range too small for the workers');
    this.#opts = {
      ...o,
      ...(opts.recordingsDir === undefined ? {} : { recordingsDir: opts.recordingsDir }),
      ...(opts.workerPriority === undefined ? {} : { workerPriority: opts.workerPriority }),
    };
  }

  async start(): Promise<void> {
    if (this.#opts.recordingsDir) this.repaired = await repairRecordingsIn(this.#opts.recordingsDir);
    const n = this.#opts.workers;
    const slice = Math.floor((this.#opts.portMax - this.#opts.portMin) / n / 2) * 2;
    const ready: Promise<void>[] = [];
    for (let i = 0; i < n; i++) {
      const config: WorkerConfig = {
        index: i,
        bindAddress: this.#opts.bindAddress,
        portMin: this.#opts.portMin + i * slice,
        portMax: this.#opts.portMin + (i + 1) * slice,
        deadMediaMs: this.#opts.deadMediaMs,
      };
      if (this.#opts.workerPriority !== undefined) config.priority = this.#opts.workerPriority;
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(new URL('./media-worker.ts', import.meta.url), {
        workerData: { config, port: port2 },
        transferList: [port2],
      });
      const h: WorkerHandle = { worker, port: port1, endpoints: 0, pending: new Map() };
      this.#workers.push(h);
      ready.push(
        new Promise((resolve, reject) => {
          worker.once('error', reject);
          port1.on('message', (m: WorkerToMain) => {
            if (m.kind === 'ready') resolve();
            else if (m.kind === 'event') this.#onEvent(m.event);
            else this.#onReply(h, m.reply);
          });
        }),
      );
    }
    await Promise.all(ready);
  }

  async stop(): Promise<void> {
    await Promise.all(
      [...this.#where.keys()].map((id) =>
        this.release(id).catch(() => {
          // already gone
        }),
      ),
    );
    await Promise.all(this.#workers.map((h) => h.worker.terminate()));
    this.#workers.length = 0;
  }

  /**
   * A new endpoint with a local RTP port (RTCP on port + 1). `near`: an existing endpoint whose
   * worker must host this one too — endpoints can only be bridged within one worker, so allocate
   * the B leg near the A leg.
   */
  async allocate(opts: { near?: string; deadMediaMs?: number } = {}): Promise<{ endpointId: string; port: number }> {
    const h = opts.near !== undefined ? this.#worker(opts.near) : this.#leastLoaded();
    const endpointId = newId();
    const cmd: WorkerCommand = { op: 'allocate', endpointId };
    if (opts.deadMediaMs !== undefined) cmd.deadMediaMs = opts.deadMediaMs;
    const r = (await this.#call(h, cmd)) as { port: number };
    h.endpoints++;
    this.#where.set(endpointId, h);
    return { endpointId, port: r.port };
  }

  /** Where to send (from SDP); symmetric RTP re-latches to the actual source when packets arrive. */
  setRemote(endpointId: string, remote: RemoteAddress): Promise<void> {
    return this.#to(endpointId, { op: 'setRemote', endpointId, remote });
  }
  setCodec(endpointId: string, codec: CodecSettings): Promise<void> {
    return this.#to(endpointId, { op: 'setCodec', endpointId, codec });
  }
  /** Our direction from the SDP negotiation (hold = sendonly/inactive). */
  setDirection(endpointId: string, direction: MediaDirection): Promise<void> {
    return this.#to(endpointId, { op: 'setDirection', endpointId, direction });
  }
  /** In-band (Goertzel) DTMF detection; switched on automatically when no telephone-event PT is set. */
  setInbandDtmf(endpointId: string, enabled: boolean): Promise<void> {
    return this.#to(endpointId, { op: 'setInbandDtmf', endpointId, enabled });
  }

  /**
   * Creates or replaces a bridge: two members = a call, more = a conference; a supervisor joins with
   * mode listen | whisper (whisperTo: the agent) | barge. Call again with new modes to switch mid-call.
   */
  bridge(bridgeId: string, members: BridgeMember[]): Promise<void> {
    if (members.length === 0) return this.unbridge(bridgeId);
    const h = this.#worker(members[0]!.id);
    for (const m of members)
      if (this.#worker(m.id) !== h)
        throw new HotlineError(
          ErrorCode.Conflict,
          `endpoint ${m.id} is on another media worker (allocate it with near)`,
        );
    return this.#call(h, { op: 'bridge', bridgeId, members }) as Promise<void>;
  }
  async unbridge(bridgeId: string): Promise<void> {
    await Promise.all(this.#workers.map((h) => this.#call(h, { op: 'unbridge', bridgeId })));
  }

  /** Plays items in order; `loop` for music on hold; `stopOnDtmf` for barge-in. Ends with a `playDone` event. */
  async play(
    endpointId: string,
    items: PlaySpec[],
    opts: { loop?: boolean; stopOnDtmf?: boolean; playId?: string } = {},
  ): Promise<string> {
    const playId = opts.playId ?? newId();
    await this.#to(endpointId, {
      op: 'play',
      endpointId,
      playId,
      items,
      loop: opts.loop ?? false,
      stopOnDtmf: opts.stopOnDtmf ?? false,
    });
    return playId;
  }
  stopPlay(endpointId: string): Promise<void> {
    return this.#to(endpointId, { op: 'stopPlay', endpointId });
  }

  /** Starts recording `caller` (left) and `agent` (right), or their mono mix, into `path`. */
  async recordStart(opts: {
    path: string;
    caller: string;
    agent?: string;
    channels?: RecordChannels;
    recordingId?: string;
  }): Promise<string> {
    const recordingId = opts.recordingId ?? newId();
    const h = this.#worker(opts.caller);
    if (opts.agent !== undefined && this.#worker(opts.agent) !== h)
      throw new HotlineError(ErrorCode.Conflict, 'caller and agent are on different media workers');
    const cmd: WorkerCommand = {
      op: 'recordStart',
      recordingId,
      path: opts.path,
      channels: opts.channels ?? 'stereo',
      caller: opts.caller,
    };
    if (opts.agent !== undefined) cmd.agent = opts.agent;
    await this.#call(h, cmd);
    this.#recordingWorker.set(recordingId, h);
    return recordingId;
  }
  recordPause(recordingId: string): Promise<void> {
    return this.#call(this.#recWorker(recordingId), { op: 'recordPause', recordingId }) as Promise<void>;
  }
  recordResume(recordingId: string): Promise<void> {
    return this.#call(this.#recWorker(recordingId), { op: 'recordResume', recordingId }) as Promise<void>;
  }
  /** Closes the file; resolves with what the `recordingClosed` event also carries. */
  async recordStop(recordingId: string): Promise<{ path: string; durationMs: number; bytes: number; sha256: string }> {
    const r = await this.#call(this.#recWorker(recordingId), { op: 'recordStop', recordingId });
    this.#recordingWorker.delete(recordingId);
    return r as { path: string; durationMs: number; bytes: number; sha256: string };
  }

  /** Sends digits as RFC 4733 events (`durationMs` each, 60 ms apart). */
  sendDtmf(endpointId: string, digits: string, durationMs = 100): Promise<void> {
    return this.#to(endpointId, { op: 'sendDtmf', endpointId, digits, durationMs });
  }

  stats(endpointId: string): Promise<EndpointStats> {
    return this.#to(endpointId, { op: 'stats', endpointId });
  }

  /** Closes the sockets; stops its player and recordings; resolves with the final statistics. */
  async release(endpointId: string): Promise<EndpointStats | undefined> {
    const h = this.#where.get(endpointId);
    if (!h) return undefined;
    const s = (await this.#call(h, { op: 'release', endpointId })) as EndpointStats;
    this.#where.delete(endpointId);
    h.endpoints--;
    return s;
  }

  /**
   * Per-worker load and timing (tick lateness, CPU, run-queue wait, GC). `resetWindow` starts a new
   * window for the distributions (lateness, GC) after reading them — a bench reads once before and
   * once after its measured interval.
   */
  async load(opts: { resetWindow?: boolean } = {}): Promise<WorkerLoad[]> {
    const cmd: WorkerCommand = opts.resetWindow ? { op: 'load', resetWindow: true } : { op: 'load' };
    return (await Promise.all(this.#workers.map((h) => this.#call(h, cmd)))) as WorkerLoad[];
  }

  #onEvent(e: MediaEvent): void {
    if (e.type === 'recordingClosed' || e.type === 'recordingFailed') this.#recordingWorker.delete(e.recordingId);
    this.events.emit(e);
  }

  #onReply(h: WorkerHandle, r: CommandReply): void {
    const p = h.pending.get(r.id);
    if (!p) return;
    h.pending.delete(r.id);
    if (r.ok) p.resolve(r.result);
    else p.reject(new HotlineError(CODE_OF[r.code], r.message));
  }

  #worker(endpointId: string): WorkerHandle {
    const h = this.#where.get(endpointId);
    if (!h) throw new HotlineError(ErrorCode.NotFound, `unknown endpoint ${endpointId}`);
    return h;
  }

  #recWorker(recordingId: string): WorkerHandle {
    const h = this.#recordingWorker.get(recordingId);
    if (!h) throw new HotlineError(ErrorCode.NotFound, `unknown recording ${recordingId}`);
    return h;
  }

  #leastLoaded(): WorkerHandle {
    if (this.#workers.length === 0) throw new HotlineError(ErrorCode.Unavailable, 'media engine not started');
    return this.#workers.reduce((a, b) => (b.endpoints < a.endpoints ? b : a));
  }

  #to<T>(endpointId: string, cmd: WorkerCommand): Promise<T> {
    try {
      return this.#call(this.#worker(endpointId), cmd) as Promise<T>;
    } catch (e) {
      return Promise.reject(e);
    }
  }

  #call(h: WorkerHandle, command: WorkerCommand): Promise<unknown> {
    const id = ++this.#seq;
    return new Promise((resolve, reject) => {
      h.pending.set(id, { resolve, reject });
      h.port.postMessage({ kind: 'command', id, command });
    });
  }
}
