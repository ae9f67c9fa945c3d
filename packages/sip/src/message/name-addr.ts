import { formatParams, isToken, parseParams, quote, splitTopLevel, unquote } from './grammar.ts';
import { formatUri, parseUri, type Uri } from './uri.ts';

/**
 * A From/To/Contact/Route value (RFC 3261 §20.10, §25.1 name-addr / addr-spec) with its header params.
 * `star` marks the `Contact: *` of a registrar wildcard removal (§10.2.2).
 */
export interface NameAddr {
  displayName: string | null;
  uri: Uri;
  params: Map<string, string | null>;
}

/** Parses one name-addr or addr-spec with its params; null when malformed (RFC 4475 §3.1.2.6/13/14/15). */
export function parseNameAddr(input: string): NameAddr | null {
  const s = input.trim();
  if (s === '') return null;
  let displayName: string | null = null;
  let rest: string;
  const lt = findUnquoted(s, '<');
  if (lt >= 0) {
    const dn = s.slice(0, lt).trim();
    if (dn.startsWith('"')) {
      const q = unquote(dn);
      if (q === null) return null;
      displayName = q;
    } else if (dn !== '') {
      // display-name = *(token LWS) / quoted-string: commas and the like are not allowed unquoted.
      const words = dn.split(/\s+/);
      if (!words.every(isToken)) return null;
      displayName = words.join(' ');
    }
    const gt = s.indexOf('>', lt);
    if (gt < 0) return null;
    const inner = s.slice(lt + 1, gt);
    // RFC 4475 §3.1.2.14: no whitespace inside the angle brackets.
    if (/\s/.test(inner)) return null;
    const uri = parseUri(inner);
    if (!uri) return null;
    rest = s.slice(gt + 1).trim();
    const params = parseHeaderParams(rest);
    return params ? { displayName, uri, params } : null;
  }
  if (s.startsWith('"')) return null; // quoted display name without <uri>, or an unbalanced quote
  // addr-spec form: params after the first ';' belong to the header (§20.10), and the URI may not
  // contain ',', '?' or ';' (§20: those force the name-addr form).
  const semi = s.indexOf(';');
  const uriStr = (semi >= 0 ? s.slice(0, semi) : s).trim();
  if (/[\s,?]/.test(uriStr)) return null;
  const uri = parseUri(uriStr);
  if (!uri) return null;
  const params = parseHeaderParams(semi >= 0 ? s.slice(semi) : '');
  return params ? { displayName: null, uri, params } : null;
}

function parseHeaderParams(rest: string): Map<string, string | null> | null {
  if (rest === '') return new Map();
  if (!rest.startsWith(';')) return null;
  return parseParams(rest.slice(1));
}

function findUnquoted(s: string, ch: string): number {
  let inQuote = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inQuote) {
      if (c === '\\') i++;
      else if (c === '"') inQuote = false;
    } else if (c === '"') inQuote = true;
    else if (c === ch) return i;
  }
  return -1;
}

/** Splits a comma-separated list of name-addrs (Contact, Route …); null when any element is malformed. */
export function parseNameAddrList(value: string): NameAddr[] | null {
  const parts = splitTopLevel(value, ',');
  if (!parts) return null;
  const out: NameAddr[] = [];
  for (const p of parts) {
    const na = parseNameAddr(p);
    if (!na) return null;
    out.push(na);
  }
  return out;
}

export function formatNameAddr(na: NameAddr): string {
  const dn = na.displayName === null ? '' : `${quote(na.displayName)} `;
  return `${dn}<${formatUri(na.uri)}>${formatParams(na.params)}`;
}
