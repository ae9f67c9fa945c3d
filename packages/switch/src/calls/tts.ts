import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode, HotlineError } from '@hotline/core';

/** Longest a TTS rendering may take. */
export const TTS_TIMEOUT_MS = 15_000;

/**
 * `leg.say`: renders text with espeak-ng (a Debian package, optional) into a cached WAV; the media
 * player converts it to 8 kHz. Without espeak-ng the command fails with `unavailable`.
 */
export function renderSpeech(text: string, voice: string, cacheDir: string): Promise<string> {
  const safeVoice = /^[a-z]{2,3}(-[a-z0-9]{1,8})?$/i.test(voice) ? voice : 'cmn';
  const file = join(cacheDir, `${createHash('sha256').update(`${safeVoice}\n${text}`).digest('hex').slice(0, 32)}.wav`);
  if (existsSync(file)) return Promise.resolve(file);
  mkdirSync(cacheDir, { recursive: true });
  return new Promise((resolve, reject) => {
    execFile('espeak-ng', ['-v', safeVoice, '-w', file, '--', text], { timeout: TTS_TIMEOUT_MS }, (err) => {
      if (err) reject(new HotlineError(ErrorCode.Unavailable, `espeak-ng failed: ${err.message.slice(0, 200)}`));
      else resolve(file);
    });
  });
}
