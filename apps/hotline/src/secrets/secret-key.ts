import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Config, ConfigError } from '../config.ts';
import { parseSecretKey, SECRET_KEY_BYTES, SECRET_KEY_FORMAT } from './secret-box.ts';

/** The master key and where it came from (for messages: the env name or the file, never the key). */
export interface SecretKey {
  key: Buffer;
  source: string;
}

/** The key file used when `HOTLINE_SECRET_KEY` is unset. */
export const secretKeyPath = (dataDir: string): string => join(dataDir, 'secret-key');

/**
 * The master key of control's encrypted secrets (docs/decisions/0309): `HOTLINE_SECRET_KEY` when
 * set, else `<dataDir>/secret-key`. When neither exists and `create` is true, a random key is
 * written there once (mode 0600, atomically: a process starting at the same time reads the same
 * key); with `create` false, null. A key file that is not a key is a configuration error.
 */
export function readSecretKey(config: Pick<Config, 'secretKey' | 'dataDir'>, o: { create: boolean }): SecretKey | null {
  if (config.secretKey !== undefined) {
    const key = parseSecretKey(config.secretKey);
    if (!key) throw new ConfigError([`secretKey (HOTLINE_SECRET_KEY): ${SECRET_KEY_FORMAT}`]);
    return { key, source: 'HOTLINE_SECRET_KEY' };
  }
  const file = secretKeyPath(config.dataDir);
  let text = readIfExists(file);
  if (text === null) {
    if (!o.create) return null;
    create(config.dataDir, file);
    text = readIfExists(file) ?? '';
  }
  const key = parseSecretKey(text);
  if (!key) {
    throw new ConfigError([
      `secretKey (HOTLINE_SECRET_KEY): the key file ${file} ${SECRET_KEY_FORMAT}; restore it or set HOTLINE_SECRET_KEY`,
    ]);
  }
  return { key, source: file };
}

function readIfExists(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

function create(dir: string, file: string): void {
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${randomBytes(SECRET_KEY_BYTES).toString('base64')}\n`, { mode: 0o600 });
  try {
    linkSync(tmp, file);
  } catch (e) {
    // EEXIST: another process made it first; its key is the one.
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    unlinkSync(tmp);
  }
}
