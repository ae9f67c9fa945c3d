import type { TrunkConfig } from '@hotline/contracts';
import { newId } from '@hotline/core';
import { type Destination, isSipUri, parseUri, userDecoded } from '@hotline/sip';
import { Leg } from '../core/leg.ts';
import { classifyNumber } from '../routing/number-plan.ts';
import { newCallId } from '../sip/dialog-usage.ts';
import { UacCall } from '../sip/uac-call.ts';
import type { UasCall } from '../sip/uas-call.ts';
import type { Fork, Switch } from '../switch.ts';
import { allocate, offerFor, readAnswer } from './media-setup.ts';
import { sessionExpiresOf, startSessionTimer } from './session-timer.ts';

/** Where an outbound leg goes. */
export interface DialSpec {
  uri: string;
  dest: Destination;
  toUser: string;
  extension: string | null;
  trunk: TrunkConfig | null;
}

/** RFC 4028 §7.4: the session interval we ask for on outbound legs (seconds). */
export const OUR_SESSION_EXPIRES_S = 1800;

/** Registered contacts of an extension, newest binding first. */
export function extensionTargets(sw: Switch, extension: string): DialSpec[] {
  return sw.registrar
    .lookup(extension)
    .sort((a, b) => b.expiresAt - a.expiresAt)
    .map((b) => ({
      uri: b.contact,
      dest: contactDestination(b.contact, b.source),
      toUser: extension,
      extension,
      trunk: null,
    }));
}

/**
 * Where to send requests for a binding: the Contact's address when it is the address the REGISTER
 * came from (no NAT in between; a phone may register from one port and listen on another), else
 * the flow the REGISTER came in on (RFC 5626 spirit: the NAT binding the phone keeps open).
 */
export function contactDestination(contact: string, source: Destination): Destination {
  const u = parseUri(contact);
  if (!u || !isSipUri(u)) return source;
  const host = u.host.replace(/^\[|\]$/g, '');
  if (host !== source.host) return source;
  const t = u.params.get('transport');
  const protocol = t === 'tcp' ? 'tcp' : source.protocol;
  return { protocol, host, port: u.port ?? 5060 };
}

export function trunkTarget(trunk: TrunkConfig, number: string): DialSpec {
  const dial = classifyNumber(number, trunk.areaCode).dial;
  return {
    uri: `sip:${dial}@${trunk.host}:${trunk.port}`,
    dest: { protocol: trunk.transport, host: trunk.host, port: trunk.port },
    toUser: dial,
    extension: null,
    trunk,
  };
}

/** Resolves what control (or a transfer) asks to call: an extension, a number via a route, a sip: URI. */
export function resolveTargets(sw: Switch, to: string): DialSpec[] | null {
  if (sw.extension(to)) return extensionTargets(sw, to);
  if (to.startsWith('sip:')) {
    const u = parseUri(to);
    if (!u || !isSipUri(u)) return null;
    return [
      {
        uri: to,
        dest: { protocol: 'udp', host: u.host.replace(/^\[|\]$/g, ''), port: u.port ?? 5060 },
        toUser: userDecoded(u) ?? '',
        extension: null,
        trunk: null,
      },
    ];
  }
  const trunk = outboundTrunk(sw, to);
  return trunk ? [trunkTarget(trunk, to)] : null;
}

export function outboundTrunk(sw: Switch, number: string): TrunkConfig | null {
  const n = classifyNumber(number);
  const key = n.e164 ?? n.dial;
  for (const r of sw.config.outbound) {
    let re: RegExp;
    try {
      re = new RegExp(r.pattern);
    } catch {
      continue;
    }
    if (re.test(key) || re.test(number)) return sw.config.trunks.find((t) => t.id === r.trunkId) ?? null;
  }
  return null;
}

export function trunkLoad(sw: Switch, trunkId: string): number {
  let n = 0;
  for (const l of sw.legs.values()) if (l.trunkId === trunkId && l.live) n++;
  return n;
}

/** Creates, wires and starts an outbound leg. */
export async function originateLeg(
  sw: Switch,
  spec: DialSpec,
  o: { caller: string; callerName?: string; near?: string | null; legId?: string; routedBy: Leg['routedBy'] },
): Promise<Leg> {
  const host = sw.opts.advertiseHost;
  const caller = spec.trunk?.callerId || o.caller;
  const callId = newCallId(host);
  const leg = new Leg({
    id: o.legId ?? newId(),
    direction: 'outbound',
    // Replaced right below, once the media port is known (the SDP needs it).
    sip: null as unknown as UacCall,
    caller,
    callee: spec.toUser,
    trunkId: spec.trunk?.id ?? null,
    extension: spec.extension,
    did: null,
    startedAt: sw.scheduler.now(),
  });
  leg.routedBy = o.routedBy;
  await allocate(sw, leg, o.near);
  const uac = new UacCall(sw.endpoint, {
    uri: spec.uri,
    from: `${o.callerName ? `"${o.callerName.replace(/"/g, '')}" ` : ''}<sip:${caller}@${host}>`,
    to: `<sip:${spec.toUser}@${spec.dest.host}>`,
    callId,
    contact: sw.contactFor(spec.dest.protocol),
    dest: spec.dest,
    sdp: offerFor(sw, leg),
    credentials:
      spec.trunk?.username && spec.trunk.password
        ? { username: spec.trunk.username, password: spec.trunk.password }
        : undefined,
    headers: [['Session-Expires', String(OUR_SESSION_EXPIRES_S)]],
  });
  (leg as { sip: UacCall | UasCall }).sip = uac;
  sw.adopt(leg);
  uac.progress.on((status, sdp) => {
    if (!leg.live || leg.state === 'answered') return;
    if (sdp) void readAnswer(sw, leg, sdp).catch(() => undefined);
    const next = sdp ? 'early' : 'ringing';
    if (leg.state !== next) {
      leg.move(next);
      sw.emit({ type: 'leg.ringing', legId: leg.id, early: !!sdp });
    }
    void status;
  });
  uac.answered.on((sdp) => {
    void (async () => {
      if (!leg.live) return;
      try {
        await readAnswer(sw, leg, sdp);
      } catch {
        sw.hangup(leg, 65);
        return;
      }
      leg.move('answered');
      leg.answeredAt = sw.scheduler.now();
      startSessionTimer(sw, leg, sessionExpiresOf(uac.answer));
      sw.emit({ type: 'leg.answered', legId: leg.id });
    })();
  });
  uac.start();
  return leg;
}

