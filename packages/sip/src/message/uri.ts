import { unescapePercent } from './grammar.ts';

/** A sip: or sips: URI (RFC 3261 §19.1). `user` keeps its escapes; `userDecoded()` removes them. */
export interface SipUri {
  readonly scheme: 'sip' | 'sips';
  user: string | null;
  password: string | null;
  host: string;
  port: number | null;
  params: Map<string, string | null>;
  headers: Map<string, string>;
}

/** Any other absolute URI (tel:, urn:, http:, soap.beep: …), kept opaque (RFC 3261 §19.1.1 absoluteURI). */
export interface AbsoluteUri {
  readonly scheme: string;
  readonly opaque: string;
}

export type Uri = SipUri | AbsoluteUri;

export function isSipUri(u: Uri): u is SipUri {
  return u.scheme === 'sip' || u.scheme === 'sips';
}

const SCHEME_RE = /^[A-Za-z][A-Za-z0-9+\-.]*$/;
const HOSTNAME_RE = /^[A-Za-z0-9]([A-Za-z0-9\-.]*[A-Za-z0-9.])?$/;
const IPV6_RE = /^\[[0-9A-Fa-f:.]+\]$/;
/** user-part characters: unreserved / escaped / user-unreserved, plus ';' since params come after '@'. */
const USER_RE = /^[A-Za-z0-9\-_.!~*'()%&=+$,;?/]+$/;
const PASSWORD_RE = /^[A-Za-z0-9\-_.!~*'()%&=+$,]*$/;
const PARAM_CHARS_RE = /^[A-Za-z0-9\-_.!~*'()%[\]/:&+$]*$/;
const ABS_OPAQUE_RE = /^[^\s<>"]+$/;

/** Parses a URI; null when malformed. Whitespace anywhere makes it malformed. */
export function parseUri(input: string): Uri | null {
  const colon = input.indexOf(':');
  if (colon <= 0) return null;
  const scheme = input.slice(0, colon).toLowerCase();
  if (!SCHEME_RE.test(scheme)) return null;
  const rest = input.slice(colon + 1);
  if (scheme !== 'sip' && scheme !== 'sips') {
    return rest !== '' && ABS_OPAQUE_RE.test(rest) ? { scheme, opaque: rest } : null;
  }
  if (/[\s<>"]/.test(rest) || rest === '') return null;
  let user: string | null = null;
  let password: string | null = null;
  let hostPart = rest;
  const at = rest.indexOf('@');
  if (at >= 0) {
    const userinfo = rest.slice(0, at);
    hostPart = rest.slice(at + 1);
    const pc = userinfo.indexOf(':');
    user = pc >= 0 ? userinfo.slice(0, pc) : userinfo;
    password = pc >= 0 ? userinfo.slice(pc + 1) : null;
    if (user === '' || !USER_RE.test(user)) return null;
    if (password !== null && !PASSWORD_RE.test(password)) return null;
  }
  let headersPart = '';
  const q = hostPart.indexOf('?');
  if (q >= 0) {
    headersPart = hostPart.slice(q + 1);
    hostPart = hostPart.slice(0, q);
  }
  let paramsPart = '';
  const semi = hostPart.indexOf(';');
  if (semi >= 0) {
    paramsPart = hostPart.slice(semi + 1);
    hostPart = hostPart.slice(0, semi);
  }
  const hp = parseHostPort(hostPart);
  if (!hp) return null;
  const params = paramsPart === '' ? new Map<string, string | null>() : parseUriParams(paramsPart);
  if (!params) return null;
  const headers = new Map<string, string>();
  if (headersPart !== '') {
    for (const h of headersPart.split('&')) {
      const eq = h.indexOf('=');
      if (eq <= 0 || !PARAM_CHARS_RE.test(h.slice(eq + 1)) || !PARAM_CHARS_RE.test(h.slice(0, eq))) return null;
      headers.set(unescapePercent(h.slice(0, eq)), unescapePercent(h.slice(eq + 1)));
    }
  }
  return { scheme, user, password, host: hp.host, port: hp.port, params, headers };
}

function parseUriParams(s: string): Map<string, string | null> | null {
  const out = new Map<string, string | null>();
  for (const p of s.split(';')) {
    if (p === '') continue; // RFC 4475 §3.1.1.2: ";;" inside a URI is tolerated
    const eq = p.indexOf('=');
    const name = eq < 0 ? p : p.slice(0, eq);
    const value = eq < 0 ? null : p.slice(eq + 1);
    if (name === '' || !PARAM_CHARS_RE.test(name) || (value !== null && !PARAM_CHARS_RE.test(value))) return null;
    out.set(unescapePercent(name).toLowerCase(), value === null ? null : unescapePercent(value));
  }
  return out;
}

/** host[:port] with IPv6 references in brackets (RFC 3261 §25.1 hostport). */
export function parseHostPort(s: string): { host: string; port: number | null } | null {
  let host = s;
  let portStr: string | null = null;
  if (s.startsWith('[')) {
    const end = s.indexOf(']');
    if (end < 0) return null;
    host = s.slice(0, end + 1);
    const after = s.slice(end + 1);
    if (after !== '') {
      if (!after.startsWith(':')) return null;
      portStr = after.slice(1);
    }
    if (!IPV6_RE.test(host)) return null;
  } else {
    const c = s.lastIndexOf(':');
    if (c >= 0) {
      host = s.slice(0, c);
      portStr = s.slice(c + 1);
    }
    if (!HOSTNAME_RE.test(host)) return null;
  }
  let port: number | null = null;
  if (portStr !== null) {
    if (!/^[0-9]{1,5}$/.test(portStr)) return null;
    port = Number(portStr);
    if (port > 65535) return null;
  }
  return { host: host.toLowerCase(), port };
}

export function formatUri(u: Uri): string {
  if (!isSipUri(u)) return `${u.scheme}:${u.opaque}`;
  let s = `${u.scheme}:`;
  if (u.user !== null) s += u.user + (u.password !== null ? `:${u.password}` : '') + '@';
  s += u.host + (u.port !== null ? `:${u.port}` : '');
  s += formatUriParams(u.params);
  if (u.headers.size > 0) {
    s += `?${[...u.headers].map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
  }
  return s;
}

function formatUriParams(params: ReadonlyMap<string, string | null>): string {
  let out = '';
  for (const [k, v] of params) out += v === null ? `;${k}` : `;${k}=${v}`;
  return out;
}

/** The user part with %HH escapes removed (RFC 3261 §19.1.4 compares unescaped). */
export function userDecoded(u: SipUri): string | null {
  return u.user === null ? null : unescapePercent(u.user);
}

/** Address-of-record key `sip:user@host` (no port, params or headers), lowercase host (§10.3 step 5). */
export function aorOf(u: Uri): string {
  if (!isSipUri(u)) return `${u.scheme}:${u.opaque}`;
  const user = userDecoded(u);
  return `${u.scheme}:${user !== null ? `${user}@` : ''}${u.host}`;
}

export function sipUri(parts: Partial<SipUri> & { host: string }): SipUri {
  return {
    scheme: parts.scheme ?? 'sip',
    user: parts.user ?? null,
    password: parts.password ?? null,
    host: parts.host,
    port: parts.port ?? null,
    params: parts.params ?? new Map(),
    headers: parts.headers ?? new Map(),
  };
}
