import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { readFile } from 'node:fs/promises';
import { DeadMediaDetector } from '../dead-media.ts';
import { DtmfDetector } from '../dtmf-detector.ts';
import { decodeG711, encodeG711 } from '../g711.ts';
import { hearingMatrix, mixFrames, soleSpeaker } from '../mixer.ts';
import { Player, type PlayItem } from '../player.ts';
import { ReceiverStats } from '../receiver-stats.ts';
import { RecorderCore } from '../recorder.ts';
import { RecordingFile } from '../recording-file.ts';
import { looksLikeRtcp, parseRtp, RTP_HEADER_SIZE, writeRtpHeader } from '../rtp-packet.ts';
import { type DigitEvent, digitToEvent, planTelephoneEvent } from '../telephone-event.ts';
import { readWavAs8kMono } from '../wav.ts';
import { type BridgeState, Endpoint, RELATCH_AFTER_MS } from './endpoint.ts';
import type { CommandReply, MediaEvent, PlaySpec, WorkerCommand, WorkerConfig, WorkerLoad } from './protocol.ts';
import { handleRtcp, sendRtcpReport } from './rtcp-io.ts';

export const PTIME_MS = 20;
export const FRAME = 160;
/** When the worker falls this far behind, it skips ticks instead of bursting. */
const MAX_CATCH_UP_MS = 200;
/** Ticks of audio between two digits sent with sendDtmf. */
const DTMF_INTER_DIGIT_TICKS = 3;

type Reply =
  | { ok: true; result?: unknown }
  | { ok: false; code: Extract<CommandReply, { ok: false }>['code']; message: string };
class CommandError extends Error {
  readonly code: Extract<CommandReply, { ok: false }>['code'];
  constructor(code: Extract<CommandReply, { ok: false }>['code'], message: string) {
    super(message);
    this.code = code;
  }
}

interface Recording {
  id: string;
  core: RecorderCore;
  file: RecordingFile;
  caller: Endpoint;
  agent: Endpoint | undefined;
}

/**
 * Everything a media worker does: owns its port slice and sockets, runs the 20 ms clock, relays,
 * mixes, plays, records and detects DTMF. Talks to the outside only through `emit` and command
 * replies, so the switch's main thread never sees a media packet.
 */
export class WorkerRuntime {
  readonly #cfg: WorkerConfig;
  readonly #emit: (e: MediaEvent) => void;
  readonly #endpoints = new Map<string, Endpoint>();
  readonly #bridges = new Map<string, BridgeState>();
  readonly #recordings = new Map<string, Recording>();
  readonly #prompts = new Map<string, Promise<Int16Array>>();
  #cursor: number;
  #timer: NodeJS.Timeout | undefined;
  #nextTickMs = 0;
  #lateTicks = 0;
  readonly #pcm = new Int16Array(FRAME);

  constructor(cfg: WorkerConfig, emit: (e: MediaEvent) => void) {
    this.#cfg = cfg;
    this.#emit = emit;
    this.#cursor = cfg.portMin + (cfg.portMin % 2);
  }

