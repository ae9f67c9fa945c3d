import type { RemoteInfo } from 'node:dgram';
import { decodeG711, encodeG711 } from '../g711.ts';
import { ReceiverStats } from '../receiver-stats.ts';
import { looksLikeRtcp, parseRtp, RTP_HEADER_SIZE, writeRtpFixedHeader } from '../rtp-packet.ts';
import type { DigitEvent } from '../telephone-event.ts';
import { type Endpoint, RELATCH_AFTER_MS } from './endpoint.ts';
import { handleRtcp } from './rtcp-io.ts';

/** Largest G.711 payload accepted (160 ms); larger datagrams are counted as unknown. */
export const MAX_AUDIO_PAYLOAD = 1280;

export interface DigitSink {
  onDigitStart(ep: Endpoint): void;
  onDigit(ep: Endpoint, d: DigitEvent): void;
}

/** Decode target for packets the jitter buffer does not keep (late, duplicate) but a transcoding relay needs. */
const scratch = new Int16Array(MAX_AUDIO_PAYLOAD);

/**
 * The inbound path of one RTP datagram: demultiplex RTCP, parse, latch (symmetric RTP), statistics,
 * DTMF, decode into the jitter buffer's slot, and relay to each bridge member that hears only this
 * leg. Runs in the socket's message callback, so relayed audio gets no clock delay.
 */
export function onRtpDatagram(ep: Endpoint, msg: Buffer, rinfo: RemoteInfo, now: number, digits: DigitSink): void {
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
    if (got.started !== undefined) digits.onDigitStart(ep);
    for (const d of got.ended) digits.onDigit(ep, d);
    relayEvent(ep, p.ssrc, p.sequenceNumber, p.timestamp, p.marker, p.payload, now);
    return;
  }
  const n = p.payload.length;
  if (p.payloadType !== ep.codec.payloadType || n === 0 || n > MAX_AUDIO_PAYLOAD) {
    ep.unknownPayloadType++;
    return;
  }
  // Decoded straight into the jitter buffer's slot: no sample buffer is allocated per packet.
  const slot = ep.jitter.reserve(p.sequenceNumber, n);
  let pcm: Int16Array | undefined = slot && decodeG711(ep.codec.codec, p.payload, slot);
  const b = ep.bridge;
  if (!b) return;
  for (let l = 0; l < b.endpoints.length; l++) {
    if (b.sole[l] !== ep.bridgeIndex) continue;
    const to = b.endpoints[l]!;
    if (!to.canSend || to.outputBusy) continue;
    const h = to.out.relay(p.ssrc, p.sequenceNumber, p.timestamp, p.marker, now, n);
    const out = Buffer.allocUnsafe(RTP_HEADER_SIZE + n);
    writeRtpFixedHeader(out, h.marker, to.codec.payloadType, h.sequenceNumber, h.timestamp, to.out.ssrc);
    if (to.codec.codec === ep.codec.codec) out.set(p.payload, RTP_HEADER_SIZE);
    else {
      pcm ??= decodeG711(ep.codec.codec, p.payload, scratch.subarray(0, n));
      encodeG711(to.codec.codec, pcm, out.subarray(RTP_HEADER_SIZE));
    }
    sendRtp(to, out);
  }
}

/** RFC 4733 packets follow the audio path to a peer that negotiated telephone-event. */
function relayEvent(
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
    writeRtpFixedHeader(out, h.marker, to.codec.dtmfPayloadType, h.sequenceNumber, h.timestamp, to.out.ssrc);
    out.set(payload, RTP_HEADER_SIZE);
    sendRtp(to, out);
  }
}

/** A frame of locally produced audio (player, mixer) on the leg's outbound stream. */
export function sendLocal(ep: Endpoint, pcm: Int16Array, now: number): void {
  if (!ep.canSend) return;
  const out = Buffer.allocUnsafe(RTP_HEADER_SIZE + pcm.length);
  const h = ep.out.local(pcm.length, now);
  writeRtpFixedHeader(out, h.marker, ep.codec.payloadType, h.sequenceNumber, h.timestamp, ep.out.ssrc);
  encodeG711(ep.codec.codec, pcm, out.subarray(RTP_HEADER_SIZE));
  sendRtp(ep, out);
}

/**
 * One datagram to the leg's (latched) remote. `buf` must not be reused afterwards: dgram defers the
 * actual send to the next tick (address lookup), so a buffer changed in between goes out changed.
 */
export function sendRtp(ep: Endpoint, buf: Buffer): void {
  const r = ep.remote!;
  ep.sentSinceReport = true;
  ep.rtp.send(buf, r.port, r.address);
}