/**
 * Rings `specs` in parallel on behalf of `a` (a fork); the first to answer is bridged with `a`,
 * the others are cancelled. `a` hears ringback (China 450 Hz, 1 s on / 4 s off) meanwhile.
 */
export function ringAndBridge(
  sw: Switch,
  a: Leg,
  specs: DialSpec[],
  o: { ringMs: number; record: boolean; caller: string; callerName?: string; onFail: (status: number) => void },
): void {
  let settled = false;
  const fail = (status: number) => {
    if (settled) return;
    settled = true;
    sw.forks.get(a.id)?.timer?.cancel();
    sw.forks.delete(a.id);
    if (a.live) o.onFail(status);
  };
  if (specs.length === 0) {
    fail(480);
    return;
  }
  const fork: Fork = { legs: new Set(), timer: null };
  sw.forks.set(a.id, fork);
  fork.timer = sw.scheduler.setTimeout(() => {
    for (const b of fork.legs) sw.hangup(b, 19);
    fail(480);
  }, o.ringMs);
  let lastStatus = 480;
  for (const spec of specs) {
    void originateLeg(sw, spec, {
      caller: o.caller,
      ...(o.callerName ? { callerName: o.callerName } : {}),
      near: a.endpointId,
      routedBy: 'switch',
    })
      .then((b) => {
        if (settled || !a.live) {
          sw.hangup(b, 16);
          return;
        }
        fork.legs.add(b);
        b.sip.ended.once((end) => {
          fork.legs.delete(b);
          if (!settled && end.status >= 300) lastStatus = end.status;
          if (!settled && fork.legs.size === 0) fail(lastStatus === 487 ? 480 : lastStatus);
        });
        (b.sip as UacCall).progress.on(() => void ringback(sw, a));
        (b.sip as UacCall).answered.on(() => {
          if (settled) return;
          settled = true;
          fork.timer?.cancel();
          sw.forks.delete(a.id);
          for (const other of fork.legs) if (other !== b) sw.hangup(other, 26);
          void connect(sw, a, b, o.record).catch((e: unknown) => {
            sw.log.warn({ error: String(e) }, 'bridging failed');
            sw.hangup(a, 41);
            sw.hangup(b, 41);
          });
        });
      })
      .catch((e: unknown) => {
        sw.log.warn({ error: String(e) }, 'originate failed');
        if (fork.legs.size === 0) fail(503);
      });
  }
}

/** Sends 183 with our answer (early media) and plays ringback to an unanswered inbound leg. */
export async function ringback(sw: Switch, a: Leg): Promise<void> {
  if (!a.live || a.state === 'early' || !a.endpointId) return;
  if (a.state === 'answered') {
    if (a.bridgeId) return;
  } else {
    (a.sip as UasCall).provisional(183, a.localSdp);
    a.move('early');
    sw.emit({ type: 'leg.ringing', legId: a.id, early: true });
  }
  const playId = newId();
  sw.playWaiters.set(playId, () => undefined);
  await sw.media.play(a.endpointId, [{ tone: 'ringback' }], { loop: true, playId }).catch(() => undefined);
}

/** B answered: answer A if needed and bridge them (recorded by default). */
export async function connect(sw: Switch, a: Leg, b: Leg, record: boolean): Promise<void> {
  // Wait for B's answer SDP to be applied (its handler runs first and is async).
  for (let i = 0; i < 50 && b.state !== 'answered' && b.live; i++) await new Promise((r) => setTimeout(r, 5));
  if (!a.live || !b.live) {
    if (a.live) sw.hangup(a, 16);
    if (b.live) sw.hangup(b, 16);
    return;
  }
  if (a.state !== 'answered') answerInbound(sw, a);
  await sw.createBridge([a, b], { record, policy: 'all' });
}

export function answerInbound(sw: Switch, a: Leg): void {
  const uas = a.sip as UasCall;
  if (a.state === 'answered' || !a.live) return;
  uas.accept(a.localSdp, sessionTimerHeaders(uas));
  a.move('answered');
  a.answeredAt = sw.scheduler.now();
  const se = uas.sessionExpires();
  startSessionTimer(sw, a, se === null ? null : { seconds: Math.max(se, 90), refresher: 'remote' });
  sw.emit({ type: 'leg.answered', legId: a.id });
}

/** RFC 4028 §9: we accept the caller's interval and let it refresh (refresher=uac). */
function sessionTimerHeaders(uas: UasCall): [string, string][] {
  const se = uas.sessionExpires();
  if (se === null) return [];
  const interval = Math.max(se, 90);
  return [
    ['Session-Expires', `${interval};refresher=uac`],
    ['Require', 'timer'],
  ];
}
