import type { DidRoute, TrunkConfig } from '@hotline/contracts';
import { newId } from '@hotline/core';
import { fromOf, getHeader, type IncomingRequest, isSipUri, parseUri, userDecoded } from '@hotline/sip';
import { Leg } from '../core/leg.ts';
import { classifyNumber, permits } from '../routing/number-plan.ts';
import { newTag } from '../sip/dialog-usage.ts';
import { UasCall } from '../sip/uas-call.ts';
import type { Switch } from '../switch.ts';
import { answerInbound, extensionTargets, outboundTrunk, ringAndBridge, trunkLoad, trunkTarget } from './dial.ts';
import { allocate, answerOffer } from './media-setup.ts';

/** Default ring time for static routes and extension-to-extension calls. */
export const RING_MS = 45_000;

function userOf(uri: string): string {
  const u = parseUri(uri);
  return u && isSipUri(u) ? (userDecoded(u) ?? '') : '';
}

/** The carrier trunk a request comes from: by source address, or a registered carrier flow. */
export function trunkOfSource(sw: Switch, host: string, port: number): TrunkConfig | null {
  for (const t of sw.config.trunks) {
    if (t.allowFrom.includes(host) || t.allowFrom.includes(`${host}:${port}`)) return t;
    if (t.inboundUser && sw.isRegisteredSource(t.inboundUser, host, port)) return t;
  }
  return null;
}

export function didRoute(sw: Switch, called: string): DidRoute | null {
  const n = called.replace(/^\+86/, '');
  return sw.config.dids.find((d) => d.did === called || d.did === n) ?? null;
}

/**
 * A new INVITE: who is calling (a trunk by address, or an extension by digest), may it call what
 * it dialled (toll-fraud rules), and where it goes (extension, DID route, control, trunk).
 */
export async function handleInvite(sw: Switch, inc: IncomingRequest): Promise<void> {
  const req = inc.request;
  const called = userOf(req.uri) || userOf(/<([^>]+)>/.exec(getHeader(req, 'To') ?? '')?.[1] ?? '');
  const fromUser = (() => {
    const f = fromOf(req);
    return f && isSipUri(f.uri) ? (userDecoded(f.uri) ?? '') : '';
  })();
  const trunk = trunkOfSource(sw, inc.source.host, inc.source.port);

  let extension: string | null = null;
  if (!trunk) {
    const isLocalTarget = !!sw.extension(called) || !!didRoute(sw, called);
    const hasCredentials = !!getHeader(req, 'Proxy-Authorization') || !!getHeader(req, 'Authorization');
    // Toll-fraud rule: an unknown source that names no extension of ours and dials out is refused
    // at once (scanners); phones get the usual 407 challenge first.
    if (!hasCredentials && !isLocalTarget && !sw.extension(fromUser)) {
      inc.respond(403, { reason: 'Forbidden (unauthenticated)' });
      sw.alert('unauthenticated_external', inc, `INVITE from "${fromUser}" to "${called}" without credentials`);
      return;
    }
    extension = await sw.authenticate(inc, true);
    if (!extension) return;
  } else if (trunkLoad(sw, trunk.id) >= trunk.maxCalls) {
    inc.respond(503, { reason: 'Trunk Busy' });
    sw.alert('trunk_limit', inc, `inbound on trunk ${trunk.id} above ${trunk.maxCalls} calls`);
    return;
  }

  // Decide before allocating anything.
  type Plan =
    | { kind: 'route'; route: DidRoute }
    | { kind: 'extension'; extension: string }
    | { kind: 'trunk'; trunk: TrunkConfig };
  let plan: Plan;
  const route = didRoute(sw, called);
  if (extension && sw.extension(called)) plan = { kind: 'extension', extension: called };
  else if (route) plan = { kind: 'route', route };
  else if (trunk) {
    inc.respond(404, { reason: 'Not Found (no such DID)' });
    return;
  } else {
    const ext = sw.extension(extension ?? '');
    const n = classifyNumber(called);
    const out = outboundTrunk(sw, called);
    if (n.kind === 'invalid' || !out) {
      inc.respond(404);
      return;
    }
    if (!ext || !permits(ext.permission, n.permission)) {
      inc.respond(403, { reason: 'Forbidden (permission class)' });
      sw.alert('permission_denied', inc, `${extension} (${ext?.permission}) may not call ${called} (${n.permission})`);
      return;
    }
    if (trunkLoad(sw, out.id) >= out.maxCalls) {
      inc.respond(503, { reason: 'Trunk Busy' });
      sw.alert('trunk_limit', inc, `outbound on trunk ${out.id} above ${out.maxCalls} calls`);
      return;
    }
    noteOutbound(sw, extension ?? '', inc);
    plan = { kind: 'trunk', trunk: out };
  }

  const uas = new UasCall(sw.endpoint, inc, newTag(), sw.contactFor(inc.source.protocol));
  if (!uas.dialog) {
    // §8.1.1.8 / §12.1.1: an INVITE without a usable Contact cannot make a dialog.
    inc.respond(400, { reason: 'Bad Request (Contact)' });
    return;
  }
  const leg = new Leg({
    id: newId(),
    direction: 'inbound',
    sip: uas,
    caller: trunk ? fromUser : (extension ?? fromUser),
    callee: called,
    trunkId: trunk?.id ?? null,
    extension,
    did: plan.kind === 'route' ? plan.route.did : null,
    startedAt: sw.scheduler.now(),
  });
  sw.adopt(leg);
  await allocate(sw, leg);
  if (!(await answerOffer(sw, leg, uas.offerSdp))) {
    uas.reject(488, { reason: 'Not Acceptable Here (no common audio codec)' });
    return;
  }
  if (!leg.live) return;
  const name = extension ? sw.extension(extension)?.displayName : undefined;
  const ring = (exts: string[], record: boolean) =>
    ringAndBridge(
      sw,
      leg,
      exts.flatMap((e) => extensionTargets(sw, e)),
      {
        ringMs: RING_MS,
        record,
        caller: leg.caller,
        ...(name ? { callerName: name } : {}),
        onFail: (status) => sw.hangup(leg, status === 486 ? 17 : 19, 'local', status),
      },
    );
  const offered = (routedBy: Leg['routedBy'], flow: string | null) => {
    leg.routedBy = routedBy;
    sw.emit({
      type: 'leg.offered',
      legId: leg.id,
      direction: 'inbound',
      caller: leg.caller,
      callee: leg.callee,
      did: leg.did,
      trunkId: leg.trunkId,
      extension: leg.extension,
      routedBy,
      flow,
    });
  };
  switch (plan.kind) {
    case 'extension':
      offered('switch', null);
      ring([plan.extension], sw.config.recordByDefault);
      return;
    case 'trunk':
      offered('switch', null);
      leg.record = sw.config.recordByDefault;
      ringAndBridge(sw, leg, [trunkTarget(plan.trunk, called)], {
        ringMs: RING_MS * 2,
        record: leg.record,
        caller: leg.caller,
        onFail: (status) => sw.hangup(leg, status === 486 ? 17 : 19, 'local', status),
      });
      return;
    case 'route': {
      const t = plan.route.target;
      leg.record = plan.route.record;
      if (t.type === 'extension') {
        offered('switch', null);
        ring([t.extension], plan.route.record);
      } else if (t.type === 'group') {
        offered('switch', null);
        ring(t.extensions, plan.route.record);
      } else if (sw.controlConnected) offered('control', t.flow);
      else fallback(sw, leg);
    }
  }
}

