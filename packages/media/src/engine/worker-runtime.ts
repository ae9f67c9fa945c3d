import { createSocket, type Socket } from 'node:dgram';
import { DeadMediaDetector } from '../dead-media.ts';
import { DtmfDetector } from '../dtmf-detector.ts';
import { digitToEvent } from '../telephone-event.ts';
import { BridgeConflict, BridgeSet } from './bridge-set.ts';
import { sendDtmfTick } from './dtmf-sender.ts';
import { Endpoint } from './endpoint.ts';
import { GcMonitor } from './gc-monitor.ts';
import { MediaClock, monotonicScheduler } from './media-clock.ts';
import { type DigitSink, onRtpDatagram, sendLocal } from './packet-path.ts';
import { Playback } from './playback.ts';
import type { CommandReply, MediaEvent, WorkerCommand, WorkerConfig, WorkerLoad } from './protocol.ts';
import { RecordingSet } from './recording-set.ts';
import { handleRtcp, sendRtcpReport } from './rtcp-io.ts';
import { type PriorityResult, setThreadPriority, threadTimes } from './thread-stats.ts';

/** Samples in one 20 ms frame at 8 kHz. */
const FRAME = 160;

type ErrorCode = Extract<CommandReply, { ok: false }>['code'];
type Reply = { ok: true; result?: unknown } | { ok: false; code: ErrorCode; message: string };
class CommandError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * One media worker: owns its port slice and sockets, dispatches commands, and runs the 20 ms clock
 * over its endpoints (jitter buffers, DTMF, dead media, RTCP), bridges (mixes), players and
 * recordings. Packets are handled in packet-path.ts as they arrive. It talks to the outside only
 * through `emit` and command replies, so the switch's main thread never sees a media packet.
 */
export class WorkerRuntime {
  readonly #cfg: WorkerConfig;
  readonly #emit: (e: MediaEvent) => void;
  readonly #endpoints = new Map<string, Endpoint>();
  readonly #bridges = new BridgeSet();
  readonly #recordings: RecordingSet;
  readonly #playback: Playback;
  readonly #clock: MediaClock;
  readonly #gc = new GcMonitor();
  readonly #digits: DigitSink;
  readonly #pcm = new Int16Array(FRAME);
  #cursor: number;
  #priority: PriorityResult | undefined;

