import { splitTopLevel } from './grammar.ts';
import { type NameAddr, parseNameAddr, parseNameAddrList } from './name-addr.ts';
import type { SipHeader, SipMessage } from './sip-message.ts';
import { parseViaList, type Via } from './via.ts';

/** RFC 3261 §7.3.3 compact forms, plus those of later RFCs (3265, 3515, 3841, 3892, 4028). */
const COMPACT: Readonly<Record<string, string>> = {
  i: 'Call-ID',
  m: 'Contact',
  e: 'Content-Encoding',
  l: 'Content-Length',
  c: 'Content-Type',
  f: 'From',
  s: 'Subject',
  k: 'Supported',
  t: 'To',
  v: 'Via',
  o: 'Event',
  r: 'Refer-To',
  b: 'Referred-By',
  u: 'Allow-Events',
  a: 'Accept-Contact',
  j: 'Reject-Contact',
  d: 'Request-Disposition',
  x: 'Session-Expires',
  y: 'Identity',
  n: 'Identity-Info',
};

const SPECIAL: Readonly<Record<string, string>> = {
  'call-id': 'Call-ID',
  cseq: 'CSeq',
  'www-authenticate': 'WWW-Authenticate',
  'mime-version': 'MIME-Version',
  rack: 'RAck',
  rseq: 'RSeq',
};

/** Canonical long form of a header name (case-insensitive in, one spelling out). */
const canonicalCache = new Map<string, string>();

export function canonicalHeaderName(name: string): string {
  const hit = canonicalCache.get(name);
  if (hit !== undefined) return hit;
  const out = computeCanonical(name);
  // Bounded: hostile peers can invent header names without end.
  if (canonicalCache.size < 4096) canonicalCache.set(name, out);
  return out;
}

function computeCanonical(name: string): string {
  const lower = name.toLowerCase();
  const compact = COMPACT[lower];
  if (compact) return compact;
  const special = SPECIAL[lower];
  if (special) return special;
  return lower.replace(/(^|-)([a-z])/g, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** Headers whose values are comma-separated lists (§7.3.1); others (Authorization, Date …) never split. */
const LIST_HEADERS = new Set([
  'Via',
  'Contact',
  'Route',
  'Record-Route',
  'Path',
  'Allow',
  'Supported',
  'Require',
  'Proxy-Require',
  'Unsupported',
  'Accept',
  'Accept-Encoding',
  'Accept-Language',
  'Allow-Events',
  'Content-Encoding',
  'Content-Language',
  'In-Reply-To',
  'Alert-Info',
  'Call-Info',
  'Error-Info',
  'Warning',
  'Service-Route',
]);

export function isListHeader(name: string): boolean {
  return LIST_HEADERS.has(canonicalHeaderName(name));
}

/** First raw value of a header (whole line, unsplit), or undefined. */
export function getHeader(msg: SipMessage, name: string): string | undefined {
  const n = canonicalHeaderName(name);
  return msg.headers.find((h) => h.name === n)?.value;
}

/** Every value of a header, list headers split on top-level commas. */
export function getHeaders(msg: SipMessage, name: string): string[] {
  const n = canonicalHeaderName(name);
  const list = LIST_HEADERS.has(n);
  const out: string[] = [];
  for (const h of msg.headers) {
    if (h.name !== n) continue;
    if (!list) {
      out.push(h.value);
      continue;
    }
    const parts = splitTopLevel(h.value, ',') ?? [h.value];
    for (const p of parts) if (p.trim() !== '') out.push(p.trim());
  }
  return out;
}

export function hasHeader(msg: SipMessage, name: string): boolean {
  return getHeader(msg, name) !== undefined;
}

export function setHeader(msg: SipMessage, name: string, value: string): void {
  const n = canonicalHeaderName(name);
  const i = msg.headers.findIndex((h) => h.name === n);
  const rest = msg.headers.filter((h) => h.name !== n);
  if (i < 0) rest.push({ name: n, value });
  else rest.splice(Math.min(i, rest.length), 0, { name: n, value });
  msg.headers = rest;
}

export function addHeader(msg: SipMessage, name: string, value: string): void {
  msg.headers.push({ name: canonicalHeaderName(name), value });
}

/** Inserts before every other header of that name (used to push a Via or Record-Route). */
export function prependHeader(msg: SipMessage, name: string, value: string): void {
  const n = canonicalHeaderName(name);
  const i = msg.headers.findIndex((h) => h.name === n);
  const h: SipHeader = { name: n, value };
  if (i < 0) msg.headers.push(h);
  else msg.headers.splice(i, 0, h);
}

export function removeHeader(msg: SipMessage, name: string): void {
  const n = canonicalHeaderName(name);
  msg.headers = msg.headers.filter((h) => h.name !== n);
}

export interface CSeq {
  seq: number;
  method: string;
}

/** CSeq: 1*DIGIT LWS Method, the number below 2**31 (§8.1.1.5). */
export function parseCSeq(value: string): CSeq | null {
  const m = /^([0-9]{1,10})\s+([A-Za-z0-9\-.!%*_+`'~]+)$/.exec(value.trim());
  if (!m) return null;
  const seq = Number(m[1]);
  if (seq >= 2 ** 31) return null;
  return { seq, method: m[2] as string };
}

export function cseqOf(msg: SipMessage): CSeq | null {
  const v = getHeader(msg, 'CSeq');
  return v === undefined ? null : parseCSeq(v);
}

export function callIdOf(msg: SipMessage): string {
  return getHeader(msg, 'Call-ID') ?? '';
}

export function fromOf(msg: SipMessage): NameAddr | null {
  const v = getHeader(msg, 'From');
  return v === undefined ? null : parseNameAddr(v);
}

export function toOf(msg: SipMessage): NameAddr | null {
  const v = getHeader(msg, 'To');
  return v === undefined ? null : parseNameAddr(v);
}

export function tagOf(na: NameAddr | null): string | null {
  return na?.params.get('tag') ?? null;
}

export function viasOf(msg: SipMessage): Via[] {
  const out: Via[] = [];
  for (const h of msg.headers) if (h.name === 'Via') out.push(...(parseViaList(h.value) ?? []));
  return out;
}

export function topViaOf(msg: SipMessage): Via | null {
  const h = msg.headers.find((x) => x.name === 'Via');
  return h ? (parseViaList(h.value)?.[0] ?? null) : null;
}

/** Contact values; `'*'` for the wildcard (§10.2.2), null when malformed. */
export function contactsOf(msg: SipMessage): NameAddr[] | '*' | null {
  const values = msg.headers.filter((h) => h.name === 'Contact').map((h) => h.value.trim());
  if (values.length === 1 && values[0] === '*') return '*';
  const out: NameAddr[] = [];
  for (const v of values) {
    const list = parseNameAddrList(v);
    if (!list) return null;
    out.push(...list);
  }
  return out;
}

/** A header carrying a delta-seconds integer (Expires, Max-Forwards, Min-Expires), or null. */
export function intHeader(msg: SipMessage, name: string, max = 2 ** 32 - 1): number | null {
  const v = getHeader(msg, name)?.trim();
  if (v === undefined || !/^[0-9]{1,10}$/.test(v)) return null;
  const n = Number(v);
  return n <= max ? n : null;
}
