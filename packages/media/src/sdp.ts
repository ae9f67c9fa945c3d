import { fail, ok, type ParseResult } from './parse-result.ts';

/** RFC 3264 §5.1 / RFC 4566 §6 direction attributes. */
export type MediaDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';
export type AudioCodecName = 'PCMU' | 'PCMA';

export interface SdpFormat {
  payloadType: number;
  /** Encoding name as in rtpmap, upper-cased (`PCMU`, `TELEPHONE-EVENT`, `OPUS` …). */
  name: string;
  clockRate: number;
  fmtp?: string;
}

export interface SdpAudio {
  port: number;
  /** Connection address (media-level c= overrides session-level). */
  address: string;
  protocol: string;
  formats: SdpFormat[];
  direction: MediaDirection;
  ptime?: number;
  rtcpPort?: number;
}

export interface SdpSession {
  sessionId: string;
  version: string;
  /** The first audio m-line, or undefined if the description has none. */
  audio: SdpAudio | undefined;
  /** Number of m-lines, in order, with their media type (the answer must mirror them, §6). */
  mediaLines: { media: string; port: number; protocol: string; fmt: string }[];
}

/** RFC 3551 Table 4: static payload types we understand without rtpmap. */
const STATIC_PT: Record<number, { name: string; clockRate: number }> = {
  0: { name: 'PCMU', clockRate: 8000 },
  8: { name: 'PCMA', clockRate: 8000 },
};
const DIRECTIONS: readonly string[] = ['sendrecv', 'sendonly', 'recvonly', 'inactive'];

/** Parses the parts of an SDP body an audio B2BUA needs. Never throws. */
export function parseSdp(text: string): ParseResult<SdpSession> {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  if (!lines[0]?.startsWith('v=0')) return fail('sdp: first line is not v=0');
  let sessionId = '';
  let version = '';
  let sessionAddress: string | undefined;
  let sessionDirection: MediaDirection = 'sendrecv';
  const media: { media: string; port: number; protocol: string; fmt: string; lines: string[] }[] = [];
  for (const line of lines) {
    if (line[1] !== '=') return fail(`sdp: malformed line "${line.slice(0, 40)}"`);
    const type = line[0];
    const value = line.slice(2).trim();
    const cur = media.at(-1);
    if (type === 'm') {
      const m = /^(\w+) (\d+)(?:\/\d+)? (\S+)(?: (.*))?$/.exec(value);
      if (!m) return fail(`sdp: malformed m-line "${value}"`);
      const port = Number(m[2]);
      if (port > 65535) return fail('sdp: port out of range');
      media.push({ media: m[1]!, port, protocol: m[3]!, fmt: m[4] ?? '', lines: [] });
    } else if (cur) cur.lines.push(line);
    else if (type === 'o') {
      const f = value.split(' ');
      if (f.length < 6) return fail('sdp: malformed o-line');
      sessionId = f[1]!;
      version = f[2]!;
    } else if (type === 'c') sessionAddress = parseConnection(value);
    else if (type === 'a' && DIRECTIONS.includes(value)) sessionDirection = value as MediaDirection;
  }
  const a = media.find((m) => m.media === 'audio');
  let audio: SdpAudio | undefined;
  if (a) {
    const formats: SdpFormat[] = [];
    let address = sessionAddress;
    let direction = sessionDirection;
    let ptime: number | undefined;
    let rtcpPort: number | undefined;
    const rtpmap = new Map<number, { name: string; clockRate: number }>();
    const fmtp = new Map<number, string>();
    for (const line of a.lines) {
      const value = line.slice(2).trim();
      if (line[0] === 'c') address = parseConnection(value);
      if (line[0] !== 'a') continue;
      if (DIRECTIONS.includes(value)) direction = value as MediaDirection;
      let m = /^rtpmap:(\d+) ([^/\s]+)\/(\d+)/.exec(value);
      if (m) rtpmap.set(Number(m[1]), { name: m[2]!.toUpperCase(), clockRate: Number(m[3]) });
      m = /^fmtp:(\d+) (.*)$/.exec(value);
      if (m) fmtp.set(Number(m[1]), m[2]!);
      m = /^ptime:(\d+)/.exec(value);
      if (m) ptime = Number(m[1]);
      m = /^rtcp:(\d+)/.exec(value);
      if (m) rtcpPort = Number(m[1]);
    }
    for (const tok of a.fmt.split(' ').filter(Boolean)) {
      const pt = Number(tok);
      if (!Number.isInteger(pt) || pt < 0 || pt > 127) continue;
      const map = rtpmap.get(pt) ?? STATIC_PT[pt];
      if (!map) continue;
      const f: SdpFormat = { payloadType: pt, name: map.name, clockRate: map.clockRate };
      const fm = fmtp.get(pt);
      if (fm !== undefined) f.fmtp = fm;
      formats.push(f);
    }
    if (address === undefined) return fail('sdp: audio has no connection address');
    audio = { port: a.port, address, protocol: a.protocol, formats, direction };
    if (ptime !== undefined) audio.ptime = ptime;
    if (rtcpPort !== undefined) audio.rtcpPort = rtcpPort;
  }
  return ok({
    sessionId,
    version,
    audio,
    mediaLines: media.map(({ media: mm, port, protocol, fmt }) => ({ media: mm, port, protocol, fmt })),
  });
}

