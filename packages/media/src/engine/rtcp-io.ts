import type { RemoteInfo } from 'node:dgram';
import { ntpTime } from '../receiver-stats.ts';
import { parseRtcp, serializeRtcpReport } from '../rtcp-packet.ts';
import type { Endpoint } from './endpoint.ts';

/** RFC 3550 §6.2: the minimum report interval is 5 s; randomised by ±50 % (§6.3.1). */
export const RTCP_INTERVAL_MS = 5000;

/** Takes in an RTCP datagram (on the RTCP port or multiplexed): SR times for LSR, and what the far end says of us. */
export function handleRtcp(ep: Endpoint, msg: Uint8Array, rinfo: RemoteInfo, nowMs: number): void {
  const r = parseRtcp(msg);
  if (!r.ok) {
    ep.malformed++;
    return;
  }
  ep.rtcpRemote = { address: rinfo.address, port: rinfo.port };
  for (const p of r.value) {
    if (p.type === 'sr' && ep.rx && p.ssrc === ep.rx.ssrc)
      ep.rx.onSenderReport(p.sender.ntpMsw, p.sender.ntpLsw, nowMs);
    if (p.type === 'sr' || p.type === 'rr') {
      const about = p.reports.find((b) => b.ssrc === ep.out.ssrc);
      if (about)
        ep.remoteReport = {
          fractionLost: about.fractionLost,
          cumulativeLost: about.cumulativeLost,
          jitter: about.jitter,
        };
    }
  }
}

/** Sends SR (if we sent media since the last report) or RR, with a block about the current inbound source. */
export function sendRtcpReport(ep: Endpoint, nowMs: number): void {
  ep.nextRtcpMs = nowMs + RTCP_INTERVAL_MS * (0.5 + Math.random());
  const dest = ep.rtcpRemote ?? (ep.remote ? { address: ep.remote.address, port: ep.remote.rtcpPort } : undefined);
  if (!dest) return;
  const reports = ep.rx ? [ep.rx.reportBlock(nowMs)] : [];
  const cname = `hotline-${ep.id}`;
  let buf: Uint8Array;
  if (ep.sentSinceReport) {
    const ntp = ntpTime(Date.now());
    buf = serializeRtcpReport(
      {
        type: 'sr',
        ssrc: ep.out.ssrc,
        sender: {
          ntpMsw: ntp.msw,
          ntpLsw: ntp.lsw,
          rtpTimestamp: ep.out.timestampAt(nowMs),
          packetCount: ep.out.packets,
          octetCount: ep.out.octets,
        },
        reports,
      },
      cname,
    );
  } else buf = serializeRtcpReport({ type: 'rr', ssrc: ep.out.ssrc, reports }, cname);
  ep.sentSinceReport = false;
  ep.rtcp.send(buf, dest.port, dest.address);
}
