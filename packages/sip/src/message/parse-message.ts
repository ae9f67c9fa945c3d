import { isToken } from './grammar.ts';
import { canonicalHeaderName, parseCSeq } from './headers.ts';
import { parseNameAddr, parseNameAddrList } from './name-addr.ts';
import { EMPTY_BODY, type ParseError, type SipHeader, type SipMessage, type SipRequest } from './sip-message.ts';
import { isSipUri, parseUri } from './uri.ts';
import { parseViaList } from './via.ts';

/** Limits against hostile input; a message over them is a parse error, never an exception. */
export const MAX_MESSAGE_BYTES = 65_535;
export const MAX_HEADER_LINES = 256;

const REQUEST_LINE_RE = /^([^ ]+) ([^ ]+) (SIP\/[0-9]+\.[0-9]+)$/;
const STATUS_LINE_RE = /^(SIP\/[0-9]+\.[0-9]+) ([0-9]{3})(?: (.*))?$/;
/** Headers that may appear once only (RFC 4475 §3.3.8): a second one makes the message invalid. */
const SINGLE = ['To', 'From', 'Call-ID', 'CSeq', 'Max-Forwards', 'Content-Type', 'Expires'];
const REQUIRED = ['Via', 'From', 'To', 'Call-ID', 'CSeq'];
const CRLF2 = Buffer.from('\r\n\r\n');
const LF2 = Buffer.from('\n\n');

function fail(reason: string, partial?: SipRequest): ParseError {
  return partial ? { kind: 'error', reason, partial } : { kind: 'error', reason };
}

/**
 * Parses one SIP message (RFC 3261 §7). Never throws: malformed input yields a `ParseError`.
 * Bytes after Content-Length are ignored (RFC 4475 §3.1.1.8); a message whose Content-Length
 * exceeds the bytes present is rejected (§3.1.2.2). Without Content-Length the body is the rest
 * (allowed for datagrams, §18.3; stream framing always supplies it).
 */
export function parseMessage(input: Uint8Array | string): SipMessage | ParseError {
  try {
    return parse(typeof input === 'string' ? Buffer.from(input, 'utf8') : toBuffer(input));
  } catch (e) {
    // A bug, not hostile input — but the contract is "never throws" for the transport.
    return fail(`internal parser error: ${(e as Error).message}`);
  }
}

function toBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

function parse(raw: Buffer): SipMessage | ParseError {
  if (raw.length > MAX_MESSAGE_BYTES) return fail('message too large');
  let start = 0;
  // §7.5: empty lines before the start-line are ignored (also CRLF keep-alives, RFC 5626 §3.5.1).
  while (start < raw.length && (raw[start] === 0x0d || raw[start] === 0x0a)) start++;
  if (start >= raw.length) return fail('empty message');
  let headEnd = raw.indexOf(CRLF2, start);
  let bodyStart = headEnd + 4;
  if (headEnd < 0) {
    headEnd = raw.indexOf(LF2, start);
    bodyStart = headEnd + 2;
  }
  if (headEnd < 0) {
    headEnd = raw.length;
    bodyStart = raw.length;
  }
  const head = raw.subarray(start, headEnd).toString('utf8');
  const lines = head.split(/\r?\n/);
  const startLine = lines[0] ?? '';
  const headerLines = unfold(lines.slice(1));
  if (headerLines === null) return fail('header folding before any header');
  if (headerLines.length > MAX_HEADER_LINES) return fail('too many header lines');

  const headers: SipHeader[] = [];
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon < 0) return fail(`header line without colon: ${line.slice(0, 40)}`);
    const name = line.slice(0, colon).replace(/[ \t]+$/, '');
    if (!isToken(name)) return fail(`bad header name: ${name.slice(0, 40)}`);
    headers.push({ name: canonicalHeaderName(name), value: line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '') });
  }

  let msg: SipMessage;
  const req = REQUEST_LINE_RE.exec(startLine);
  if (startLine.startsWith('SIP/')) {
    const st = STATUS_LINE_RE.exec(startLine);
    if (!st) return fail('malformed status line');
    if (st[1] !== 'SIP/2.0') return fail(`unsupported version ${st[1]}`);
    const status = Number(st[2]);
    if (status < 100 || status > 699) return fail('status code out of range');
    msg = { kind: 'response', status, reason: st[3] ?? '', headers, body: EMPTY_BODY };
  } else if (req) {
    const [, method, uri, version] = req as unknown as [string, string, string, string];
    if (!isToken(method)) return fail('bad method');
    msg = { kind: 'request', method, uri, headers, body: EMPTY_BODY };
    if (version !== 'SIP/2.0') return fail(`unsupported version ${version}`, msg);
    const u = parseUri(uri);
    if (!u) return fail('malformed Request-URI', msg);
    // RFC 4475 §3.1.2.11: a Request-URI carrying headers is malformed.
    if (isSipUri(u) && u.headers.size > 0) return fail('Request-URI with headers', msg);
  } else {
    return fail('malformed start line');
  }
  const partial = msg.kind === 'request' ? msg : undefined;

  const bad = validateHeaders(msg);
  if (bad) return fail(bad, partial);

  // Body framing.
  const cls = headers.filter((h) => h.name === 'Content-Length').map((h) => h.value);
  const available = raw.length - bodyStart;
  let length = available;
  if (cls.length > 0) {
    if (cls.some((v) => v !== cls[0])) return fail('conflicting Content-Length values', partial); // §3.3.9
    const v = cls[0] as string;
    if (!/^[0-9]{1,10}$/.test(v)) return fail('malformed Content-Length', partial); // §3.1.2.3
    length = Number(v);
    if (length > available) return fail('Content-Length larger than message', partial); // §3.1.2.2
  }
  msg.body = length > 0 ? new Uint8Array(raw.subarray(bodyStart, bodyStart + length)) : EMPTY_BODY;
  return msg;
}

