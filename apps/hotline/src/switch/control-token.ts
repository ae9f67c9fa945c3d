import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.ts';

/**
 * The call-control shared secret: `HOTLINE_CALL_CONTROL_TOKEN`, else a random token created once
 * in `<dataDir>/switch/control-token` (mode 0600) by whichever process starts first.
 */
export function controlToken(config: Pick<Config, 'callControlToken' | 'dataDir'>): string {
  if (config.callControlToken) return config.callControlToken;
  const dir = join(config.dataDir, 'switch');
  const file = join(dir, 'control-token');
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(file, randomBytes(24).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch {
    // exists already (created by the other process)
  }
  return readFileSync(file, 'utf8').trim();
}

export function switchControlUrl(config: Pick<Config, 'switchControlHost' | 'switchControlPort'>): string {
  const host = config.switchControlHost === '0.0.0.0' ? '127.0.0.1' : config.switchControlHost;
  return `ws://${host}:${config.switchControlPort}/call-control`;
}
