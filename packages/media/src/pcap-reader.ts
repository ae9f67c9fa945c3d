import { fail, ok, type ParseResult } from './parse-result.ts';

/** A UDP datagram found in a capture. */
export interface PcapUdp {
  timeMs: number;
  src: string;
  srcPort: number;
  dst: string;
  dstPort: number;
  payload: Uint8Array;
}

const LINK_NULL = 0;
const LINK_ETHERNET = 1;
const LINK_RAW = 101;
const LINK_LINUX_SLL = 113;

/**
 * Reads classic libpcap files (microsecond or nanosecond, either byte order) and returns the IPv4
 * UDP datagrams. Enough for sipp's shipped captures and tcpdump `-w` on `lo`; not pcapng.
 */
export function readPcapUdp(buf: Uint8Array): ParseResult<PcapUdp[]> {
  if (buf.length < 24) return fail('pcap: shorter than the global header');
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const magicLe = dv.getUint32(0, true);
  let le: boolean;
  let nano = false;
  if (magicLe === 0xa1b2c3d4 || magicLe === 0xa1b23c4d) {
    le = true;
    nano = magicLe === 0xa1b23c4d;
  } else if (dv.getUint32(0, false) === 0xa1b2c3d4 || dv.getUint32(0, false) === 0xa1b23c4d) {
    le = false;
    nano = dv.getUint32(0, false) === 0xa1b23c4d;
  } else return fail('pcap: unknown magic (pcapng is not supported)');
  const link = dv.getUint32(20, le);
  const out: PcapUdp[] = [];
  let o = 24;
  while (o + 16 <= buf.length) {
    const sec = dv.getUint32(o, le);
    const frac = dv.getUint32(o + 4, le);
    const incl = dv.getUint32(o + 8, le);
    o += 16;
    if (o + incl > buf.length) return fail('pcap: record runs past the end');
    const frame = buf.subarray(o, o + incl);
    o += incl;
    let ip: number;
    if (link === LINK_ETHERNET) {
      if (frame.length < 14) continue;
      let et = (frame[12]! << 8) | frame[13]!;
      ip = 14;
      if (et === 0x8100 && frame.length >= 18) {
        et = (frame[16]! << 8) | frame[17]!;
        ip = 18;
      }
      if (et !== 0x0800) continue;
    } else if (link === LINK_LINUX_SLL) {
      if (frame.length < 16 || ((frame[14]! << 8) | frame[15]!) !== 0x0800) continue;
      ip = 16;
    } else if (link === LINK_NULL) ip = 4;
    else if (link === LINK_RAW) ip = 0;
    else return fail(`pcap: unsupported link type ${link}`);
    if (frame.length < ip + 20 || frame[ip]! >> 4 !== 4 || frame[ip + 9] !== 17) continue;
    const ihl = (frame[ip]! & 0x0f) * 4;
    const udp = ip + ihl;
    if (frame.length < udp + 8) continue;
    const udpLen = (frame[udp + 4]! << 8) | frame[udp + 5]!;
    if (udpLen < 8 || udp + udpLen > frame.length) continue;
    const addr = (at: number) => `${frame[at]}.${frame[at + 1]}.${frame[at + 2]}.${frame[at + 3]}`;
    out.push({
      timeMs: sec * 1000 + (nano ? frac / 1e6 : frac / 1e3),
      src: addr(ip + 12),
      dst: addr(ip + 16),
      srcPort: (frame[udp]! << 8) | frame[udp + 1]!,
      dstPort: (frame[udp + 2]! << 8) | frame[udp + 3]!,
      payload: frame.subarray(udp + 8, udp + udpLen),
    });
  }
  return ok(out);
}