/** Joins continuation lines (§7.3.1: a line starting with SP/HT continues the previous one). */
function unfold(lines: string[]): string[] | null {
  const out: string[] = [];
  for (const line of lines) {
    if (line === '') continue;
    if (line[0] === ' ' || line[0] === '\t') {
      if (out.length === 0) return null;
      out[out.length - 1] = `${(out[out.length - 1] as string).replace(/[ \t]+$/, '')} ${line.trim()}`;
    } else out.push(line);
  }
  return out;
}

function validateHeaders(msg: SipMessage): string | null {
  const count = new Map<string, number>();
  for (const h of msg.headers) count.set(h.name, (count.get(h.name) ?? 0) + 1);
  for (const r of REQUIRED) if (!count.get(r)) return `missing ${r}`;
  for (const s of SINGLE) if ((count.get(s) ?? 0) > 1) return `more than one ${s}`;
  for (const h of msg.headers) {
    const err = validateHeader(msg, h);
    if (err) return err;
  }
  return null;
}

function validateHeader(msg: SipMessage, h: SipHeader): string | null {
  switch (h.name) {
    case 'Via':
      return parseViaList(h.value) ? null : 'malformed Via';
    case 'From':
    case 'To':
      return parseNameAddr(h.value) ? null : `malformed ${h.name}`;
    case 'Contact':
      return h.value === '*' || parseNameAddrList(h.value) ? null : 'malformed Contact';
    case 'Route':
    case 'Record-Route':
      return parseNameAddrList(h.value) ? null : `malformed ${h.name}`;
    case 'Call-ID':
      return /^\S+$/.test(h.value) ? null : 'malformed Call-ID';
    case 'CSeq': {
      const c = parseCSeq(h.value);
      if (!c) return 'malformed CSeq';
      // RFC 4475 §3.1.2.17/18: the CSeq method must match the request method.
      if (msg.kind === 'request' && c.method !== msg.method) return 'CSeq method does not match';
      return null;
    }
    case 'Max-Forwards':
      return /^[0-9]{1,10}$/.test(h.value) && Number(h.value) <= 255 ? null : 'malformed Max-Forwards';
    case 'Expires':
      return /^[0-9]{1,10}$/.test(h.value) && Number(h.value) < 2 ** 32 ? null : 'malformed Expires';
    case 'Date':
      // RFC 3261 §20.17: SIP-date is rfc1123-date, always in GMT (RFC 4475 §3.1.2.12).
      return /\sGMT$/.test(h.value) ? null : 'Date not in GMT';
    default:
      return null;
  }
}