function parseConnection(value: string): string | undefined {
  const m = /^IN IP[46] ([^/\s]+)/.exec(value);
  return m?.[1];
}

export interface LocalAudio {
  address: string;
  port: number;
  /** Codecs we accept, in preference order. */
  codecs: readonly AudioCodecName[];
  /** Payload type for telephone-event in our offer (ignored in an answer: the offer's is used). */
  dtmfPayloadType?: number;
  ptime?: number;
  direction?: MediaDirection;
  sessionId?: string;
  sessionVersion?: number;
  username?: string;
}

/** What both sides agreed: everything the media engine's setRemote/setCodec need. */
export interface NegotiatedAudio {
  remoteAddress: string;
  remotePort: number;
  codec: AudioCodecName;
  payloadType: number;
  dtmfPayloadType: number | undefined;
  ptime: number;
  /** Our direction (what we may do): derived per RFC 3264 §6.1. */
  direction: MediaDirection;
}

const STATIC_OF: Record<AudioCodecName, number> = { PCMU: 0, PCMA: 8 };
export const DEFAULT_DTMF_PT = 101;
export const DEFAULT_PTIME = 20;

function render(
  local: LocalAudio,
  formats: { pt: number; name: string }[],
  dtmfPt: number | undefined,
  direction: MediaDirection,
  port = local.port,
): string {
  const id = local.sessionId ?? String(Math.floor(Date.now() / 1000));
  const ver = local.sessionVersion ?? 1;
  const fam = local.address.includes(':') ? 'IP6' : 'IP4';
  const pts = formats.map((f) => f.pt);
  if (dtmfPt !== undefined) pts.push(dtmfPt);
  const out = [
    'v=0',
    `o=${local.username ?? 'hotline'} ${id} ${ver} IN ${fam} ${local.address}`,
    's=hotline',
    `c=IN ${fam} ${local.address}`,
    't=0 0',
    `m=audio ${port} RTP/AVP ${pts.join(' ')}`,
    ...formats.map((f) => `a=rtpmap:${f.pt} ${f.name}/8000`),
  ];
  if (dtmfPt !== undefined) out.push(`a=rtpmap:${dtmfPt} telephone-event/8000`, `a=fmtp:${dtmfPt} 0-16`);
  out.push(`a=ptime:${local.ptime ?? DEFAULT_PTIME}`, `a=${direction}`);
  return `${out.join('\r\n')}\r\n`;
}

/** An offer with our codecs (static PTs 0/8) and telephone-event. */
export function createAudioOffer(local: LocalAudio): string {
  return render(
    local,
    local.codecs.map((c) => ({ pt: STATIC_OF[c], name: c })),
    local.dtmfPayloadType ?? DEFAULT_DTMF_PT,
    local.direction ?? 'sendrecv',
  );
}