  constructor(cfg: WorkerConfig, emit: (e: MediaEvent) => void) {
    this.#cfg = cfg;
    this.#emit = emit;
    this.#cursor = cfg.portMin + (cfg.portMin % 2);
    this.#recordings = new RecordingSet(emit);
    this.#playback = new Playback(emit);
    this.#clock = new MediaClock(monotonicScheduler, (due) => this.#tick(due));
    this.#digits = {
      onDigitStart: (ep) => {
        if (ep.player?.player.stopOnDtmf) this.#playback.stop(ep, 'dtmf');
      },
      onDigit: (ep, d) => this.#emit({ type: 'dtmf', endpointId: ep.id, ...d }),
    };
  }

  start(): void {
    if (this.#cfg.priority !== undefined) this.#priority = setThreadPriority(this.#cfg.priority);
    this.#gc.start();
    this.#clock.start();
  }

  async stop(): Promise<void> {
    this.#clock.stop();
    this.#gc.stop();
    for (const id of [...this.#endpoints.keys()]) await this.#release(id);
  }

  async handle(cmd: WorkerCommand): Promise<Reply> {
    try {
      return { ok: true, result: await this.#dispatch(cmd) };
    } catch (e) {
      if (e instanceof CommandError) return { ok: false, code: e.code, message: e.message };
      return { ok: false, code: 'internal', message: e instanceof Error ? e.message : String(e) };
    }
  }

  #ep(id: string): Endpoint {
    const ep = this.#endpoints.get(id);
    if (!ep) throw new CommandError('not_found', `endpoint ${id} is not on this worker`);
    return ep;
  }

  async #dispatch(cmd: WorkerCommand): Promise<unknown> {
    switch (cmd.op) {
      case 'allocate':
        return this.#allocate(cmd.endpointId, cmd.deadMediaMs ?? this.#cfg.deadMediaMs);
      case 'setRemote': {
        const ep = this.#ep(cmd.endpointId);
        ep.remote = {
          address: cmd.remote.address,
          port: cmd.remote.port,
          rtcpPort: cmd.remote.rtcpPort ?? cmd.remote.port + 1,
        };
        ep.latched = false;
        ep.rtcpRemote = undefined;
        ep.dead = new DeadMediaDetector(performance.now(), ep.deadMediaMs);
        return undefined;
      }
      case 'setCodec': {
        const ep = this.#ep(cmd.endpointId);
        ep.codec = { ...cmd.codec };
        // No telephone-event negotiated: the phone can only send DTMF as tones in the audio.
        if (cmd.codec.dtmfPayloadType === undefined) ep.inband ??= new DtmfDetector();
        return undefined;
      }
      case 'setDirection':
        this.#ep(cmd.endpointId).direction = cmd.direction;
        return undefined;
      case 'setInbandDtmf': {
        const ep = this.#ep(cmd.endpointId);
        ep.inband = cmd.enabled ? (ep.inband ?? new DtmfDetector()) : undefined;
        return undefined;
      }
      case 'bridge':
        try {
          this.#bridges.set(
            cmd.bridgeId,
            cmd.members.map((m) => this.#ep(m.id)),
            cmd.members,
          );
        } catch (e) {
          if (e instanceof BridgeConflict) throw new CommandError('conflict', e.message);
          throw e;
        }
        return undefined;
      case 'unbridge':
        this.#bridges.remove(cmd.bridgeId);
        return undefined;
      case 'play': {
        const ep = this.#ep(cmd.endpointId);
        await this.#playback.play(ep, cmd, () => this.#endpoints.has(ep.id));
        return undefined;
      }
      case 'stopPlay':
        this.#playback.stop(this.#ep(cmd.endpointId), 'stopped');
        return undefined;
      case 'recordStart': {
        if (this.#recordings.has(cmd.recordingId))
          throw new CommandError('conflict', `recording ${cmd.recordingId} exists`);
        const caller = this.#ep(cmd.caller);
        const agent = cmd.agent === undefined ? undefined : this.#ep(cmd.agent);
        try {
          await this.#recordings.start(cmd.recordingId, cmd.path, cmd.channels, caller, agent);
        } catch (e) {
          throw new CommandError('unavailable', `cannot open ${cmd.path}: ${(e as Error).message}`);
        }
        return undefined;
      }
      case 'recordPause':
      case 'recordResume':
        if (!this.#recordings.pause(cmd.recordingId, cmd.op === 'recordPause'))
          throw new CommandError('not_found', `recording ${cmd.recordingId}`);
        return undefined;
      case 'recordStop':
        if (!this.#recordings.has(cmd.recordingId)) throw new CommandError('not_found', `recording ${cmd.recordingId}`);
        try {
          return await this.#recordings.stop(cmd.recordingId);
        } catch (e) {
          throw new CommandError('internal', (e as Error).message);
        }
      case 'sendDtmf': {
        const ep = this.#ep(cmd.endpointId);
        for (const d of cmd.digits)
          if (digitToEvent(d) === undefined) throw new CommandError('bad_request', `not a DTMF digit: ${d}`);
        ep.dtmfDurationMs = cmd.durationMs;
        ep.dtmfQueue.push(...cmd.digits);
        return undefined;
      }
      case 'stats':
        return this.#ep(cmd.endpointId).stats();
      case 'release':
        return this.#release(cmd.endpointId);
      case 'load':
        return this.#load(cmd.resetWindow === true);
    }
  }

  #load(resetWindow: boolean): WorkerLoad {
    const c = this.#clock.stats();
    const t = threadTimes();
    const load: WorkerLoad = {
      endpoints: this.#endpoints.size,
      bridges: this.#bridges.size,
      recordings: this.#recordings.size,
      lateTicks: c.lateTicks,
      ticks: c.ticks,
      skippedTicks: c.skippedTicks,
      tickLatenessMs: { p50: c.lateness.p50, p99: c.lateness.p99, max: c.lateness.max },
      cpuMs: t.cpuMs,
      runQueueWaitMs: t.runQueueWaitMs,
      gc: this.#gc.stats(),
      priority: this.#priority,
    };
    if (resetWindow) {
      this.#clock.resetWindow();
      this.#gc.resetWindow();
    }
    return load;
  }

  async #allocate(id: string, deadMediaMs: number): Promise<{ port: number }> {
    const existing = this.#endpoints.get(id);
    if (existing) return { port: existing.port };
    const used = new Set<number>();
    for (const e of this.#endpoints.values()) used.add(e.port);
    const span = this.#cfg.portMax - this.#cfg.portMin;
    for (let tries = 0; tries < span / 2; tries++) {
      const port = this.#cursor;
      this.#cursor += 2;
      if (this.#cursor + 1 >= this.#cfg.portMax) this.#cursor = this.#cfg.portMin + (this.#cfg.portMin % 2);
      if (used.has(port)) continue;
      const rtp = await bindUdp(this.#cfg.bindAddress, port);
      if (!rtp) continue;
      const rtcp = await bindUdp(this.#cfg.bindAddress, port + 1);
      if (!rtcp) {
        rtp.close();
        continue;
      }
      const ep = new Endpoint(id, port, rtp, rtcp, performance.now(), deadMediaMs);
      rtp.on('message', (msg, rinfo) => onRtpDatagram(ep, msg, rinfo, performance.now(), this.#digits));
      rtcp.on('message', (msg, rinfo) => handleRtcp(ep, msg, rinfo, performance.now()));
      this.#endpoints.set(id, ep);
      return { port };
    }
    throw new CommandError('unavailable', `no free RTP port in ${this.#cfg.portMin}–${this.#cfg.portMax}`);
  }

  #tick(now: number): void {
    for (const ep of this.#endpoints.values()) {
      ep.frame = ep.jitter.pop()?.samples;
      if (ep.inband && ep.frame) {
        const r = ep.inband.process(ep.frame);
        if (r.started.length > 0) this.#digits.onDigitStart(ep);
        for (const d of r.ended) this.#digits.onDigit(ep, d);
      }
      if (ep.telephoneEvents.active) for (const d of ep.telephoneEvents.poll(now)) this.#digits.onDigit(ep, d);
      if (ep.dead?.poll(now)) this.#emit({ type: 'deadMedia', endpointId: ep.id, silentMs: ep.dead.timeoutMs });
      if (now >= ep.nextRtcpMs) sendRtcpReport(ep, now);
    }
    this.#bridges.mixAll(now);
    for (const ep of this.#endpoints.values()) {
      if (sendDtmfTick(ep, now)) continue;
      const pl = ep.player;
      if (!pl) continue;
      if (pl.player.next(this.#pcm) === 'done') {
        this.#playback.stop(ep, 'done');
        continue;
      }
      sendLocal(ep, this.#pcm, now);
    }
    this.#recordings.tick(now);
  }

  async #release(id: string): Promise<unknown> {
    const ep = this.#endpoints.get(id);
    if (!ep) return undefined; // idempotent
    this.#playback.stop(ep, 'stopped');
    await this.#recordings.stopAllOf(ep);
    this.#bridges.leave(ep);
    this.#endpoints.delete(id);
    const stats = ep.stats();
    ep.rtp.close();
    ep.rtcp.close();
    this.#emit({ type: 'stats', endpointId: id, stats, final: true });
    return stats;
  }
}

function bindUdp(address: string, port: number): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    const s = createSocket({ type: 'udp4', reuseAddr: false });
    s.once('error', () => {
      s.close();
      resolve(undefined);
    });
    s.bind(port, address, () => {
      s.removeAllListeners('error');
      s.on('error', () => {});
      resolve(s);
    });
  });
}
