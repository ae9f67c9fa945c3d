import { ErrorCode, HotlineError } from '@hotline/core';
import {
  answerAudioOffer,
  createAudioOffer,
  type LocalAudio,
  type MediaDirection,
  type NegotiatedAudio,
  readAudioAnswer,
} from '@hotline/media';
import type { Leg } from '../core/leg.ts';
import type { Switch } from '../switch.ts';

/** Codecs in preference order: A-law first (the Chinese PSTN), μ-law for softphones that prefer it. */
export const CODECS = ['PCMA', 'PCMU'] as const;
/** Silence on a leg's RTP before it is hung up as dead (no call stays up forever). */
export const DEAD_MEDIA_MS = 60_000;

export function localAudio(sw: Switch, leg: Leg, direction: MediaDirection = 'sendrecv'): LocalAudio {
  return {
    address: sw.opts.advertiseHost,
    port: leg.localPort,
    codecs: CODECS,
    direction,
    sessionId: leg.sdpSessionId,
    sessionVersion: leg.sdpVersion,
  };
}

export async function allocate(sw: Switch, leg: Leg, near?: string | null): Promise<void> {
  const a = await sw.media.allocate({ ...(near ? { near } : {}), deadMediaMs: DEAD_MEDIA_MS });
  if (leg.state === 'ended') {
    // Ended (CANCEL) while the port was being allocated.
    await sw.media.release(a.endpointId);
    return;
  }
  leg.endpointId = a.endpointId;
  leg.localPort = a.port;
  sw.byEndpoint.set(a.endpointId, leg);
}

/** Points the leg's media at what SDP negotiated. */
export async function applyNegotiated(sw: Switch, leg: Leg, n: NegotiatedAudio): Promise<void> {
  const ep = leg.endpointId;
  if (!ep) return;
  const prev = leg.negotiated;
  leg.negotiated = n;
  if (!prev || prev.remoteAddress !== n.remoteAddress || prev.remotePort !== n.remotePort)
    await sw.media.setRemote(ep, { address: n.remoteAddress, port: n.remotePort });
  if (
    !prev ||
    prev.codec !== n.codec ||
    prev.payloadType !== n.payloadType ||
    prev.dtmfPayloadType !== n.dtmfPayloadType
  )
    await sw.media.setCodec(ep, { codec: n.codec, payloadType: n.payloadType, dtmfPayloadType: n.dtmfPayloadType });
  if (!prev || prev.direction !== n.direction) await sw.media.setDirection(ep, n.direction);
}

/** Answers the offer of an inbound leg (RFC 3264 §6); the answer SDP is kept for 183 and 200. */
export async function answerOffer(sw: Switch, leg: Leg, offer: string): Promise<boolean> {
  const r = answerAudioOffer(offer, localAudio(sw, leg));
  if (!r.ok) return false;
  leg.localSdp = r.value.sdp;
  await applyNegotiated(sw, leg, r.value.negotiated);
  return true;
}

export function offerFor(sw: Switch, leg: Leg, direction: MediaDirection = 'sendrecv'): string {
  leg.localSdp = createAudioOffer(localAudio(sw, leg, direction));
  return leg.localSdp;
}

export async function readAnswer(sw: Switch, leg: Leg, answer: string, direction: MediaDirection = 'sendrecv') {
  const r = readAudioAnswer(answer, localAudio(sw, leg, direction));
  if (!r.ok) throw new HotlineError(ErrorCode.BadRequest, r.error);
  await applyNegotiated(sw, leg, r.value);
}
