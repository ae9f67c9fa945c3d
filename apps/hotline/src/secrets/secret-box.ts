import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Bytes of the master key (AES-256). */
export const SECRET_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * What a sealed value looks like: `v1:<iv>:<tag>:<ciphertext>`, each part standard base64 (12-byte
 * IV, 16-byte GCM tag). Migration 0303 checks the same shape on `sip_trunks.password`.
 */
export const SEALED_PATTERN = /^v1:[A-Za-z0-9+/]{16}:[A-Za-z0-9+/]{22}==:[A-Za-z0-9+/]*={0,2}$/;

export const isSealed = (value: string): boolean => SEALED_PATTERN.test(value);

/** How a master key is written (the message of a bad one; never shows the value). */
export const SECRET_KEY_FORMAT = `must be ${SECRET_KEY_BYTES} bytes as 64 hex digits or base64 (e.g. \`openssl rand -base64 32\`)`;

/** The master key from its text form: 64 hex digits, or base64 / base64url of 32 bytes; else null. */
export function parseSecretKey(text: string): Buffer | null {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) {
    const key = Buffer.from(t, 'base64');
    if (key.length === SECRET_KEY_BYTES) return key;
  }
  return null;
}

/**
 * Encrypts short secrets at rest with AES-256-GCM (docs/decisions/0309): a fresh random IV per
 * value, the tag checked on open, so a value altered in the database or sealed under another key
 * is refused rather than decrypted to garbage. No I/O: the key comes from `secret-key.ts`.
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== SECRET_KEY_BYTES) throw new Error(`a secret key has ${SECRET_KEY_BYTES} bytes`);
    this.#key = Buffer.from(key);
  }

  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64'));
    return `v1:${parts.join(':')}`;
  }

  /** The clear value, or null when `sealed` is malformed, altered, or sealed under another key. */
  open(sealed: string): string | null {
    if (!isSealed(sealed)) return null;
    const [, iv, tag, data] = sealed.split(':') as [string, string, string, string];
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64'), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}