/**
 * The fallback route (T5): no control is connected, so the call rings the fallback group; if
 * nobody answers it hears the announcement and is released.
 */
export function fallback(sw: Switch, leg: Leg): void {
  leg.routedBy = 'fallback';
  sw.emit({
    type: 'leg.offered',
    legId: leg.id,
    direction: 'inbound',
    caller: leg.caller,
    callee: leg.callee,
    did: leg.did,
    trunkId: leg.trunkId,
    extension: leg.extension,
    routedBy: 'fallback',
    flow: null,
  });
  const f = sw.config.fallback;
  ringAndBridge(
    sw,
    leg,
    f.extensions.flatMap((e) => extensionTargets(sw, e)),
    {
      ringMs: f.ringSeconds * 1000,
      record: leg.record,
      caller: leg.caller,
      onFail: () => void announce(sw, leg),
    },
  );
}

export async function announce(sw: Switch, leg: Leg): Promise<void> {
  if (!leg.live || !leg.endpointId) return;
  answerInbound(sw, leg);
  const playId = newId();
  sw.playWaiters.set(playId, () => sw.hangup(leg, 16));
  await sw.media.stopPlay(leg.endpointId).catch(() => undefined);
  await sw.media.play(leg.endpointId, [{ silenceMs: 300 }, { file: sw.opts.announcementFile }], { playId });
}

/** Unusual outbound volume (toll fraud): more calls per extension in 10 minutes than configured. */
function noteOutbound(sw: Switch, extension: string, inc: IncomingRequest): void {
  const now = sw.scheduler.now();
  const list = (sw.outboundHistory.get(extension) ?? []).filter((t) => t > now - 600_000);
  list.push(now);
  sw.outboundHistory.set(extension, list);
  if (list.length === sw.config.outboundAlertPer10Min + 1)
    sw.alert('outbound_volume', inc, `extension ${extension} placed ${list.length} outbound calls in 10 minutes`);
}
