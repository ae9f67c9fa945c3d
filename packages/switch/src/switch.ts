import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CallControlCommand, LegView, RegistrationView, SwitchConfig } from '@hotline/contracts';
import { newId, type Scheduler, type TimerHandle } from '@hotline/core';
import type { MediaEvent } from '@hotline/media';
import {
  type Ban,
  type Binding,
  type BindingStore,
  DigestServer,
  Guard,
  getHeader,
  type IncomingRequest,
  MemoryBindingStore,
  Registrar,
  type SipEndpoint,
  type SipRequest,
  type TransportProtocol,
} from '@hotline/sip';
import type { Collector } from './calls/collector.ts';
import { handleCommand } from './calls/commands.ts';
import { handleInvite } from './calls/inbound.ts';
import { onOffer } from './calls/reinvite.ts';
import type { SessionTimer } from './calls/session-timer.ts';
import { handleRefer } from './calls/transfer.ts';
import type { BanJournal } from './control/ban-journal.ts';
import { CallControlServer, type EventBody } from './control/call-control-server.ts';
import type { EventJournal } from './control/event-journal.ts';
import { Bridge } from './core/bridge.ts';
import { type Leg, q850OfStatus } from './core/leg.ts';
import type { MediaPort } from './media/media-port.ts';
import { ConfigCredentialStore, hashConfigSecrets } from './sip/config-credentials.ts';
import { type DialogUsage, dialogKeyOfRequest, type SipEnd } from './sip/dialog-usage.ts';
import { UasCall } from './sip/uas-call.ts';

/** Registrar limits (seconds): phones asking for less get 423 with Min-Expires (§10.3 step 7). */
export const MIN_EXPIRES_S = 60;
export const MAX_EXPIRES_S = 3600;
export const DEFAULT_EXPIRES_S = 600;
/** How often expired bans are lifted (and reported). */
export const GUARD_SWEEP_MS = 1_000;

export interface SwitchLog {
  info(data: Record<string, unknown>, msg: string): void;
  warn(data: Record<string, unknown>, msg: string): void;
}

export interface SwitchOptions {
  endpoint: SipEndpoint;
  media: MediaPort;
  scheduler: Scheduler;
  config: SwitchConfig;
  /** Address written in SDP c= lines and Contact headers. */
  advertiseHost: string;
  recordingsDir: string;
  /** WAV played by the fallback route when nobody in the fallback group answers. */
  announcementFile: string;
  /** Directory for rendered `leg.say` prompts. */
  promptCacheDir: string;
  controlToken: string;
  log: SwitchLog;
  /** Persist a configuration pushed by control (JSON cache under the data directory). */
  saveConfig?: (c: SwitchConfig) => void;
  /**
   * The scanner / brute-force defence; the runtime also installs it as the endpoint's `admit`
   * hook. Trunk addresses of the configuration are added to its allow list. Default: a new Guard.
   */
  guard?: Guard;
  /** Where registrations are kept across restarts (default: memory only). */
  bindingStore?: BindingStore;
  /** Unacknowledged call-control events on disk (decision 0306); memory only when absent. */
  journal?: EventJournal;
  /** The guard's bans on disk, restored at start (decision 0308); memory only when absent. */
  banJournal?: BanJournal;
  /** Digest nonce HMAC key (random per process when absent). */
  nonceSecret?: Uint8Array;
  switchId?: string;
}

/** A fork of outbound legs ringing for one purpose; the first to answer wins. */
export interface Fork {
  legs: Set<Leg>;
  timer: TimerHandle | null;
}

/**
 * The B2BUA: every call is two (or more) legs joined by a bridge; control drives them over the
 * call-control protocol, static routes and the fallback route drive them while control is away.
 */
