import { fail, ok, type ParseResult } from './parse-result.ts';

/** One reception report block (RFC 3550 §6.4.1). */
export interface ReportBlock {
  ssrc: number;
  /** Fraction lost since the previous report, as the 8-bit fixed-point value (0–255). */
  fractionLost: number;
  /** Cumulative number of packets lost (24-bit signed). */
  cumulativeLost: number;
  extendedHighestSeq: number;
  /** Interarrival jitter in timestamp units. */
  jitter: number;
  lastSr: number;
  delaySinceLastSr: number;
}

export interface SenderInfo {
  ntpMsw: number;
  ntpLsw: number;
  rtpTimestamp: number;
  packetCount: number;
  octetCount: number;
}

export type RtcpPacket =
  | { type: 'sr'; ssrc: number; sender: SenderInfo; reports: ReportBlock[] }
  | { type: 'rr'; ssrc: number; reports: ReportBlock[] }
  | { type: 'bye'; ssrcs: number[] }
  | { type: 'other'; packetType: number };

const PT_SR = 200;
const PT_RR = 201;
const PT_SDES = 202;
const PT_BYE = 203;

function readBlocks(dv: DataView, offset: number, count: number): ReportBlock[] {
  const out: ReportBlock[] = [];
  for (let i = 0; i < count; i++) {
    const o = offset + i * 24;
    const lostWord = dv.getUint32(o + 4);
    let cumulative = lostWord & 0xffffff;
    if (cumulative & 0x800000) cumulative -= 0x1000000;
    out.push({
      ssrc: dv.getUint32(o),
      fractionLost: lostWord >>> 24,
      cumulativeLost: cumulative,
      extendedHighestSeq: dv.getUint32(o + 8),
      jitter: dv.getUint32(o + 12),
      lastSr: dv.getUint32(o + 16),
      delaySinceLastSr: dv.getUint32(o + 20),
    });
  }
  return out;
}

/** Parses a compound RTCP datagram (RFC 3550 §6.1). Any length inconsistency fails the whole datagram. */
export function parseRtcp(buf: Uint8Array): ParseResult<RtcpPacket[]> {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const out: RtcpPacket[] = [];
  let offset = 0;
  if (buf.length < 4) return fail('rtcp: shorter than one header');
  while (offset < buf.length) {
    if (buf.length - offset < 4) return fail('rtcp: trailing bytes after last packet');
    const b0 = buf[offset]!;
    if (b0 >> 6 !== 2) return fail('rtcp: version is not 2');
    const count = b0 & 0x1f;
    const pt = buf[offset + 1]!;
    // §6.4.1: "length: 16 bits. The length of this RTCP packet in 32-bit words minus one"
    const len = (dv.getUint16(offset + 2) + 1) * 4;
    if (offset + len > buf.length) return fail('rtcp: length runs past the end');
    if (pt === PT_SR) {
      if (len < 28 + count * 24) return fail('rtcp: SR too short for its report count');
      out.push({
        type: 'sr',
        ssrc: dv.getUint32(offset + 4),
        sender: {
          ntpMsw: dv.getUint32(offset + 8),
          ntpLsw: dv.getUint32(offset + 12),
          rtpTimestamp: dv.getUint32(offset + 16),
          packetCount: dv.getUint32(offset + 20),
          octetCount: dv.getUint32(offset + 24),
        },
        reports: readBlocks(dv, offset + 28, count),
      });
    } else if (pt === PT_RR) {
      if (len < 8 + count * 24) return fail('rtcp: RR too short for its report count');
      out.push({ type: 'rr', ssrc: dv.getUint32(offset + 4), reports: readBlocks(dv, offset + 8, count) });
    } else if (pt === PT_BYE) {
      if (len < 4 + count * 4) return fail('rtcp: BYE too short for its source count');
      const ssrcs: number[] = [];
      for (let i = 0; i < count; i++) ssrcs.push(dv.getUint32(offset + 4 + i * 4));
      out.push({ type: 'bye', ssrcs });
    } else {
      out.push({ type: 'other', packetType: pt });
    }
    offset += len;
  }
  return ok(out);
}

function writeBlocks(dv: DataView, offset: number, reports: readonly ReportBlock[]): void {
  reports.forEach((r, i) => {
    const o = offset + i * 24;
    dv.setUint32(o, r.ssrc >>> 0);
    dv.setUint32(o + 4, ((r.fractionLost & 0xff) << 24) | (r.cumulativeLost & 0xffffff));
    dv.setUint32(o + 8, r.extendedHighestSeq >>> 0);
    dv.setUint32(o + 12, r.jitter >>> 0);
    dv.setUint32(o + 16, r.lastSr >>> 0);
    dv.setUint32(o + 20, r.delaySinceLastSr >>> 0);
  });
}

/** SR or RR (at most 31 blocks) followed by an SDES CNAME, as §6.1 requires of a compound packet. */
export function serializeRtcpReport(
  p:
    | { type: 'sr'; ssrc: number; sender: SenderInfo; reports: ReportBlock[] }
    | { type: 'rr'; ssrc: number; reports: ReportBlock[] },
  cname: string,
): Uint8Array {
  const reports = p.reports.slice(0, 31);
  const head = (p.type === 'sr' ? 28 : 8) + reports.length * 24;
  const cn = new TextEncoder().encode(cname).subarray(0, 255);
  // SDES: header(4) + ssrc(4) + item type/len(2) + text + at least one null terminator, padded to 32 bits.
  const sdes = Math.ceil((8 + 2 + cn.length + 1) / 4) * 4;
  const out = new Uint8Array(head + sdes);
  const dv = new DataView(out.buffer);
  dv.setUint8(0, 0x80 | reports.length);
  dv.setUint8(1, p.type === 'sr' ? PT_SR : PT_RR);
  dv.setUint16(2, head / 4 - 1);
  dv.setUint32(4, p.ssrc >>> 0);
  if (p.type === 'sr') {
    dv.setUint32(8, p.sender.ntpMsw >>> 0);
    dv.setUint32(12, p.sender.ntpLsw >>> 0);
    dv.setUint32(16, p.sender.rtpTimestamp >>> 0);
    dv.setUint32(20, p.sender.packetCount >>> 0);
    dv.setUint32(24, p.sender.octetCount >>> 0);
    writeBlocks(dv, 28, reports);
  } else {
    writeBlocks(dv, 8, reports);
  }
  dv.setUint8(head, 0x81);
  dv.setUint8(head + 1, PT_SDES);
  dv.setUint16(head + 2, sdes / 4 - 1);
  dv.setUint32(head + 4, p.ssrc >>> 0);
  dv.setUint8(head + 8, 1); // CNAME
  dv.setUint8(head + 9, cn.length);
  out.set(cn, head + 10);
  return out;
}