  start(): void {
    this.#nextTickMs = performance.now() + PTIME_MS;
    const loop = () => {
      const now = performance.now();
      if (now - this.#nextTickMs > MAX_CATCH_UP_MS) {
        this.#lateTicks += Math.floor((now - this.#nextTickMs) / PTIME_MS);
        this.#nextTickMs = now;
      }
      while (this.#nextTickMs <= now) {
        if (now - this.#nextTickMs > PTIME_MS) this.#lateTicks++;
        this.#tick(this.#nextTickMs);
        this.#nextTickMs += PTIME_MS;
      }
      this.#timer = setTimeout(loop, Math.max(0, this.#nextTickMs - performance.now()));
    };
    this.#timer = setTimeout(loop, PTIME_MS);
  }

  async stop(): Promise<void> {
    clearTimeout(this.#timer);
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
        return this.#setBridge(cmd.bridgeId, cmd.members);
      case 'unbridge':
        this.#removeBridge(cmd.bridgeId);
        return undefined;
      case 'play':
        return this.#play(cmd);
      case 'stopPlay':
        this.#stopPlayer(this.#ep(cmd.endpointId), 'stopped');
        return undefined;
      case 'recordStart':
        return this.#recordStart(cmd);
      case 'recordPause':
      case 'recordResume': {
        const r = this.#recordings.get(cmd.recordingId);
        if (!r) throw new CommandError('not_found', `recording ${cmd.recordingId}`);
        if (cmd.op === 'recordPause' && r.core.state === 'recording') r.core.pause();
        if (cmd.op === 'recordResume' && r.core.state === 'paused') r.core.resume();
        return undefined;
      }
      case 'recordStop':
        if (!this.#recordings.has(cmd.recordingId)) throw new CommandError('not_found', `recording ${cmd.recordingId}`);
        return this.#recordStop(cmd.recordingId);
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
        return {
          endpoints: this.#endpoints.size,
          bridges: this.#bridges.size,
          recordings: this.#recordings.size,
          lateTicks: this.#lateTicks,
        } satisfies WorkerLoad;
    }
  }

  async #allocate(id: string, deadMediaMs: number): Promise<{ port: number }> {
    if (this.#endpoints.has(id)) return { port: this.#endpoints.get(id)!.port };
    const span = this.#cfg.portMax - this.#cfg.portMin;
    for (let tries = 0; tries < span / 2; tries++) {
      const port = this.#cursor;
      this.#cursor += 2;
      if (this.#cursor + 1 >= this.#cfg.portMax) this.#cursor = this.#cfg.portMin + (this.#cfg.portMin % 2);
      if ([...this.#endpoints.values()].some((e) => e.port === port)) continue;
      const rtp = await bindUdp(this.#cfg.bindAddress, port);
      if (!rtp) continue;
      const rtcp = await bindUdp(this.#cfg.bindAddress, port + 1);
      if (!rtcp) {
        rtp.close();
        continue;
      }
      const ep = new Endpoint(id, port, rtp, rtcp, performance.now(), deadMediaMs);
      rtp.on('message', (msg, rinfo) => this.#onRtp(ep, msg, rinfo));
      rtcp.on('message', (msg, rinfo) => handleRtcp(ep, msg, rinfo, performance.now()));
      this.#endpoints.set(id, ep);
      return { port };
    }
    throw new CommandError('unavailable', `no free RTP port in ${this.#cfg.portMin}–${this.#cfg.portMax}`);
  }

  #onRtp(ep: Endpoint, msg: Buffer, rinfo: RemoteInfo): void {
    const now = performance.now();
    // RFC 5761 §4: RTCP multiplexed on the RTP port is told apart by its packet type.
    if (looksLikeRtcp(msg)) {
      handleRtcp(ep, msg, rinfo, now);
      return;
    }
    const r = parseRtp(msg);
    if (!r.ok) {
      ep.malformed++;
      return;
    }
    if (!ep.remote) return; // not negotiated yet
    const from = ep.remote;
    if (rinfo.address !== from.address || rinfo.port !== from.port) {
      // Symmetric RTP (RFC 4961): send back to where the packets come from — the first source,
      // or a new one once the current has been silent for RELATCH_AFTER_MS.
      if (ep.latched && now - ep.lastFromRemoteMs < RELATCH_AFTER_MS) return;
      ep.remote = { address: rinfo.address, port: rinfo.port, rtcpPort: rinfo.port + 1 };
    }
    ep.latched = true;
    ep.lastFromRemoteMs = now;
    ep.packetsReceived++;
    ep.dead?.onPacket(now);
    if (!ep.canReceive) return;
    const p = r.value;
    if (!ep.rx || ep.rx.ssrc !== p.ssrc) {
      ep.rx = new ReceiverStats(p.ssrc, p.sequenceNumber);
      ep.jitter.reset();
    }
    ep.rx.onPacket(p.sequenceNumber, p.timestamp, now);
    if (p.payloadType === ep.codec.dtmfPayloadType && ep.codec.dtmfPayloadType !== undefined) {
      const got = ep.telephoneEvents.receive(p.ssrc, p.timestamp, p.payload, now);
      if (got.started !== undefined) this.#onDigitStart(ep);
      for (const d of got.ended) this.#onDigit(ep, d);
      this.#relayEvent(ep, p.ssrc, p.sequenceNumber, p.timestamp, p.marker, p.payload, now);
      return;
    }
    if (p.payloadType !== ep.codec.payloadType || p.payload.length === 0 || p.payload.length > 1280) {
      ep.unknownPayloadType++;
      return;
    }
    const pcm = decodeG711(ep.codec.codec, p.payload);
    ep.jitter.push(p.sequenceNumber, pcm);
    const b = ep.bridge;
    if (!b) return;
    for (let l = 0; l < b.endpoints.length; l++) {
      if (b.sole[l] !== ep.bridgeIndex) continue;
      const to = b.endpoints[l]!;
      if (!to.canSend || to.outputBusy) continue;
      const h = to.out.relay(p.ssrc, p.sequenceNumber, p.timestamp, p.marker, now, p.payload.length);
      const out = Buffer.allocUnsafe(RTP_HEADER_SIZE + pcm.length);
      writeRtpHeader(out, { ...h, payloadType: to.codec.payloadType, ssrc: to.out.ssrc });
      if (to.codec.codec === ep.codec.codec) out.set(p.payload, RTP_HEADER_SIZE);
      else encodeG711(to.codec.codec, pcm, out.subarray(RTP_HEADER_SIZE));
      this.#send(to, out);
    }
  }

  /** RFC 4733 packets follow the audio path to a peer that negotiated telephone-event. */
  #relayEvent(
    ep: Endpoint,
    ssrc: number,
    seq: number,
    ts: number,
    marker: boolean,
    payload: Uint8Array,
    now: number,
  ): void {
    const b = ep.bridge;
    if (!b) return;
    for (let l = 0; l < b.endpoints.length; l++) {
      const to = b.endpoints[l]!;
      if (b.sole[l] !== ep.bridgeIndex || to.codec.dtmfPayloadType === undefined || !to.canSend || to.outputBusy)
        continue;
      const h = to.out.relay(ssrc, seq, ts, marker, now, payload.length);
      const out = Buffer.allocUnsafe(RTP_HEADER_SIZE + payload.length);
      writeRtpHeader(out, { ...h, payloadType: to.codec.dtmfPayloadType, ssrc: to.out.ssrc });
      out.set(payload, RTP_HEADER_SIZE);
      this.#send(to, out);
    }
  }

  #send(ep: Endpoint, buf: Buffer): void {
    const r = ep.remote!;
    ep.sentSinceReport = true;
    ep.rtp.send(buf, r.port, r.address);
  }

  #onDigitStart(ep: Endpoint): void {
    if (ep.player?.player.stopOnDtmf) this.#stopPlayer(ep, 'dtmf');
  }

  #onDigit(ep: Endpoint, d: DigitEvent): void {
    this.#emit({ type: 'dtmf', endpointId: ep.id, ...d });
  }

  #sendLocal(ep: Endpoint, pcm: Int16Array, now: number): void {
    if (!ep.canSend) return;
    const out = Buffer.allocUnsafe(RTP_HEADER_SIZE + FRAME);
    const h = ep.out.local(FRAME, now);
    writeRtpHeader(out, { ...h, payloadType: ep.codec.payloadType, ssrc: ep.out.ssrc });
    encodeG711(ep.codec.codec, pcm, out.subarray(RTP_HEADER_SIZE));
    this.#send(ep, out);
  }

  #tick(now: number): void {
    for (const ep of this.#endpoints.values()) {
      ep.frame = ep.jitter.pop()?.samples;
      if (ep.inband && ep.frame) {
        const r = ep.inband.process(ep.frame);
        if (r.started.length > 0) this.#onDigitStart(ep);
        for (const d of r.ended) this.#onDigit(ep, d);
      }
      for (const d of ep.telephoneEvents.poll(now)) this.#onDigit(ep, d);
      if (ep.dead?.poll(now)) this.#emit({ type: 'deadMedia', endpointId: ep.id, silentMs: ep.dead.timeoutMs });
      if (now >= ep.nextRtcpMs) sendRtcpReport(ep, now);
    }
    for (const b of this.#bridges.values()) this.#mixBridge(b, now);
    for (const ep of this.#endpoints.values()) {
      if (this.#sendDtmfTick(ep, now)) continue;
      const pl = ep.player;
      if (!pl) continue;
      if (pl.player.next(this.#pcm) === 'done') {
        this.#stopPlayer(ep, 'done');
        continue;
      }
      this.#sendLocal(ep, this.#pcm, now);
    }
    for (const r of this.#recordings.values()) {
      const bytes = r.core.tick(r.caller.frame, r.agent?.frame);
      if (bytes) r.file.append(bytes, now);
    }
  }

  #mixBridge(b: BridgeState, now: number): void {
    let needsMix = false;
    for (let l = 0; l < b.endpoints.length; l++)
      if (b.sole[l] === undefined && b.hears[l]!.some(Boolean)) needsMix = true;
    if (!needsMix) return;
    const outs = mixFrames(
      b.endpoints.map((e) => e.frame),
      b.hears,
    );
    for (let l = 0; l < b.endpoints.length; l++) {
      const ep = b.endpoints[l]!;
      const o = outs[l];
      if (b.sole[l] !== undefined || !o || ep.outputBusy) continue;
      this.#sendLocal(ep, o, now);
    }
  }

  /** Sends one packet of a queued digit; true if this tick's output was DTMF (or the gap after it). */
  #sendDtmfTick(ep: Endpoint, now: number): boolean {
    if (!ep.dtmf && ep.dtmfGapTicks > 0) {
      ep.dtmfGapTicks--;
      return false;
    }
    if (!ep.dtmf) {
      const digit = ep.dtmfQueue.shift();
      if (digit === undefined) return false;
      ep.dtmf = {
        packets: planTelephoneEvent(digitToEvent(digit)!, ep.dtmfDurationMs),
        next: 0,
        eventTs: ep.out.eventStart(now),
      };
    }
    const d = ep.dtmf;
    const pkt = d.packets[d.next++]!;
    if (d.next >= d.packets.length) {
      ep.dtmf = undefined;
      ep.dtmfGapTicks = DTMF_INTER_DIGIT_TICKS;
    }
    if (ep.codec.dtmfPayloadType === undefined || !ep.canSend) return true;
    const h = ep.out.event(d.eventTs, pkt.marker, now);
    const out = Buffer.allocUnsafe(RTP_HEADER_SIZE + 4);
    writeRtpHeader(out, { ...h, payloadType: ep.codec.dtmfPayloadType, ssrc: ep.out.ssrc });
    out.set(pkt.payload, RTP_HEADER_SIZE);
    this.#send(ep, out);
    return true;
  }

  #setBridge(id: string, members: { id: string; mode: 'full' | 'listen' | 'whisper' | 'barge'; whisperTo?: string }[]) {
    const eps = members.map((m) => this.#ep(m.id));
    for (const ep of eps) {
      if (ep.bridge && ep.bridge.id !== id)
        throw new CommandError('conflict', `endpoint ${ep.id} is already in bridge ${ep.bridge.id}`);
    }
    this.#removeBridge(id);
    const hears = hearingMatrix(members);
    const b: BridgeState = { id, endpoints: eps, hears, sole: hears.map((row) => soleSpeaker(row)) };
    eps.forEach((ep, i) => {
      ep.bridge = b;
      ep.bridgeIndex = i;
    });
    this.#bridges.set(id, b);
    return undefined;
  }

  #removeBridge(id: string): void {
    const b = this.#bridges.get(id);
    if (!b) return;
    for (const ep of b.endpoints) {
      ep.bridge = undefined;
      ep.bridgeIndex = -1;
    }
    this.#bridges.delete(id);
  }

  async #play(cmd: Extract<WorkerCommand, { op: 'play' }>): Promise<undefined> {
    const ep = this.#ep(cmd.endpointId);
    let items: PlayItem[];
    try {
      items = await Promise.all(cmd.items.map((s) => this.#item(s)));
    } catch (e) {
      this.#emit({
        type: 'playDone',
        endpointId: ep.id,
        playId: cmd.playId,
        reason: 'error',
        error: (e as Error).message,
      });
      return undefined;
    }
    if (!this.#endpoints.has(ep.id)) return undefined;
    this.#stopPlayer(ep, 'stopped');
    ep.player = { player: new Player(items, { loop: cmd.loop, stopOnDtmf: cmd.stopOnDtmf }), playId: cmd.playId };
    return undefined;
  }

  #item(s: PlaySpec): Promise<PlayItem> {
    if ('silenceMs' in s) return Promise.resolve({ kind: 'silence', ms: s.silenceMs });
    if ('tone' in s)
      return Promise.resolve(
        s.durationMs === undefined
          ? { kind: 'tone', tone: s.tone }
          : { kind: 'tone', tone: s.tone, durationMs: s.durationMs },
      );
    let p = this.#prompts.get(s.file);
    if (!p) {
      p = readFile(s.file).then((buf) => {
        const r = readWavAs8kMono(buf);
        if (!r.ok) throw new Error(`${s.file}: ${r.error}`);
        return r.value;
      });
      p.catch(() => this.#prompts.delete(s.file));
      this.#prompts.set(s.file, p);
    }
    return p.then((samples) => ({ kind: 'audio', samples }));
  }

  #stopPlayer(ep: Endpoint, reason: 'done' | 'stopped' | 'dtmf'): void {
    const pl = ep.player;
    if (!pl) return;
    ep.player = undefined;
    this.#emit({ type: 'playDone', endpointId: ep.id, playId: pl.playId, reason });
  }