export class Switch {
  readonly id: string;
  readonly startedAt: number;
  readonly endpoint: SipEndpoint;
  readonly media: MediaPort;
  readonly scheduler: Scheduler;
  readonly opts: SwitchOptions;
  readonly log: SwitchLog;
  readonly registrar: Registrar;
  readonly digest: DigestServer;
  readonly guard: Guard;
  readonly credentials: ConfigCredentialStore;
  readonly control: CallControlServer;
  config: SwitchConfig;
  readonly legs = new Map<string, Leg>();
  readonly bridges = new Map<string, Bridge>();
  readonly dialogs = new Map<string, { usage: DialogUsage; leg: Leg }>();
  readonly byEndpoint = new Map<string, Leg>();
  readonly collectors = new Map<string, Collector>();
  /** Internal reactions to `playDone` (fallback announcement, ringback). */
  readonly playWaiters = new Map<string, (reason: string) => void>();
  /** Mono recordings of single legs (`leg.record`). */
  readonly legRecordings = new Map<string, { legId: string; startedAt: number; timer: TimerHandle | null }>();
  /** Outbound legs still ringing on behalf of a leg (cancelled when it ends). */
  readonly forks = new Map<string, Fork>();
  readonly outboundHistory = new Map<string, number[]>();
  readonly sessionTimers = new Map<string, SessionTimer>();
  readonly #sweep: TimerHandle;
  readonly #guardSweep: TimerHandle;

