/** Character classes of RFC 3261 §25.1 used by the parsers. */

/** token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~") */
export const TOKEN_RE = /^[A-Za-z0-9\-.!%*_+`'~]+$/;
export const DIGITS_RE = /^[0-9]+$/;
const WS = new Set([' ', '\t', '\r', '\n']);

export function isToken(s: string): boolean {
  return TOKEN_RE.test(s);
}

export function isWs(c: string | undefined): boolean {
  return c !== undefined && WS.has(c);
}

/**
 * Splits `s` on `sep` outside quoted strings and <...>, honouring quoted-pair escapes.
 * Returns null on an unterminated quote or angle bracket.
 */
export function splitTopLevel(s: string, sep: string): string[] | null {
  const out: string[] = [];
  let cur = '';
  let inQuote = false;
  let angle = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (inQuote) {
      cur += c;
      if (c === '\\' && i + 1 < s.length) {
        cur += s[++i];
      } else if (c === '"') inQuote = false;
      continue;
    }
    if (c === '"') inQuote = true;
    else if (c === '<' && !angle) angle = true;
    else if (c === '>' && angle) angle = false;
    if (c === sep && !angle) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  if (inQuote || angle) return null;
  out.push(cur);
  return out;
}

/** Parses `;a=b;c;d="q"` (leading separator already removed) into a map. Empty params are errors. */
export function parseParams(s: string): Map<string, string | null> | null {
  const params = new Map<string, string | null>();
  if (s.trim() === '') return params;
  const parts = splitTopLevel(s, ';');
  if (!parts) return null;
  for (const raw of parts) {
    const p = raw.trim();
    if (p === '') return null; // RFC 4475 §3.1.2.1: ";;" is not a generic-param
    const eq = p.indexOf('=');
    const name = (eq < 0 ? p : p.slice(0, eq)).trim().toLowerCase();
    if (!isToken(name)) return null;
    if (eq < 0) {
      params.set(name, null);
      continue;
    }
    const value = p.slice(eq + 1).trim();
    if (value.startsWith('"')) {
      const q = unquote(value);
      if (q === null) return null;
      params.set(name, q);
    } else {
      if (value === '' || /[\s"]/.test(value)) return null;
      params.set(name, value);
    }
  }
  return params;
}

export function formatParams(params: ReadonlyMap<string, string | null>): string {
  let out = '';
  for (const [k, v] of params) out += v === null ? `;${k}` : `;${k}=${needsQuote(v) ? quote(v) : v}`;
  return out;
}

function needsQuote(v: string): boolean {
  return v !== '' && !/^[A-Za-z0-9\-.!%*_+`'~:[\]]+$/.test(v);
}

/** `"a \"b\""` → `a "b"`; null when not a well-formed quoted-string. */
export function unquote(s: string): string | null {
  if (!s.startsWith('"') || s.length < 2) return null;
  let out = '';
  for (let i = 1; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '\\') {
      if (i + 1 >= s.length) return null;
      out += s[++i];
    } else if (c === '"') {
      return i === s.length - 1 ? out : null;
    } else out += c;
  }
  return null;
}

export function quote(s: string): string {
  return `"${s.replace(/[\\"]/g, (m) => `\\${m}`)}"`;
}

/** Decodes %HH escapes; leaves a lone % untouched (RFC 4475 §3.1.1.5 uses % outside escapes). */
export function unescapePercent(s: string): string {
  if (!s.includes('%')) return s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (s[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c < 0x80) bytes.push(c);
    else for (const b of new TextEncoder().encode(s[i])) bytes.push(b);
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}
