/** Minimal bencode for rtpengine's ng control protocol (strings, integers, lists, dictionaries). */
export type Bval = string | number | Bval[] | { [k: string]: Bval };

export function bencode(v: Bval): string {
  if (typeof v === 'number') return `i${Math.trunc(v)}e`;
  if (typeof v === 'string') return `${Buffer.byteLength(v)}:${v}`;
  if (Array.isArray(v)) return `l${v.map(bencode).join('')}e`;
  return `d${Object.keys(v)
    .sort()
    .map((k) => bencode(k) + bencode(v[k]!))
    .join('')}e`;
}

export function bdecode(buf: Buffer): Bval {
  let i = 0;
  const next = (): Bval => {
    const c = String.fromCharCode(buf[i]!);
    if (c === 'i') {
      const e = buf.indexOf(0x65, i);
      const n = Number(buf.subarray(i + 1, e).toString());
      i = e + 1;
      return n;
    }
    if (c === 'l') {
      i++;
      const out: Bval[] = [];
      while (buf[i] !== 0x65) out.push(next());
      i++;
      return out;
    }
    if (c === 'd') {
      i++;
      const out: Record<string, Bval> = {};
      while (buf[i] !== 0x65) {
        const k = next() as string;
        out[k] = next();
      }
      i++;
      return out;
    }
    const colon = buf.indexOf(0x3a, i);
    const len = Number(buf.subarray(i, colon).toString());
    const s = buf.subarray(colon + 1, colon + 1 + len).toString();
    i = colon + 1 + len;
    return s;
  };
  return next();
}