  constructor(opts: SwitchOptions) {
    this.opts = opts;
    this.id = opts.switchId ?? newId();
    this.endpoint = opts.endpoint;
    this.media = opts.media;
    this.scheduler = opts.scheduler;
    this.log = opts.log;
    this.startedAt = opts.scheduler.now();
    this.config = hashConfigSecrets(opts.config);
    this.credentials = new ConfigCredentialStore(this.config);
    this.digest = new DigestServer({
      realm: this.config.realm,
      credentials: this.credentials,
      clock: opts.scheduler,
      ...(opts.nonceSecret ? { secret: opts.nonceSecret } : {}),
    });
    this.guard = opts.guard ?? new Guard({ clock: opts.scheduler });
    this.guard.setAllow(trunkAddresses(this.config));
    // Decision 0308: a restart (or crash) does not free a banned source.
    const restored = opts.banJournal?.load() ?? [];
    this.guard.restore(restored);
    if (restored.length > 0) this.log.info({ bans: restored.length }, 'sip guard: bans restored');
    this.registrar = new Registrar({
      digest: this.digest,
      store: opts.bindingStore ?? new MemoryBindingStore(),
      scheduler: opts.scheduler,
      defaultExpires: DEFAULT_EXPIRES_S,
      minExpires: MIN_EXPIRES_S,
      maxExpires: MAX_EXPIRES_S,
      isUserLocked: (u) => this.guard.isBanned('user', u),
    });
    this.control = new CallControlServer({
      token: opts.controlToken,
      scheduler: opts.scheduler,
      handle: (cmd: CallControlCommand) => handleCommand(this, cmd),
      snapshot: () => this.snapshotBody(false),
      ...(opts.journal ? { journal: opts.journal } : {}),
      log: (level, msg, data) => this.log[level](data ?? {}, msg),
    });
    this.registrar.registered.on((b) =>
      this.emit({
        type: 'endpoint.registered',
        extension: userOfBinding(b),
        contact: b.contact,
        source: `${b.source.host}:${b.source.port}`,
        expiresAt: b.expiresAt,
      }),
    );
    this.registrar.unregistered.on((b, reason) =>
      this.emit({
        type: 'endpoint.unregistered',
        extension: userOfBinding(b),
        reason: reason === 'expired' ? 'expired' : 'removed',
      }),
    );
    this.registrar.authFailed.on((f) => {
      this.guard.recordAuthFailure(f.source, f.user);
      this.alert(
        'auth_failed',
        `${f.source.host}:${f.source.port}`,
        `REGISTER for "${f.user ?? ''}" refused (${f.reason})`,
      );
    });
    this.registrar.authSucceeded.on((s) => this.guard.recordAuthSuccess(s.source, s.user));
    this.guard.banned.on((ban) => {
      opts.banJournal?.banned(ban);
      this.log.warn({ ...ban }, 'sip guard: ban');
      this.emit({ type: 'ban', ban: banView(ban) });
    });
    this.guard.unbanned.on((ban) => {
      opts.banJournal?.lifted(ban);
      const by = this.#unbanning ? 'control' : 'expiry';
      this.log.info({ ...ban, by }, 'sip guard: ban lifted');
      this.emit({ type: 'unban', ban: banView(ban), by });
    });
    this.#guardSweep = opts.scheduler.setInterval(() => this.guard.sweep(), GUARD_SWEEP_MS);
    this.endpoint.request.on((inc) => this.#onRequest(inc));
    this.endpoint.ack.on((req) => this.#onAck(req));
    this.endpoint.cancelled.on((inc) => this.#onCancelled(inc));
    this.media.events.on((e) => this.#onMedia(e));
    this.#sweep = opts.scheduler.setInterval(() => this.#sweepHistory(), 60_000);
  }

  get contact(): string {
    const t = this.endpoint.transports[0];
    return `<sip:hotline@${this.opts.advertiseHost}:${t?.local.port ?? 5060}>`;
  }

  /**
   * Our Contact for a dialog whose flow uses `protocol`: that transport's listening port, with
   * `;transport=` for anything but UDP (§19.1.1), so the phone sends ACK, BYE and re-INVITEs over
   * the same kind of transport — a phone on TLS must not fall back to clear-text UDP in the dialog.
   */
  contactFor(protocol: TransportProtocol): string {
    const t = this.endpoint.transports.find((x) => x.protocol === protocol);
    if (!t || t.protocol === 'udp') return this.contact;
    return `<sip:hotline@${this.opts.advertiseHost}:${t.local.port};transport=${t.protocol}>`;
  }

  emit(body: EventBody): void {
    this.control.emit(body);
  }

  get controlConnected(): boolean {
    return this.control.controlCount > 0;
  }

  /** Restores the persisted registrations and starts their expiry. */
  async start(): Promise<void> {
    await this.registrar.start();
  }

  /** A configuration from control: clear passwords become HA1 before it is used or cached. */
  configure(c: SwitchConfig): void {
    const hashed = hashConfigSecrets(c);
    this.config = hashed;
    this.credentials.update(hashed);
    this.guard.setAllow(trunkAddresses(hashed));
    this.opts.saveConfig?.(hashed);
  }

  #unbanning = false;

  /** Lifts a ban by hand (`switch.unban`); the `unban` event says `by: control`. */
  unban(kind: 'ip' | 'user', key: string): boolean {
    this.#unbanning = true;
    try {
      return this.guard.unban(kind, key);
    } finally {
      this.#unbanning = false;
    }
  }

  extension(ext: string) {
    return this.config.extensions.find((e) => e.extension === ext);
  }

  // ------------------------------------------------------------------------------- SIP entry

  #onRequest(inc: IncomingRequest): void {
    const req = inc.request;
    const key = dialogKeyOfRequest(req);
    if (key) {
      const d = this.dialogs.get(key);
      if (!d) {
        inc.respond(481);
        return;
      }
      d.usage.receive(inc);
      return;
    }
    switch (req.method) {
      case 'REGISTER':
        // §10.3: digest, AOR check, bindings (persisted through the BindingStore).
        void this.registrar.handle(inc).catch((e: unknown) => {
          this.log.warn({ error: String(e) }, 'register handling failed');
          inc.respond(500);
        });
        return;
      case 'INVITE':
        void handleInvite(this, inc).catch((e: unknown) => {
          this.log.warn({ error: String(e) }, 'invite handling failed');
          if (inc.transaction.state === 'proceeding') inc.respond(500);
        });
        return;
      case 'OPTIONS':
        inc.respond(200, { headers: [['Allow', 'INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, REFER, NOTIFY, UPDATE']] });
        return;
      case 'BYE':
        inc.respond(481);
        return;
      default:
        inc.respond(405, { headers: [['Allow', 'INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, INFO, REFER, NOTIFY']] });
    }
  }

  #onAck(req: SipRequest): void {
    const key = dialogKeyOfRequest(req);
    const d = key ? this.dialogs.get(key) : undefined;
    if (d?.usage instanceof UasCall) d.usage.acked();
  }

  #onCancelled(inc: IncomingRequest): void {
    for (const { usage } of this.dialogs.values())
      if (usage instanceof UasCall && usage.incoming === inc) {
        usage.cancelled();
        return;
      }
  }

  /**
   * Digest check of a request from a phone (RFC 3261 §22.3, RFC 7616): the authenticated user,
   * or null after answering. No credentials or a stale nonce → challenge; unknown user, wrong
   * password and a locked user get the same 403 (no enumeration) and count towards a ban; other
   * failures (foreign nonce after a restart, replay, malformed) are challenged again but counted.
   */
  async authenticate(inc: IncomingRequest, proxy: boolean): Promise<string | null> {
    const ua = getHeader(inc.request, 'User-Agent') ?? null;
    const challengeHeader = proxy ? 'Proxy-Authenticate' : 'WWW-Authenticate';
    const challenge = (stale: boolean) =>
      inc.respond(proxy ? 407 : 401, {
        headers: this.digest.challenges(stale, ua).map((c) => [challengeHeader, c] as const),
      });
    const header = getHeader(inc.request, proxy ? 'Proxy-Authorization' : 'Authorization');
    const v = await this.digest.verify(inc.request.method, header);
    if (v.ok) {
      // docs/decisions/0102: a locked user stays usable from where its phone is registered.
      const locked =
        this.guard.isBanned('user', v.user) &&
        !this.registrar.lookup(v.user).some((b) => b.source.host === inc.source.host);
      if (!locked) {
        this.guard.recordAuthSuccess(inc.source, v.user);
        return v.user;
      }
    }
    const reason = v.ok ? 'locked' : v.reason;
    if (reason === 'missing' || reason === 'stale') {
      challenge(reason === 'stale');
      return null;
    }
    this.guard.recordAuthFailure(inc.source, v.user);
    this.alert('auth_failed', inc, `${inc.request.method} for "${v.user ?? ''}" refused (${reason})`);
    if (reason === 'unknown-user' || reason === 'wrong-password' || reason === 'locked')
      inc.respond(403, { reason: 'Forbidden (bad credentials)' });
    else challenge(false);
    return null;
  }

  alert(
    kind: 'auth_failed' | 'unauthenticated_external' | 'permission_denied' | 'outbound_volume' | 'trunk_limit',
    from: IncomingRequest | string | null,
    detail: string,
  ): void {
    const source = typeof from === 'string' ? from : from ? `${from.source.host}:${from.source.port}` : '';
    this.log.warn({ kind, source, detail }, 'security alert');
    this.emit({ type: 'alert', kind, source, detail });
  }

  // ---------------------------------------------------------------------------- leg lifecycle

  /** Wires a leg's SIP usage to the switch: dialog routing, offers, REFER/INFO, the end. */
  adopt(leg: Leg): void {
    this.legs.set(leg.id, leg);
    const usage = leg.sip;
    const bind = () => {
      if (usage.key) this.dialogs.set(usage.key, { usage, leg });
    };
    bind();
    if ('progress' in usage) {
      usage.progress.on(bind);
      usage.answered.on(bind);
    }
    usage.offer.on((inc) => void onOffer(this, leg, inc));
    usage.request.on((inc) => this.#inDialog(leg, inc));
    usage.ended.once((end) => void this.legEnded(leg, end));
  }

  #inDialog(leg: Leg, inc: IncomingRequest): void {
    const tag = leg.sip.localTag || undefined;
    switch (inc.request.method) {
      case 'REFER':
        void handleRefer(this, leg, inc);
        return;
      case 'INFO': {
        // SIP INFO DTMF (application/dtmf-relay: "Signal=5").
        const m = /Signal\s*=\s*([0-9*#A-D])/i.exec(Buffer.from(inc.request.body).toString());
        inc.respond(200, tag ? { toTag: tag } : {});
        if (m) this.digit(leg, (m[1] as string).toUpperCase(), 'info');
        return;
      }
      case 'NOTIFY':
      case 'OPTIONS':
        inc.respond(200, tag ? { toTag: tag } : {});
        return;
      default:
        inc.respond(405, tag ? { toTag: tag } : {});
    }
  }

  digit(leg: Leg, digit: string, source: 'rfc4733' | 'inband' | 'info'): void {
    this.emit({ type: 'leg.dtmf', legId: leg.id, digit, source });
    this.collectors.get(leg.id)?.digit(digit);
  }

  async legEnded(leg: Leg, end: SipEnd): Promise<void> {
    if (leg.state === 'ended') return;
    leg.move('ended');
    leg.endedAt = this.scheduler.now();
    leg.cause = { sip: end.status, q850: end.q850 ?? q850OfStatus(end.status), text: end.text, by: end.by };
    if (leg.sip.key) this.dialogs.delete(leg.sip.key);
    this.sessionTimers.get(leg.id)?.cancel();
    this.sessionTimers.delete(leg.id);
    this.collectors.get(leg.id)?.cancel();
    this.collectors.delete(leg.id);
    const fork = this.forks.get(leg.id);
    if (fork) {
      this.forks.delete(leg.id);
      fork.timer?.cancel();
      for (const b of fork.legs) if (b.live) this.hangup(b, 16, 'local');
    }
    for (const [recId, r] of this.legRecordings) if (r.legId === leg.id) await this.stopLegRecording(recId);
    if (leg.bridgeId) await this.leaveBridge(leg);
    if (leg.endpointId) {
      this.byEndpoint.delete(leg.endpointId);
      await this.media.release(leg.endpointId).catch(() => undefined);
    }
    this.legs.delete(leg.id);
    this.emit({ type: 'leg.hungup', legId: leg.id, cause: leg.cause, cdr: leg.cdr() });
  }

  /** Ends a leg whatever its state: reject/CANCEL before answer, BYE after (with a Q.850 cause). */
  hangup(leg: Leg, q850: number, _by: 'local' | 'control' = 'local', status?: number): void {
    if (!leg.live) return;
    const sip = leg.sip;
    if (sip instanceof UasCall) {
      if (leg.state === 'answered') sip.bye(q850);
      else sip.reject(status ?? (q850 === 17 ? 486 : 480), { q850 });
    } else if (leg.state === 'answered') sip.bye(q850);
    else sip.cancel();
  }

  // -------------------------------------------------------------------------------- bridges

  async createBridge(legs: Leg[], opts: { id?: string; record: boolean; policy: 'all' | 'control' }): Promise<Bridge> {
    const bridge = new Bridge(opts.id ?? newId(), this.scheduler.now(), opts.policy);
    for (const l of legs) {
      if (l.bridgeId) await this.leaveBridge(l, false);
      bridge.add(l.id);
      l.bridgeId = bridge.id;
      l.bridgeIds.push(bridge.id);
      if (l.endpointId) await this.media.stopPlay(l.endpointId).catch(() => undefined);
    }
    this.bridges.set(bridge.id, bridge);
    await this.syncBridge(bridge);
    this.emit({ type: 'bridge.created', bridgeId: bridge.id, legIds: legs.map((l) => l.id) });
    if (opts.record && legs.length >= 2)
      await this.startRecording(bridge).catch((e: unknown) => {
        // A call is never refused because its recording failed; the failure is logged.
        this.log.warn({ bridgeId: bridge.id, error: String(e) }, 'recording did not start');
        bridge.recordingId = null;
      });
    return bridge;
  }

  async syncBridge(bridge: Bridge): Promise<void> {
    await this.media.bridge(
      bridge.id,
      bridge.mediaMembers((id) => this.legs.get(id)?.endpointId ?? null),
    );
  }

  recordingPath(id: string): string {
    const d = new Date(this.scheduler.now());
    const p = (n: number) => String(n).padStart(2, '0');
    return join(this.opts.recordingsDir, String(d.getFullYear()), p(d.getMonth() + 1), p(d.getDate()), `${id}.wav`);
  }

  async startRecording(bridge: Bridge, recordingId = newId()): Promise<string> {
    if (bridge.recordingId) return bridge.recordingId;
    const [caller, agent] = this.orderForRecording(bridge);
    if (!caller?.endpointId) throw new Error('bridge has no media');
    bridge.recordingId = recordingId;
    bridge.recordingStartedAt = this.scheduler.now();
    bridge.recordedLegs = [caller.id, ...(agent ? [agent.id] : [])];
    const path = this.recordingPath(recordingId);
    mkdirSync(dirname(path), { recursive: true });
    await this.media.recordStart({
      path,
      caller: caller.endpointId,
      ...(agent?.endpointId ? { agent: agent.endpointId } : {}),
      channels: 'stereo',
      recordingId,
    });
    return recordingId;
  }

  /** Caller left, agent right: the inbound (or trunk) leg is the caller. */
  orderForRecording(bridge: Bridge): Leg[] {
    const legs = bridge.fullMembers.map((m) => this.legs.get(m.legId)).filter((l): l is Leg => !!l);
    return legs.sort((a, b) => rank(a) - rank(b));
  }

  async stopRecording(bridge: Bridge): Promise<void> {
    const id = bridge.recordingId;
    if (!id) return;
    bridge.recordingId = null;
    try {
      const r = await this.media.recordStop(id);
      this.emitRecording(id, bridge.id, bridge.recordedLegs, r, bridge.recordingStartedAt);
    } catch {
      // already closed by the engine (its `recordingClosed` event reports it)
    }
  }

  emitRecording(
    recordingId: string,
    bridgeId: string | null,
    legIds: string[],
    r: { path: string; durationMs: number; bytes: number; sha256: string },
    startedAt: number,
  ): void {
    this.emit({ type: 'recording.closed', recordingId, bridgeId, legIds, ...r, startedAt });
  }

  async stopLegRecording(recId: string): Promise<void> {
    const r = this.legRecordings.get(recId);
    if (!r) return;
    this.legRecordings.delete(recId);
    r.timer?.cancel();
    try {
      const res = await this.media.recordStop(recId);
      this.emitRecording(recId, null, [r.legId], res, r.startedAt);
    } catch {
      // closed already
    }
  }

  /** Takes a leg out of its bridge; hangs up the rest when the bridge's policy (or no control) says so. */
  async leaveBridge(leg: Leg, mayHangup = true): Promise<void> {
    const bridge = leg.bridgeId ? this.bridges.get(leg.bridgeId) : undefined;
    leg.bridgeId = null;
    if (!bridge || bridge.state === 'destroyed') return;
    bridge.remove(leg.id);
    this.emit({ type: 'bridge.left', bridgeId: bridge.id, legId: leg.id });
    if (bridge.fullMembers.length < 2) await this.stopRecording(bridge);
    const endAll = mayHangup && (bridge.hangupPolicy === 'all' || !this.controlConnected);
    if (bridge.fullMembers.length < 2 && (endAll || bridge.members.length === 0)) {
      await this.destroyBridge(bridge, endAll);
      return;
    }
    await this.syncBridge(bridge).catch(() => undefined);
  }

  async destroyBridge(bridge: Bridge, hangupMembers: boolean): Promise<void> {
    if (bridge.state === 'destroyed') return;
    bridge.destroy();
    this.bridges.delete(bridge.id);
    await this.stopRecording(bridge);
    await this.media.unbridge(bridge.id).catch(() => undefined);
    for (const m of [...bridge.members]) {
      const l = this.legs.get(m.legId);
      if (!l) continue;
      if (l.bridgeId === bridge.id) l.bridgeId = null;
      if (hangupMembers) this.hangup(l, 16);
    }
    this.emit({ type: 'bridge.destroyed', bridgeId: bridge.id });
  }

  // ---------------------------------------------------------------------------------- media

  #onMedia(e: MediaEvent): void {
    switch (e.type) {
      case 'dtmf': {
        const leg = this.byEndpoint.get(e.endpointId);
        if (leg) this.digit(leg, e.digit, e.source);
        return;
      }
      case 'playDone': {
        const leg = this.byEndpoint.get(e.endpointId);
        const w = this.playWaiters.get(e.playId);
        if (w) {
          this.playWaiters.delete(e.playId);
          w(e.reason);
          return;
        }
        if (leg) this.emit({ type: 'leg.playDone', legId: leg.id, playId: e.playId, reason: e.reason });
        return;
      }
      case 'recordingClosed': {
        for (const b of this.bridges.values())
          if (b.recordingId === e.recordingId) {
            b.recordingId = null;
            this.emitRecording(e.recordingId, b.id, b.recordedLegs, e, b.recordingStartedAt);
          }
        const r = this.legRecordings.get(e.recordingId);
        if (r) {
          this.legRecordings.delete(e.recordingId);
          r.timer?.cancel();
          this.emitRecording(e.recordingId, null, [r.legId], e, r.startedAt);
        }
        return;
      }
      case 'deadMedia': {
        const leg = this.byEndpoint.get(e.endpointId);
        // A held call may be silent on purpose (inactive); anything else silent is dead.
        if (leg && leg.state === 'answered' && leg.hold === 'none') {
          this.log.info({ legId: leg.id, silentMs: e.silentMs }, 'dead media: hanging up');
          this.hangup(leg, 102);
        }
        return;
      }
      default:
    }
  }

  // ------------------------------------------------------------------------------- snapshots

  registrations(): RegistrationView[] {
    const now = this.scheduler.now();
    return this.registrar
      .all()
      .filter((b) => b.expiresAt > now)
      .map((b) => ({
        extension: userOfBinding(b),
        contact: b.contact,
        source: `${b.source.host}:${b.source.port}`,
        expiresAt: b.expiresAt,
        userAgent: b.userAgent ?? '',
      }));
  }

  /** Is `host:port` the flow of a live binding of `user`? (carrier trunks authorised by registration). */
  isRegisteredSource(user: string, host: string, port: number): boolean {
    return this.registrar.lookup(user).some((b) => b.source.host === host && b.source.port === port);
  }

  snapshotBody(_withMedia: boolean) {
    return {
      switchId: this.id,
      startedAt: this.startedAt,
      configVersion: this.config.version,
      legs: [...this.legs.values()].filter((l) => l.state !== 'ended').map((l) => l.view()),
      bridges: [...this.bridges.values()].map((b) => b.view()),
      registrations: this.registrations(),
      bans: this.guard.bans().map(banView),
    };
  }

  async snapshotWithMedia() {
    const body = this.snapshotBody(true);
    const legs: LegView[] = [];
    for (const v of body.legs) {
      const ep = this.legs.get(v.legId)?.endpointId;
      const s = ep ? await this.media.stats(ep).catch(() => undefined) : undefined;
      legs.push(
        s
          ? { ...v, media: { packetsReceived: s.packetsReceived, packetsSent: s.packetsSent, localPort: s.localPort } }
          : v,
      );
    }
    return { ...body, legs, lastSeq: this.control.lastSeq };
  }

  #sweepHistory(): void {
    const cutoff = this.scheduler.now() - 600_000;
    for (const [k, v] of this.outboundHistory) {
      const keep = v.filter((t) => t > cutoff);
      if (keep.length) this.outboundHistory.set(k, keep);
      else this.outboundHistory.delete(k);
    }
  }

  async close(): Promise<void> {
    this.#sweep.cancel();
    this.#guardSweep.cancel();
    await this.registrar.stop();
    for (const l of [...this.legs.values()]) this.hangup(l, 16);
    this.control.closeAll();
  }
}

/** The user part of a binding's AOR (`sip:1001@host` → `1001`). */
export function userOfBinding(b: Binding): string {
  return /^sips?:([^@]*)@/.exec(b.aor)?.[1] ?? b.aor;
}

export function banView(b: Ban) {
  return { kind: b.kind, key: b.key, reason: b.reason, since: b.since, until: b.until, failures: b.failures };
}

/** Trunk source addresses (`ip` or `ip:port`): never rate-limited or banned by the guard. */
export function trunkAddresses(c: SwitchConfig): string[] {
  return c.trunks.flatMap((t) => t.allowFrom);
}

function rank(l: Leg): number {
  // The party that called in (trunk or caller extension) is on the left channel.
  return l.direction === 'inbound' ? 0 : 1;
}