/** RFC 3264 §6.1: the answerer's direction given the offer's and what it wants for itself. */
export function answerDirection(offered: MediaDirection, wanted: MediaDirection): MediaDirection {
  const canSend = offered === 'sendrecv' || offered === 'recvonly';
  const canRecv = offered === 'sendrecv' || offered === 'sendonly';
  const send = canSend && (wanted === 'sendrecv' || wanted === 'sendonly');
  const recv = canRecv && (wanted === 'sendrecv' || wanted === 'recvonly');
  return send && recv ? 'sendrecv' : send ? 'sendonly' : recv ? 'recvonly' : 'inactive';
}

function pickCodec(audio: SdpAudio, prefs: readonly AudioCodecName[]) {
  // §6.1: the answerer SHOULD prefer the offerer's order among what it supports; we pick our
  // preferred codec among those offered, so a call center can force PCMA on a trunk.
  for (const c of prefs) {
    const f = audio.formats.find((x) => x.name === c && x.clockRate === 8000);
    if (f) return { codec: c, payloadType: f.payloadType };
  }
  return undefined;
}

function dtmfOf(audio: SdpAudio): number | undefined {
  return audio.formats.find((f) => f.name === 'TELEPHONE-EVENT' && f.clockRate === 8000)?.payloadType;
}

/**
 * Answers an offer: picks a codec, keeps the offer's telephone-event PT, mirrors the m-lines
 * (non-audio and extra lines are rejected with port 0, RFC 3264 §6). An error value means no
 * common codec or no audio: the caller answers 488.
 */
export function answerAudioOffer(
  offerSdp: string,
  local: LocalAudio,
): ParseResult<{ sdp: string; negotiated: NegotiatedAudio }> {
  const p = parseSdp(offerSdp);
  if (!p.ok) return p;
  const audio = p.value.audio;
  if (!audio || audio.port === 0) return fail('sdp: offer has no active audio stream');
  if (!/^RTP\/AVP$/i.test(audio.protocol)) return fail(`sdp: unsupported audio profile ${audio.protocol}`);
  const chosen = pickCodec(audio, local.codecs);
  if (!chosen) return fail('sdp: no common codec (PCMU/PCMA)');
  const dtmf = dtmfOf(audio);
  const direction = answerDirection(audio.direction, local.direction ?? 'sendrecv');
  const ptime = audio.ptime ?? DEFAULT_PTIME;
  const body = render({ ...local, ptime }, [{ pt: chosen.payloadType, name: chosen.codec }], dtmf, direction);
  // Mirror every other m-line as rejected.
  const extra = p.value.mediaLines
    .filter((m, i) => !(m.media === 'audio' && i === p.value.mediaLines.findIndex((x) => x.media === 'audio')))
    .map((m) => `m=${m.media} 0 ${m.protocol} ${m.fmt}\r\n`)
    .join('');
  return ok({
    sdp: body + extra,
    negotiated: {
      remoteAddress: audio.address,
      remotePort: audio.port,
      codec: chosen.codec,
      payloadType: chosen.payloadType,
      dtmfPayloadType: dtmf,
      ptime,
      direction,
    },
  });
}

/** Reads the answer to our offer: what the far end chose and where to send. */
export function readAudioAnswer(answerSdp: string, local: LocalAudio): ParseResult<NegotiatedAudio> {
  const p = parseSdp(answerSdp);
  if (!p.ok) return p;
  const audio = p.value.audio;
  if (!audio || audio.port === 0) return fail('sdp: answer rejected the audio stream');
  const chosen = pickCodec(audio, local.codecs);
  if (!chosen) return fail('sdp: answer holds none of our codecs');
  return ok({
    remoteAddress: audio.address,
    remotePort: audio.port,
    codec: chosen.codec,
    payloadType: chosen.payloadType,
    dtmfPayloadType: dtmfOf(audio),
    ptime: audio.ptime ?? DEFAULT_PTIME,
    // The answer's direction is the far end's; what it allows us is computed as for an offer.
    direction: answerDirection(audio.direction, local.direction ?? 'sendrecv'),
  });
}
