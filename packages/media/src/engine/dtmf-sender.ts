import { RTP_HEADER_SIZE, writeRtpFixedHeader } from '../rtp-packet.ts';
import { digitToEvent, planTelephoneEvent } from '../telephone-event.ts';
import type { Endpoint } from './endpoint.ts';
import { sendRtp } from './packet-path.ts';

/** Ticks of audio between two digits sent with sendDtmf. */
export const DTMF_INTER_DIGIT_TICKS = 3;

/**
 * On each tick, sends one RFC 4733 packet of the leg's queued digits (marker on the first, growing
 * duration, end packet ×3 — see planTelephoneEvent), then DTMF_INTER_DIGIT_TICKS of audio before
 * the next digit. Returns true if this tick's output was DTMF (the bridge/player stay quiet).
 */
export function sendDtmfTick(ep: Endpoint, now: number): boolean {
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
  writeRtpFixedHeader(out, h.marker, ep.codec.dtmfPayloadType, h.sequenceNumber, h.timestamp, ep.out.ssrc);
  out.set(pkt.payload, RTP_HEADER_SIZE);
  sendRtp(ep, out);
  return true;
}
