import { randomBytes, randomUUID } from 'node:crypto';

/** Random UUID v4, for rows and protocol message ids. */
export function newId(): string {
  return randomUUID();
}

/** URL-safe random token of `bytes` bytes of entropy (session ids, API tokens, SIP tags). */
export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

/** Short lowercase hex token (SIP tags, branch suffixes). */
export function randomHex(bytes = 8): string {
  return randomBytes(bytes).toString('hex');
}
