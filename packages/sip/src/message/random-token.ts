import { randomFillSync } from 'node:crypto';

/**
 * Hex tokens for tags and branches from a pooled CSPRNG buffer: one `randomFillSync` per 4 KiB
 * instead of one per response (it was ~5 % of the CPU of an OPTIONS/REGISTER under load).
 */
const POOL = Buffer.alloc(4096);
let offset = POOL.length;

export function randomTokenHex(bytes: number): string {
  if (offset + bytes > POOL.length) {
    randomFillSync(POOL);
    offset = 0;
  }
  const s = POOL.toString('hex', offset, offset + bytes);
  offset += bytes;
  return s;
}
