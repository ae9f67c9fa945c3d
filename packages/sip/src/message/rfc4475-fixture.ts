import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(import.meta.dirname, '..', '__fixtures__', 'rfc4475');

/**
 * Loads an RFC 4475 message written in the RFC's own notation (§2): `<allOneLine>` joins lines,
 * `<hex>…</hex>` stands for raw octets, `<repeat count=N>x</repeat>` for long runs; lines end in CRLF.
 * Test support only.
 */
export function loadRfc4475(name: string): Buffer {
  const text = readFileSync(join(DIR, `${name}.sip`), 'utf8');
  const lines = text.split('\n');
  const joined: string[] = [];
  let one: string[] | null = null;
  for (const line of lines) {
    if (line === '<allOneLine>') one = [];
    else if (line === '</allOneLine>') {
      joined.push((one ?? []).join(''));
      one = null;
    } else if (one) one.push(line);
    else joined.push(line);
  }
  const expanded = joined
    .join('\r\n')
    .replace(/<repeat count=(\d+)>(.*?)<\/repeat>/g, (_m, n: string, x: string) => x.repeat(Number(n)));
  const parts: Buffer[] = [];
  const re = /<hex>([0-9A-Fa-f\s]*)<\/hex>/g;
  let last = 0;
  for (let m = re.exec(expanded); m; m = re.exec(expanded)) {
    parts.push(Buffer.from(expanded.slice(last, m.index), 'utf8'));
    parts.push(Buffer.from((m[1] as string).replace(/\s+/g, ''), 'hex'));
    last = m.index + m[0].length;
  }
  parts.push(Buffer.from(expanded.slice(last), 'utf8'));
  return Buffer.concat(parts);
}
