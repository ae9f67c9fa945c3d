import { fail, ok, type ParseResult } from './parse-result.ts';

/**
 * RTP fixed header (RFC 3550 §5.1):
 *
 *  0                   1                   2                   3
 *  |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 *  |                           timestamp                           |
 *  |           synchronization source (SSRC) identifier            |
 *  |            contributing source (CSRC) identifiers ....        |
 */
export interface RtpPacket {
  readonly payloadType: number;
  readonly marker: boolean;
  readonly sequenceNumber: number;
  readonly timestamp: number;
  readonly ssrc: number;
  readonly csrcs: readonly number[];
  /** A view into the datagram (not a copy) without header, extension and padding. */
  readonly payload: Uint8Array;
}

export const RTP_HEADER_SIZE = 12;

/** Parses one RTP datagram. Length fields are checked against the buffer; nothing is thrown. */
export function parseRtp(buf: Uint8Array): ParseResult<RtpPacket> {
  if (buf.length < RTP_HEADER_SIZE) return fail('rtp: shorter than the 12-byte header');
  const b0 = buf[0]!;
  // RFC 3550 §5.1: "version (V): 2 bits ... The version defined by this specification is two (2)."
  if (b0 >> 6 !== 2) return fail('rtp: version is not 2');
  const cc = b0 & 0x0f;
  let offset = RTP_HEADER_SIZE + cc * 4;
  if (buf.length < offset) return fail('rtp: CSRC list runs past the end');
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  // RFC 3550 §5.3.1: header extension = 16-bit profile id, 16-bit length in 32-bit words.
  if (b0 & 0x10) {
    if (buf.length < offset + 4) return fail('rtp: extension header runs past the end');
    const words = dv.getUint16(offset + 2);
    offset += 4 + words * 4;
    if (buf.length < offset) return fail('rtp: extension runs past the end');
  }
  let end = buf.length;
  // RFC 3550 §5.1: "The last octet of the padding contains a count of how many padding octets
  // should be ignored, including itself."
  if (b0 & 0x20) {
    const pad = buf[buf.length - 1]!;
    if (pad === 0 || end - pad < offset) return fail('rtp: bad padding count');
    end -= pad;
  }
  const csrcs: number[] = [];
  for (let i = 0; i < cc; i++) csrcs.push(dv.getUint32(RTP_HEADER_SIZE + i * 4));
  const b1 = buf[1]!;
  return ok({
    payloadType: b1 & 0x7f,
    marker: (b1 & 0x80) !== 0,
    sequenceNumber: dv.getUint16(2),
    timestamp: dv.getUint32(4),
    ssrc: dv.getUint32(8),
    csrcs,
    payload: buf.subarray(offset, end),
  });
}

export interface RtpHeaderFields {
  payloadType: number;
  marker: boolean;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
}

/** Serializes a packet without extension or padding. */
export function serializeRtp(p: RtpHeaderFields & { payload: Uint8Array; csrcs?: readonly number[] }): Uint8Array {
  const cc = p.csrcs?.length ?? 0;
  const out = new Uint8Array(RTP_HEADER_SIZE + cc * 4 + p.payload.length);
  writeRtpHeader(out, p, cc);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < cc; i++) dv.setUint32(RTP_HEADER_SIZE + i * 4, p.csrcs![i]! >>> 0);
  out.set(p.payload, RTP_HEADER_SIZE + cc * 4);
  return out;
}

/** Writes a 12-byte header (with `cc` CSRCs announced) into `out` at offset 0. Hot path: no allocation. */
export function writeRtpHeader(out: Uint8Array, p: RtpHeaderFields, cc = 0): void {
  out[0] = 0x80 | (cc & 0x0f);
  out[1] = (p.marker ? 0x80 : 0) | (p.payloadType & 0x7f);
  out[2] = (p.sequenceNumber >> 8) & 0xff;
  out[3] = p.sequenceNumber & 0xff;
  const ts = p.timestamp >>> 0;
  out[4] = ts >>> 24;
  out[5] = (ts >>> 16) & 0xff;
  out[6] = (ts >>> 8) & 0xff;
  out[7] = ts & 0xff;
  const ssrc = p.ssrc >>> 0;
  out[8] = ssrc >>> 24;
  out[9] = (ssrc >>> 16) & 0xff;
  out[10] = (ssrc >>> 8) & 0xff;
  out[11] = ssrc & 0xff;
}

/**
 * The 12-byte fixed header (V=2, no padding, extension or CSRC) field by field — the relay's hot
 * path writes one per packet without building a header object.
 */
export function writeRtpFixedHeader(
  out: Uint8Array,
  marker: boolean,
  payloadType: number,
  seq: number,
  timestamp: number,
  ssrc: number,
): void {
  out[0] = 0x80;
  out[1] = (marker ? 0x80 : 0) | (payloadType & 0x7f);
  out[2] = (seq >> 8) & 0xff;
  out[3] = seq & 0xff;
  const ts = timestamp >>> 0;
  out[4] = ts >>> 24;
  out[5] = (ts >>> 16) & 0xff;
  out[6] = (ts >>> 8) & 0xff;
  out[7] = ts & 0xff;
  const s = ssrc >>> 0;
  out[8] = s >>> 24;
  out[9] = (s >>> 16) & 0xff;
  out[10] = (s >>> 8) & 0xff;
  out[11] = s & 0xff;
}

/** Cheap check used by the demultiplexer: RTCP packet types 200–204 sit where RTP has M+PT (RFC 5761 §4). */
export function looksLikeRtcp(buf: Uint8Array): boolean {
  return buf.length >= 2 && buf[0]! >> 6 === 2 && buf[1]! >= 200 && buf[1]! <= 204;
}
