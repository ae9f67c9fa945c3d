import { formatParams, isToken, parseParams, splitTopLevel } from './grammar.ts';
import { parseHostPort } from './uri.ts';

/** One Via value (RFC 3261 §20.42): `SIP/2.0/UDP host:port;branch=…;rport;received=…`. */
export interface Via {
  protocol: string;
  transport: string;
  host: string;
  port: number | null;
  params: Map<string, string | null>;
}

/** RFC 3261 §8.1.1.7: branches that begin with this cookie are unique per transaction. */
export const BRANCH_MAGIC_COOKIE = 'z9hG4bK';

export function parseVia(value: string): Via | null {
  const semi = value.indexOf(';');
  const head = (semi >= 0 ? value.slice(0, semi) : value).trim();
  // sent-protocol = protocol-name SLASH protocol-version SLASH transport, LWS allowed around SLASH
  const m = /^([^\s/]+)\s*\/\s*([^\s/]+)\s*\/\s*([^\s/]+)\s+(\S+)$/.exec(head);
  if (!m) return null;
  const [, name, version, transport, sentBy] = m as unknown as [string, string, string, string, string];
  if (!isToken(name) || !isToken(version) || !isToken(transport)) return null;
  const hp = parseHostPort(sentBy);
  if (!hp) return null;
  const params = semi >= 0 ? parseParams(value.slice(semi + 1)) : new Map<string, string | null>();
  if (!params) return null;
  return {
    protocol: `${name.toUpperCase()}/${version}`,
    transport: transport.toUpperCase(),
    host: hp.host,
    port: hp.port,
    params,
  };
}

export function parseViaList(value: string): Via[] | null {
  const parts = splitTopLevel(value, ',');
  if (!parts) return null;
  const out: Via[] = [];
  for (const p of parts) {
    const v = parseVia(p);
    if (!v) return null;
    out.push(v);
  }
  return out;
}

export function formatVia(v: Via): string {
  return `${v.protocol}/${v.transport} ${v.host}${v.port !== null ? `:${v.port}` : ''}${formatParams(v.params)}`;
}

export function viaBranch(v: Via): string | null {
  const b = v.params.get('branch');
  return b === undefined || b === null ? null : b;
}