  async #recordStart(cmd: Extract<WorkerCommand, { op: 'recordStart' }>): Promise<undefined> {
    if (this.#recordings.has(cmd.recordingId))
      throw new CommandError('conflict', `recording ${cmd.recordingId} exists`);
    const caller = this.#ep(cmd.caller);
    const agent = cmd.agent === undefined ? undefined : this.#ep(cmd.agent);
    let file: RecordingFile;
    try {
      file = await RecordingFile.open(cmd.path, cmd.channels, performance.now());
    } catch (e) {
      throw new CommandError('unavailable', `cannot open ${cmd.path}: ${(e as Error).message}`);
    }
    this.#recordings.set(cmd.recordingId, {
      id: cmd.recordingId,
      core: new RecorderCore(cmd.channels),
      file,
      caller,
      agent,
    });
    return undefined;
  }

  async #recordStop(id: string): Promise<unknown> {
    const r = this.#recordings.get(id)!;
    this.#recordings.delete(id);
    r.core.stop();
    try {
      const c = await r.file.close();
      const ev = { type: 'recordingClosed' as const, recordingId: id, ...c };
      this.#emit(ev);
      return c;
    } catch (e) {
      this.#emit({ type: 'recordingFailed', recordingId: id, path: r.file.path, error: (e as Error).message });
      throw new CommandError('internal', (e as Error).message);
    }
  }

  async #release(id: string): Promise<unknown> {
    const ep = this.#endpoints.get(id);
    if (!ep) return undefined; // idempotent
    this.#stopPlayer(ep, 'stopped');
    for (const r of [...this.#recordings.values()])
      if (r.caller === ep || r.agent === ep) await this.#recordStop(r.id).catch(() => {});
    if (ep.bridge) {
      const b = ep.bridge;
      this.#removeBridge(b.id);
      // The others stay bridged with the modes they had.
      if (b.endpoints.length > 2) this.#setBridgeKeepingModes(b, ep);
    }
    this.#endpoints.delete(id);
    const stats = ep.stats();
    ep.rtp.close();
    ep.rtcp.close();
    this.#emit({ type: 'stats', endpointId: id, stats, final: true });
    return stats;
  }

  #setBridgeKeepingModes(old: BridgeState, gone: Endpoint): void {
    const keep = old.endpoints.map((_, i) => i).filter((i) => old.endpoints[i] !== gone);
    const eps = keep.map((i) => old.endpoints[i]!);
    const hears = keep.map((l) => keep.map((s) => old.hears[l]![s]!));
    const b: BridgeState = { id: old.id, endpoints: eps, hears, sole: hears.map((row) => soleSpeaker(row)) };
    eps.forEach((e, i) => {
      e.bridge = b;
      e.bridgeIndex = i;
    });
    this.#bridges.set(b.id, b);
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
