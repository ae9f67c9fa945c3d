import { ErrorCode, HotlineError } from '@hotline/core';
import { getHeader, type IncomingRequest, isSipUri, parseNameAddr, userDecoded } from '@hotline/sip';
import type { Leg } from '../core/leg.ts';
import { classifyNumber, permits } from '../routing/number-plan.ts';
import type { UacCall } from '../sip/uac-call.ts';
import type { Switch } from '../switch.ts';
import { originateLeg, resolveTargets, ringback } from './dial.ts';

/** Grace for the transferor to send its own BYE after the final NOTIFY (RFC 5589 §6.1). */
export const TRANSFEROR_BYE_GRACE_MS = 2_000;

/** The other talking member of a leg's bridge. */
export function partnerOf(sw: Switch, leg: Leg): Leg {
  const b = leg.bridgeId ? sw.bridges.get(leg.bridgeId) : undefined;
  const other = b?.fullMembers.find((m) => m.legId !== leg.id);
  const p = other ? sw.legs.get(other.legId) : undefined;
  if (!b || !p) throw new HotlineError(ErrorCode.Conflict, `leg ${leg.id} is not bridged with anyone`);
  return p;
}

/**
 * Blind transfer: the leg's partner is connected to `to`; the leg leaves. `done` reports the
 * outcome (for the NOTIFY of a REFER); call control hangs the leg up at once.
 */
export async function blindTransfer(
  sw: Switch,
  leg: Leg,
  to: string,
  done: (status: number) => void = () => sw.hangup(leg, 16),
): Promise<{ legId: string }> {
  const partner = partnerOf(sw, leg);
  const targets = resolveTargets(sw, to);
  const target = targets?.[0];
  if (!target) throw new HotlineError(ErrorCode.NotFound, `cannot reach ${to}`);
  const policy = partner.routedBy === 'control' ? 'control' : 'all';
  const old = sw.bridges.get(leg.bridgeId as string);
  if (old) await sw.destroyBridge(old, false);
  const n = await originateLeg(sw, target, {
    caller: partner.caller,
    near: partner.endpointId,
    routedBy: partner.routedBy,
  });
  sw.emit({ type: 'leg.transferred', legId: leg.id, to, kind: 'blind' });
  if (policy === 'control') done(202);
  const uac = n.sip as UacCall;
  uac.progress.on(() => void ringback(sw, partner));
  void ringback(sw, partner);
  uac.answered.on(() => {
    void (async () => {
      for (let i = 0; i < 50 && n.state !== 'answered' && n.live; i++) await new Promise((r) => setTimeout(r, 5));
      if (!partner.live) {
        sw.hangup(n, 16);
        return;
      }
      await sw.createBridge([partner, n], { record: partner.record && sw.config.recordByDefault, policy });
      if (policy === 'all') done(200);
    })();
  });
  uac.failed.on((status) => {
    if (policy === 'all') done(status);
    if (partner.live && !partner.bridgeId) sw.hangup(partner, 16);
  });
  return { legId: n.id };
}

/** Attended transfer: `a`'s partner and `b`'s partner are bridged; `a` and `b` leave. */
export async function attendedTransfer(sw: Switch, a: Leg, b: Leg, hangup = true): Promise<{ bridgeId: string }> {
  const pa = partnerOf(sw, a);
  const pb = partnerOf(sw, b);
  for (const l of [a, b]) {
    const old = l.bridgeId ? sw.bridges.get(l.bridgeId) : undefined;
    if (old) await sw.destroyBridge(old, false);
  }
  const policy = pa.routedBy === 'control' || pb.routedBy === 'control' ? 'control' : 'all';
  const bridge = await sw.createBridge([pa, pb], { record: sw.config.recordByDefault && pa.record, policy });
  sw.emit({ type: 'leg.transferred', legId: a.id, to: pb.callee, kind: 'attended' });
  if (hangup) {
    sw.hangup(a, 16);
    sw.hangup(b, 16);
  }
  return { bridgeId: bridge.id };
}

function notify(leg: Leg, status: number, final: boolean): void {
  const reason: Record<number, string> = {
    100: 'Trying',
    200: 'OK',
    202: 'Accepted',
    480: 'Temporarily Unavailable',
    486: 'Busy Here',
  };
  void leg.sip.send('NOTIFY', {
    body: `SIP/2.0 ${status} ${reason[status] ?? 'Failed'}\r\n`,
    contentType: 'message/sipfrag;version=2.0',
    headers: [
      ['Event', 'refer'],
      ['Subscription-State', final ? 'terminated;reason=noresource' : 'active;expires=60'],
    ],
  });
}

/**
 * May the party of `leg` send its partner to `target` by REFER? Our extensions: anyone. Numbers
 * out through a trunk: only an extension's own leg, within its permission class — a carrier leg
 * (or a caller from outside) can never make the switch dial out (no open relay).
 */
export function mayTransferTo(sw: Switch, leg: Leg, target: string): boolean {
  if (sw.extension(target)) return true;
  if (leg.trunkId !== null || leg.extension === null) return false;
  const ext = sw.extension(leg.extension);
  const n = classifyNumber(target);
  return !!ext && n.kind !== 'invalid' && permits(ext.permission, n.permission);
}

/**
 * REFER from a phone (RFC 3515): blind transfer to the Refer-To target, or — with a Replaces
 * parameter (RFC 3891) naming the phone's other call — an attended transfer joining both partners.
 */
export async function handleRefer(sw: Switch, leg: Leg, inc: IncomingRequest): Promise<void> {
  const toTag = leg.sip.localTag;
  const referTo = parseNameAddr(getHeader(inc.request, 'Refer-To') ?? '');
  if (!referTo || !isSipUri(referTo.uri) || !leg.bridgeId) {
    inc.respond(400, { toTag, reason: 'Bad Refer-To' });
    return;
  }
  const replacesParam = referTo.uri.headers.get('Replaces');
  const target = userDecoded(referTo.uri) ?? '';
  if (!replacesParam && !mayTransferTo(sw, leg, target)) {
    // Toll fraud: a REFER is a call placed by the referring party — same rules as its INVITE.
    inc.respond(403, { toTag, reason: 'Forbidden (transfer target)' });
    sw.alert(
      'permission_denied',
      inc,
      `REFER from leg ${leg.id} (${leg.extension ?? leg.trunkId ?? '?'}) to "${target}"`,
    );
    return;
  }
  inc.respond(202, { toTag });
  notify(leg, 100, false);
  const byeLater = () => sw.scheduler.setTimeout(() => leg.live && sw.hangup(leg, 16), TRANSFEROR_BYE_GRACE_MS);
  try {
    if (replacesParam) {
      const callId = decodeURIComponent(replacesParam).split(';')[0] ?? '';
      // Only the referring phone's own other call (same extension) can be named (RFC 3891 §3).
      const other = [...sw.legs.values()].find(
        (l) => l !== leg && l.live && l.sip.callId === callId && l.extension !== null && l.extension === leg.extension,
      );
      if (!other) throw new HotlineError(ErrorCode.NotFound, 'Replaces names no call of ours');
      await attendedTransfer(sw, leg, other, false);
      notify(leg, 200, true);
      sw.hangup(other, 16);
      byeLater();
      return;
    }
    await blindTransfer(sw, leg, target, (status) => {
      notify(leg, status === 202 ? 200 : status, true);
      byeLater();
    });
  } catch (e) {
    sw.log.warn({ legId: leg.id, error: String(e) }, 'REFER failed');
    notify(leg, 480, true);
  }
}
