import { ErrorCode, HotlineError } from '@hotline/core';
import { answerAudioOffer, parseSdp } from '@hotline/media';
import type { IncomingRequest } from '@hotline/sip';
import type { Leg } from '../core/leg.ts';
import type { Switch } from '../switch.ts';
import { applyNegotiated, localAudio, offerFor, readAnswer } from './media-setup.ts';

/**
 * A re-INVITE or UPDATE from the peer (RFC 3261 §14.2, RFC 3311): a session refresh (RFC 4028),
 * or hold/resume — an offer with sendonly/inactive puts us on hold (RFC 3264 §8.4), sendrecv resumes.
 */
export async function onOffer(sw: Switch, leg: Leg, inc: IncomingRequest): Promise<void> {
  const tag = leg.sip.localTag;
  const offer = Buffer.from(inc.request.body).toString();
  sw.sessionTimers.get(leg.id)?.refreshed();
  if (offer.trim() === '') {
    // An offerless re-INVITE: our current description is the offer; the answer comes in the ACK.
    respondSdp(inc, tag, leg.localSdp || offerFor(sw, leg));
    return;
  }
  const parsed = parseSdp(offer);
  if (!parsed.ok || !parsed.value.audio) {
    inc.respond(488, { toTag: tag });
    return;
  }
  const offered = parsed.value.audio.direction;
  const held = offered === 'sendonly' || offered === 'inactive' || parsed.value.audio.address === '0.0.0.0';
  leg.sdpVersion++;
  const wanted = leg.hold === 'local' || leg.hold === 'both' ? 'sendonly' : 'sendrecv';
  const r = answerAudioOffer(offer, localAudio(sw, leg, wanted));
  if (!r.ok) {
    inc.respond(488, { toTag: tag });
    return;
  }
  leg.localSdp = r.value.sdp;
  respondSdp(inc, tag, r.value.sdp);
  await applyNegotiated(sw, leg, r.value.negotiated).catch(() => undefined);
  if (leg.setHold('remote', held)) sw.emit({ type: held ? 'leg.held' : 'leg.unheld', legId: leg.id, by: 'remote' });
}

function respondSdp(inc: IncomingRequest, toTag: string, sdp: string): void {
  inc.respond(200, {
    toTag,
    headers: [['Content-Type', 'application/sdp']],
    body: Buffer.from(sdp),
  });
}

/** We put the peer on hold (re-INVITE with sendonly) or resume it (sendrecv). */
export async function localHold(sw: Switch, leg: Leg, on: boolean): Promise<void> {
  if (leg.state !== 'answered') throw new HotlineError(ErrorCode.IllegalTransition, `leg ${leg.id} is not answered`);
  const holding = leg.hold === 'local' || leg.hold === 'both';
  if (holding === on) return;
  const remoteHeld = leg.hold === 'remote' || leg.hold === 'both';
  leg.sdpVersion++;
  const direction = on ? (remoteHeld ? 'inactive' : 'sendonly') : remoteHeld ? 'recvonly' : 'sendrecv';
  const res = await leg.sip.send('INVITE', { body: offerFor(sw, leg, direction) });
  if (res.status >= 300) throw new HotlineError(ErrorCode.Conflict, `re-INVITE answered ${res.status}`);
  await readAnswer(sw, leg, Buffer.from(res.body).toString(), direction);
  if (leg.setHold('local', on)) sw.emit({ type: on ? 'leg.held' : 'leg.unheld', legId: leg.id, by: 'local' });
}
